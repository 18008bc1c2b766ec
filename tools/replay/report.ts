import { renderDiff, type Mismatch } from './compare';
import { formatCoverage } from './coverage';
import type { FileReport, ReplayReport } from './runner';

/** How many differences of one file are printed before "… and N more". */
const SHOWN_PER_FILE = 5;

export interface Style {
  red(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
export const colors: Style = { red: ansi(31), green: ansi(32), dim: ansi(2), bold: ansi(1) };
export const plain: Style = { red: (t) => t, green: (t) => t, dim: (t) => t, bold: (t) => t };

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));

function formatMismatch(mismatch: Mismatch, style: Style): string {
  const where = mismatch.message > 1 ? ` (bot message ${mismatch.message})` : '';
  const lines: string[] = [];
  switch (mismatch.kind) {
    case 'text':
      lines.push(`text differs${where}:`);
      lines.push(indent(colorDiff(mismatch.diff ?? '', style), '  '));
      break;
    case 'suggestions':
      lines.push(`suggested actions differ${where}:`);
      lines.push(`  ${style.red(`- ${formatList(mismatch.expected)}`)}`);
      lines.push(`  ${style.green(`+ ${formatList(mismatch.actual)}`)}`);
      break;
    case 'step':
      lines.push(
        `step differs${where}: expected ${show(mismatch.expected)}, actual ${show(mismatch.actual)}`,
      );
      break;
    case 'missing':
      lines.push(`the bot did not send an expected message${where}:`);
      lines.push(indent(colorDiff(mismatch.diff ?? '', style), '  '));
      break;
    case 'unexpected':
      lines.push(`the bot sent a message the transcript does not have${where}:`);
      lines.push(indent(colorDiff(mismatch.diff ?? '', style), '  '));
      break;
  }
  return lines.join('\n');
}

const formatList = (value: string | string[] | undefined) =>
  Array.isArray(value) ? (value.length ? `[${value.join(' | ')}]` : '(none)') : String(value ?? '(none)');

function colorDiff(diff: string, style: Style): string {
  return diff
    .split('\n')
    .map((line) =>
      line.startsWith('-') ? style.red(line) : line.startsWith('+') ? style.green(line) : style.dim(line),
    )
    .join('\n');
}

export function formatFileReport(report: FileReport, style: Style = plain): string {
  if (report.status === 'error')
    return `${style.red('✗')} ${report.file}\n  ${style.red(`error: ${report.error}`)}`;
  const mark = report.updated ? '↻' : report.status === 'passed' ? style.green('✓') : style.red('✗');
  const suffix = report.updated ? ' (expected replies updated)' : ` (${report.turns} turns)`;
  const lines = [`${mark} ${report.file}${style.dim(suffix)}`];
  for (const note of report.notes) lines.push(style.dim(`  note: ${note}`));
  if (report.updated || report.status === 'passed') return lines.join('\n');

  const byTurn = new Map<number, Mismatch[]>();
  for (const mismatch of report.mismatches)
    byTurn.set(mismatch.turn, [...(byTurn.get(mismatch.turn) ?? []), mismatch]);
  let shown = 0;
  for (const [turn, mismatches] of byTurn) {
    if (shown >= SHOWN_PER_FILE) break;
    lines.push(`  ${style.bold(`turn ${turn}`)} — user: ${mismatches[0]!.user}`);
    for (const mismatch of mismatches) lines.push(indent(formatMismatch(mismatch, style), '    '));
    shown++;
  }
  if (byTurn.size > shown)
    lines.push(style.dim(`  … and ${byTurn.size - shown} more turn(s) with differences`));
  const differences = report.lead?.differences ?? [];
  if (differences.length) {
    lines.push(`  ${style.bold('lead differs')} (${differences.length} field(s)):`);
    const long = (v: unknown) => typeof v === 'string' && (v.length > 100 || v.includes('\n'));
    for (const d of differences.slice(0, 20)) {
      if (long(d.expected) && long(d.actual)) {
        lines.push(`    ${d.path}:`);
        lines.push(indent(colorDiff(renderDiff(String(d.expected), String(d.actual)), style), '      '));
      } else {
        lines.push(
          `    ${d.path}: expected ${style.red(show(d.expected))}, actual ${style.green(show(d.actual))}`,
        );
      }
    }
    if (differences.length > 20) lines.push(style.dim(`    … and ${differences.length - 20} more field(s)`));
  }
  return lines.join('\n');
}

export function formatSummary(report: ReplayReport, style: Style = plain): string {
  const lines: string[] = [];
  if (report.coverage) lines.push(formatCoverage(report.coverage));
  if (report.updated) lines.push(`${report.updated} file(s) updated`);
  const seconds = (report.durationMs / 1000).toFixed(2);
  lines.push(style.dim(`replayed ${report.files.length} file(s) ${report.driver} in ${seconds} s`));
  const counts = `${report.passed} passed, ${report.failed} failed`;
  lines.push(report.failed ? style.red(counts) : style.green(counts));
  return lines.join('\n');
}

/** The machine-readable report of `--json`. */
export function jsonReport(report: ReplayReport): string {
  return JSON.stringify(report, null, 2);
}
