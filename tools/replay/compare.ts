import { diffLines } from 'diff';
import { intakeStepOf, type Redaction } from '../../src/intake/redaction';
import type { ActivityJson, ReplayTurn } from './script';

/**
 * What a replay compares in each bot message: its text, the titles of its suggested actions and
 * the question it asks (`channelData.intake.step`). Ids, timestamps, conversation ids, service
 * URLs, accounts and reference numbers vary from run to run and are not compared; answers that
 * recorded transcripts redact are hidden on both sides.
 */

export interface ReplyView {
  text: string;
  suggestions: string[];
  step?: string;
}

export type MismatchKind = 'text' | 'suggestions' | 'step' | 'missing' | 'unexpected';

export interface Mismatch {
  turn: number;
  /** The prospect's activity, as the report shows it. */
  user: string;
  /** Which bot message of the turn (1-based). */
  message: number;
  kind: MismatchKind;
  expected?: string | string[];
  actual?: string | string[];
  /** For text: a line diff, `-` expected, `+` actual. */
  diff?: string;
}

export const REFERENCE_PATTERN = /\bIMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g;
export const REFERENCE_PLACEHOLDER = 'IMP-YYYY-XXXX-XXXX';

export function normalizeText(text: string): string {
  let normalized = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  normalized = normalized.replace(/[ \t]+$/gm, '').trim();
  return normalized.includes('IMP-')
    ? normalized.replace(REFERENCE_PATTERN, REFERENCE_PLACEHOLDER)
    : normalized;
}

/** The bot messages of a list of activities: typing indicators, traces and events are not replies. */
export function botMessages(activities: ActivityJson[]): ActivityJson[] {
  return activities.filter((a) => a.type === 'message');
}

export function viewOf(activity: ActivityJson, redaction?: Redaction): ReplyView {
  const step = intakeStepOf(activity);
  const raw = typeof activity.text === 'string' ? activity.text : '';
  const actions = activity.suggestedActions?.actions ?? [];
  return {
    text: normalizeText(redaction ? redaction.redactBotText(raw, step) : raw),
    suggestions: actions.map((a) => normalizeText(a.title ?? String(a.value ?? ''))),
    step,
  };
}

export function compareTurn(
  turn: ReplayTurn,
  userDescription: string,
  actualActivities: ActivityJson[],
  redaction: Redaction,
): Mismatch[] {
  const actualMessages = botMessages(actualActivities);
  // Redaction only matters where the texts differ: compare as they are first, it is much cheaper.
  const same = (a: ReplyView, b: ReplyView) =>
    a.text === b.text && a.suggestions.join('\u0000') === b.suggestions.join('\u0000') && a.step === b.step;
  if (
    turn.expected.length === actualMessages.length &&
    turn.expected.every((want, i) => {
      const got = viewOf(actualMessages[i]!);
      const view = viewOf(want);
      return same(view, view.step === undefined ? { ...got, step: undefined } : got);
    })
  ) {
    return [];
  }
  const expected = turn.expected.map((a) => viewOf(a, redaction));
  const actual = actualMessages.map((a) => viewOf(a, redaction));
  const mismatches: Mismatch[] = [];
  const at = (message: number, kind: MismatchKind, rest: Partial<Mismatch>) =>
    mismatches.push({ turn: turn.number, user: userDescription, message, kind, ...rest });
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const want = expected[i];
    const got = actual[i];
    if (!want) {
      at(i + 1, 'unexpected', { actual: got!.text, diff: renderDiff('', got!.text) });
      continue;
    }
    if (!got) {
      at(i + 1, 'missing', { expected: want.text, diff: renderDiff(want.text, '') });
      continue;
    }
    if (want.text !== got.text) {
      at(i + 1, 'text', { expected: want.text, actual: got.text, diff: renderDiff(want.text, got.text) });
    }
    if (want.suggestions.join('\u0000') !== got.suggestions.join('\u0000')) {
      at(i + 1, 'suggestions', { expected: want.suggestions, actual: got.suggestions });
    }
    // Hand-written .chat files say nothing of steps: compare them only when the recording has one.
    if (want.step !== undefined && want.step !== got.step) {
      at(i + 1, 'step', { expected: want.step, actual: got.step ?? '(none)' });
    }
  }
  return mismatches;
}

/** A line diff showing changed lines with one line of context: `-` expected, `+` actual. */
export function renderDiff(expected: string, actual: string, context = 1): string {
  const lines: { mark: ' ' | '-' | '+'; text: string }[] = [];
  for (const part of diffLines(expected ? `${expected}\n` : '', actual ? `${actual}\n` : '')) {
    const mark = part.added ? '+' : part.removed ? '-' : ' ';
    for (const text of part.value.replace(/\n$/, '').split('\n')) lines.push({ mark, text });
  }
  const keep = lines.map((line, i) =>
    lines.slice(Math.max(0, i - context), i + context + 1).some((l) => l.mark !== ' '),
  );
  const out: string[] = [];
  let skipped = false;
  lines.forEach((line, i) => {
    if (keep[i]) {
      out.push(`${line.mark} ${line.text}`);
      skipped = false;
    } else if (!skipped) {
      out.push('  …');
      skipped = true;
    }
  });
  return out.join('\n');
}
