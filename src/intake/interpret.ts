import type { CommandName, Flow, Flows, Locale } from './flows';
import { locales } from './flows';
import type { AnswerProblem } from './inputs';
import type { Catalogue, IntakeEvent, Position } from './machine';

/** What a prospect's message means at the question they are on. */
export type Interpretation =
  | { kind: 'event'; event: IntakeEvent }
  | { kind: 'help' }
  | { kind: 'submit' }
  | { kind: 'invalid'; problem: AnswerProblem }
  | { kind: 'tooLong' }
  | { kind: 'startAgain' }
  | { kind: 'finished' };

export const MAX_MESSAGE_LENGTH = 2000;

export const normalizeWords = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Commands are recognized in every locale: a prospect may type "aide" on the English flow. */
function commandOf(text: string, flows: Flows): CommandName | undefined {
  const words = normalizeWords(text);
  for (const locale of locales) {
    for (const [name, list] of Object.entries(flows[locale].commands) as [CommandName, string[]][]) {
      if (list.some((w) => normalizeWords(w) === words)) return name;
    }
  }
  return undefined;
}

function choiceByWording(step: string, text: string, flows: Flows): string | undefined {
  const words = normalizeWords(text);
  for (const locale of locales) {
    const wording = flows[locale].steps[step as keyof Flow['steps']];
    for (const [value, title] of Object.entries(wording?.choices ?? {})) {
      if (normalizeWords(title) === words) return value;
    }
    for (const [value, synonyms] of Object.entries(wording?.synonyms ?? {})) {
      if (synonyms.some((s) => normalizeWords(s) === words)) return value;
    }
  }
  return undefined;
}

function yesNoByWording(text: string, flows: Flows): boolean | undefined {
  const words = normalizeWords(text);
  for (const locale of locales) {
    if (normalizeWords(flows[locale].yesno.yes) === words) return true;
    if (normalizeWords(flows[locale].yesno.no) === words) return false;
  }
  return undefined;
}

/** Reads "change email", "change 3", "3" or "email" at the review into the step to change. */
export function stepToChange(text: string, reviewSteps: readonly string[], flows: Flows): string | undefined {
  let words = normalizeWords(text);
  for (const locale of locales) {
    for (const change of flows[locale].commands.change) {
      const prefix = normalizeWords(change);
      if (words.startsWith(`${prefix} `)) words = words.slice(prefix.length + 1).trim();
    }
  }
  const number = Number(words);
  if (Number.isInteger(number) && number >= 1 && number <= reviewSteps.length) return reviewSteps[number - 1];
  for (const step of reviewSteps) {
    const labels = locales.map((l) => flows[l].steps[step as keyof Flow['steps']]?.label ?? '');
    if (step.toLowerCase() === words || labels.some((label) => normalizeWords(label) === words)) return step;
  }
  return undefined;
}

export function interpret(
  text: string,
  position: Position,
  context: { flows: Flows; locale: Locale; catalogue: Catalogue; reviewSteps: readonly string[] },
): Interpretation {
  const { flows, catalogue } = context;
  if (text.length > MAX_MESSAGE_LENGTH) return { kind: 'tooLong' };
  const command = commandOf(text, flows);

  if (position.kind === 'submitted' || position.kind === 'declined') {
    return command === 'restart' || position.kind === 'declined'
      ? { kind: 'startAgain' }
      : { kind: 'finished' };
  }

  switch (command) {
    case 'english':
      return { kind: 'event', event: { type: 'SET_LOCALE', locale: 'en-CA' } };
    case 'french':
      return { kind: 'event', event: { type: 'SET_LOCALE', locale: 'fr-CA' } };
    case 'help':
      return { kind: 'help' };
    case 'handoff':
      return { kind: 'event', event: { type: 'HANDOFF' } };
    case 'back':
      return { kind: 'event', event: { type: 'BACK' } };
    case 'restart':
      return position.kind === 'confirmRestart'
        ? { kind: 'event', event: { type: 'CONFIRM_RESTART' } }
        : { kind: 'event', event: { type: 'RESTART' } };
    default:
      break;
  }

  if (position.kind === 'confirmRestart') {
    const yes = yesNoByWording(text, flows) ?? catalogue.consent?.input.fromText.safeParse(text).data;
    if (yes === true) return { kind: 'event', event: { type: 'CONFIRM_RESTART' } };
    if (yes === false) return { kind: 'event', event: { type: 'CANCEL_RESTART' } };
    return { kind: 'invalid', problem: { key: 'yesno' } };
  }

  if (position.kind === 'review') {
    if (command === 'confirm') return { kind: 'submit' };
    const step = stepToChange(text, context.reviewSteps, flows);
    if (step) return { kind: 'event', event: { type: 'CHANGE', step } };
    return { kind: 'invalid', problem: { key: command === 'change' ? 'changeWhich' : 'review' } };
  }

  const step = position.step;
  const input = catalogue[step]!.input;
  if (command === 'skip') {
    return input.optional
      ? { kind: 'event', event: { type: 'ANSWER', step, value: null } }
      : { kind: 'invalid', problem: { key: 'skipNotAllowed' } };
  }
  if (input.kind === 'choice') {
    const value = choiceByWording(step, text, flows);
    if (value !== undefined) return { kind: 'event', event: { type: 'ANSWER', step, value } };
  }
  if (input.kind === 'yesno') {
    const value = yesNoByWording(text, flows);
    if (value !== undefined) return { kind: 'event', event: { type: 'ANSWER', step, value } };
  }
  const parsed = input.fromText.safeParse(text);
  if (parsed.success) return { kind: 'event', event: { type: 'ANSWER', step, value: parsed.data } };
  const issue = parsed.error.issues[0];
  const params = issue && 'params' in issue ? (issue.params as AnswerProblem['params']) : undefined;
  return { kind: 'invalid', problem: { key: issue?.message ?? 'text.short', params } };
}
