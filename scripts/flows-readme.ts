import fs from 'node:fs';
import path from 'node:path';
import { loadFlow } from '../src/intake/flows';
import { stepCatalogue, stepIds } from '../src/intake/steps';
import { projectRoot } from '../src/paths';
import { replaceBlock } from './diagram';

/**
 * Writes the table "The steps, in order" of flows/README.md from the step catalogue
 * (src/intake/steps.ts) and the English wording (flows/en-CA.yaml): `npm run flows:readme` after
 * adding, moving or rewording a step; `--check` fails when the committed table is stale. The
 * table depends on nothing but those two files, so a rerun after a merge writes the same bytes.
 */

const readmeName = 'flows/README.md';
export const flowsReadmePath = path.join(projectRoot, readmeName);
const block = ['<!-- steps:start -->', '<!-- steps:end -->'] as const;

const inputNames: Record<string, string> = { yesno: 'yes/no' };

/** Markdown table cells hold one line and no bare `|`. */
const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

/** The question itself: the prompt up to its first question mark (a prompt may go on to explain). */
function question(prompt: string): string {
  const end = prompt.indexOf('?');
  return end < 0 ? prompt : prompt.slice(0, end + 1);
}

export function flowsStepTable(): string {
  const english = loadFlow('en-CA');
  const rows = stepIds.map((id, index) => {
    const { section, input, when } = stepCatalogue[id];
    const kind = inputNames[input.kind] ?? input.kind;
    const choices = input.kind === 'choice' ? ` (${input.choices?.length ?? 0})` : '';
    const wording = english.steps[id]!;
    return `| ${index + 1} | \`${id}\` | ${section} | ${kind}${choices}${input.optional ? ', optional' : ''} | ${when ? `\`${when}\`` : 'everyone'} | ${cell(wording.label)} | ${cell(question(wording.prompt))} |`;
  });
  return [
    '| # | Step id | Section | Input | Asked when | Label | What it asks (English) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function withTable(readme: string): string {
  return replaceBlock(readme, block, flowsStepTable(), readmeName);
}

export function flowsReadmeIsCurrent(readmePath = flowsReadmePath): boolean {
  const readme = fs.readFileSync(readmePath, 'utf8');
  return withTable(readme) === readme;
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    if (!flowsReadmeIsCurrent()) {
      console.error(`${readmeName}: the step table is out of date; run \`npm run flows:readme\`.`);
      process.exit(1);
    }
    console.log(`${readmeName}: the step table is current.`);
  } else {
    fs.writeFileSync(flowsReadmePath, withTable(fs.readFileSync(flowsReadmePath, 'utf8')));
    console.log(`${readmeName}: step table written.`);
  }
}
