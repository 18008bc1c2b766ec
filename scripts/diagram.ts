import fs from 'node:fs';
import path from 'node:path';
import { intakeMachine } from '../src/intake/machine';
import { stepCatalogue, stepIds } from '../src/intake/steps';
import { projectRoot } from '../src/paths';

/**
 * Writes the step table and the Mermaid diagram of the intake machine into docs/steps.md (linked
 * from the README), from the catalogue and the machine definition themselves: `npm run diagram`
 * after changing the catalogue; `--check` fails when the file is stale.
 */

type AnyNode = {
  id: string;
  key: string;
  type: string;
  states: Record<string, AnyNode>;
  transitions: Map<string, { target?: AnyNode[]; guard?: unknown }[]>;
  always?: { target?: AnyNode[]; guard?: unknown }[];
};

const blocks = {
  diagram: ['<!-- machine-diagram:start -->', '<!-- machine-diagram:end -->'],
  steps: ['<!-- steps:start -->', '<!-- steps:end -->'],
} as const;

function describeGuard(guard: unknown): string {
  if (guard === undefined) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const composite = guard as { name: string; guards?: unknown[] };
    const parts = (composite.guards ?? []).map(describeGuard);
    if (composite.name === 'not') return `not ${parts[0]}`;
    return parts.join(` ${composite.name} `);
  }
  if (typeof guard === 'object' && guard !== null && 'type' in guard)
    return String((guard as { type: string }).type);
  return '?';
}

/** Only the transitions that show the questionnaire's shape: answers, skips and the review. */
function relevanceOf(guard: unknown): string | undefined {
  const text = describeGuard(guard);
  const match = /not (\w+)/.exec(text.replace('not isMovingBack', ''));
  return match ? `not ${match[1]}` : undefined;
}

const mermaidId = (node: AnyNode) => node.id.replace(/[^A-Za-z0-9_]/g, '_');

export function machineDiagram(): string {
  const lines = ['stateDiagram-v2', '  direction TB'];
  const edges: string[] = [];

  function visit(node: AnyNode, indent: string): void {
    const children = Object.values(node.states);
    for (const child of children) {
      if (child.type === 'history') continue;
      const id = mermaidId(child);
      if (Object.keys(child.states).length > 0) {
        lines.push(`${indent}state "${child.key}" as ${id} {`);
        visit(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}${id}: ${child.key}`);
        if (child.type === 'final') edges.push(`  ${id} --> [*]`);
      }
      for (const [event, transitions] of child.transitions) {
        if (event === 'BACK' || event === 'CHANGE') continue;
        for (const transition of transitions) {
          for (const target of transition.target ?? []) {
            const guard = describeGuard(transition.guard);
            const label =
              guard && !guard.startsWith('isAnswerTo') && guard !== 'isSubmission'
                ? `${event} [${guard}]`
                : event;
            edges.push(`  ${id} --> ${mermaidId(target)}: ${label}`);
          }
        }
      }
      for (const transition of child.always ?? []) {
        const skip = relevanceOf(transition.guard);
        if (!skip || describeGuard(transition.guard).includes('isMovingBack and')) continue;
        for (const target of transition.target ?? [])
          edges.push(`  ${id} --> ${mermaidId(target)}: skip [${skip}]`);
      }
    }
  }

  const root = intakeMachine.root as unknown as AnyNode;
  lines.push(`  [*] --> ${mermaidId(root.states.questions!.states.welcome!.states.consent!)}`);
  visit(root, '  ');
  edges.push(
    '  intake_questions --> intake_confirmingRestart: RESTART',
    '  intake_confirmingRestart --> intake_questions: CANCEL_RESTART (back where they were)',
  );
  return [...lines, ...new Set(edges)].join('\n');
}

export function stepTable(): string {
  const rows = stepIds.map((id) => {
    const { section, input, when } = stepCatalogue[id];
    const choices = input.kind === 'choice' ? ` (${input.choices?.join(', ')})` : '';
    return `| \`${id}\` | ${section} | ${input.kind}${choices}${input.optional ? ', optional' : ''} | ${when ?? 'always'} |`;
  });
  return ['| step id | section | input | asked when |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replaces what lies between a generated block's two markers in `doc` (named `docName` in errors). */
export function replaceBlock(
  doc: string,
  [start, end]: readonly [string, string],
  content: string,
  docName = stepsDocName,
): string {
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${docName} has no ${start} … ${end} block`);
  return `${doc.slice(0, from)}${start}\n${content}\n${end}${doc.slice(to + end.length)}`;
}

function readmeWithDiagram(readme: string): string {
  const withDiagram = replaceBlock(readme, blocks.diagram, `\`\`\`mermaid\n${machineDiagram()}\n\`\`\``);
  return replaceBlock(withDiagram, blocks.steps, stepTable());
}

const stepsDocName = 'docs/steps.md';
export const stepsDocPath = path.join(projectRoot, stepsDocName);

export function stepsDocIsCurrent(docPath = stepsDocPath): boolean {
  const doc = fs.readFileSync(docPath, 'utf8');
  return readmeWithDiagram(doc) === doc;
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    if (!stepsDocIsCurrent()) {
      console.error(
        `${stepsDocName}: the step table or machine diagram is out of date; run \`npm run diagram\`.`,
      );
      process.exit(1);
    }
    console.log(`${stepsDocName}: the step table and machine diagram are current.`);
  } else {
    fs.writeFileSync(stepsDocPath, readmeWithDiagram(fs.readFileSync(stepsDocPath, 'utf8')));
    console.log(`${stepsDocName}: step table and machine diagram written.`);
  }
}
