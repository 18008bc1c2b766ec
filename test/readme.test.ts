import fs from 'node:fs';
import path from 'node:path';
import { stepsDocIsCurrent } from '../scripts/diagram';

const root = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('links the step table and machine diagram, generated from the current machine', () => {
    expect(readme).toContain('](docs/steps.md)');
    expect(stepsDocIsCurrent()).toBe(true);
  });

  it('has a table of contents whose links reach its sections', () => {
    const anchors = new Set(
      [...readme.matchAll(/^## (.+)$/gm)].map(([, title]) =>
        title!
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor!);
    expect(links.length).toBeGreaterThan(8);
    for (const anchor of links) expect(anchors).toContain(anchor);
  });
});
