import fs from 'node:fs';
import path from 'node:path';
import { stepsDocIsCurrent } from '../scripts/diagram';

const root = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
const docs = fs
  .readdirSync(path.join(root, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
const anchorsOf = (markdown: string) =>
  new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map(([, title]) => anchor(title!)));

describe('README', () => {
  it('links the step table and machine diagram, generated from the current machine', () => {
    expect(readme).toContain('](docs/steps.md)');
    expect(stepsDocIsCurrent()).toBe(true);
  });

  it('is a front page of at most 300 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
  });

  it('has a table of contents that lists its sections and whose links reach them', () => {
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map(([, title]) => anchor(title!));
    const links = [...readme.matchAll(/^- \[[^\]]+\]\(#([^)]+)\)$/gm)].map(([, target]) => target!);
    expect(links).toEqual(sections.filter((section) => section !== 'contents'));
  });

  it('links every page of docs/, where the sections it no longer holds live', () => {
    const unlinked = docs.filter((doc) => !readme.includes(`](${doc})`));
    expect(unlinked).toEqual([]);
  });

  it('and docs/ link only to files that exist and to headings they have', () => {
    const broken: string[] = [];
    for (const file of ['README.md', 'flows/README.md', ...docs]) {
      for (const [, target] of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue; // https:, mailto:
        const [filePart, hash] = target!.split('#');
        const linked = filePart ? path.join(path.dirname(file), filePart) : file;
        if (!fs.existsSync(path.join(root, linked))) broken.push(`${file}: ${target}`);
        else if (hash && linked.endsWith('.md') && !anchorsOf(read(linked)).has(hash))
          broken.push(`${file}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
