import fs from 'node:fs';
import path from 'node:path';
import { ref } from '../../src/screening/reference';

/**
 * Every domain citation resolves inside the repository: a rule or comment that cites `§N` finds
 * a section N in docs/domain.md, and nothing in src/ sends a reader to a file the repository
 * does not hold (the shared domain reference outside it, say).
 */

const root = path.resolve(__dirname, '../..');
const domainDoc = 'docs/domain.md';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
}

const cited = ['src', 'flows'].flatMap((dir) => filesUnder(path.join(root, dir)));
const relative = (file: string) => path.relative(root, file);

/** Section numbers of docs/domain.md, by its `## N. Title` headings, with their titles. */
function domainSections(): Map<number, string> {
  const docPath = path.join(root, domainDoc);
  const doc = fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : '';
  return new Map(
    [...doc.matchAll(/^## (\d+)\. (.+)$/gm)].map(([, number, title]) => [Number(number), title!]),
  );
}

describe(`domain citations (${domainDoc})`, () => {
  const sections = domainSections();

  it('has a section for every § cited in src/ and flows/', () => {
    const missing: string[] = [];
    for (const file of cited) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [citation, number] of text.matchAll(/§\s?(\d+)/g)) {
        if (!sections.has(Number(number))) missing.push(`${relative(file)}: ${citation}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("names each section of the rules' ref table as its heading does", () => {
    // a heading may qualify its title in brackets, e.g. "(review of Nov 2026 against …)"
    const plain = (title: string) => title.replace(/\s*\(.*\)$/, '');
    for (const label of Object.values(ref)) {
      const [, number, title] = /^§(\d+) (.+)$/.exec(label) ?? [];
      expect({ number, title: plain(sections.get(Number(number)) ?? '(no such section)') }).toEqual({
        number,
        title: plain(title!),
      });
    }
  });

  it('sends no reader of src/ to a file outside the repository', () => {
    const outside: string[] = [];
    for (const file of cited) {
      const text = fs.readFileSync(file, 'utf8');
      if (/imp-reference|\.\.\/shared\b|\/work\/|shared\/domain/.test(text)) outside.push(relative(file));
      // a Markdown file named in src/ is one the repository holds (by its path, or by its name)
      for (const [name] of text.matchAll(/[\w./-]+\.md\b/g)) {
        const byPath = fs.existsSync(path.join(root, name));
        const byName = fs.existsSync(path.join(root, 'docs', path.basename(name)));
        if (!byPath && !byName) outside.push(`${relative(file)}: ${name}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
