import fs from 'node:fs';
import { flowsReadmePath, flowsStepTable } from '../../scripts/flows-readme';

/** The firm's editors read flows/README.md: its step table is generated, never hand-kept. */
describe('flows/README.md', () => {
  it('lists every step of the catalogue with its English wording, as `npm run flows:readme` writes it', () => {
    const readme = fs.readFileSync(flowsReadmePath, 'utf8');
    const committed = /<!-- steps:start -->\n([\s\S]*?)\n<!-- steps:end -->/.exec(readme)?.[1];
    // on failure: run `npm run flows:readme` and commit flows/README.md
    expect(committed).toEqual(flowsStepTable());
  });
});
