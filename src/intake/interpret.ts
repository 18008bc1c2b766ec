import type { CommandName, Flows, Locale, StepWording } from './flows';
import { locales } from './flows';
import type { AnswerProblem, ReadContext } from './inputs';
import { dontKnowPhrases } from './parse/words';
import type { Catalogue, IntakeEvent, Position } from './machine';

/** What a prospect's message means at the question they are on. */
export type Interpretation =
  | {
      kind: 'event';
      event: IntakeEvent;
      /** Said back about the answer: a conversion, a resolved date. */
      note?: AnswerProblem;
    }
  | { kind: 'help' }
  | { kind: 'submit' }
  | { kind: 'invalid'; problem: AnswerProblem }
  | { kind: 'tooLong' }
  | { kind: 'startAgain' }
  | { kind: 'finished' }
  /** Words after the intake was submitted: added to the lead. */
  | { kind: 'addition' };

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

/**
 * Every word the flows let a prospect type, normalized once per set of flows: commands, choice
 * titles and synonyms, yes/no titles and review labels, across all locales.
 */
interface Vocabulary {
  commands: Map<string, CommandName>;
  choices: Map<string, Map<string, string>>;
  yesNo: Map<string, boolean>;
  changePrefixes: string[];
  labels: Map<string, string>;
}

const vocabularies = new WeakMap<Flows, Vocabulary>();

function vocabularyOf(flows: Flows): Vocabulary {
  const cached = vocabularies.get(flows);
  if (cached) return cached;
  const vocabulary: Vocabulary = {
    commands: new Map(),
    choices: new Map(),
    yesNo: new Map(),
    changePrefixes: [],
    labels: new Map(),
  };
  for (const locale of locales) {
    const flow = flows[locale];
    for (const [name, list] of Object.entries(flow.commands) as [CommandName, string[]][]) {
      for (const word of list)
        if (!vocabulary.commands.has(normalizeWords(word)))
          vocabulary.commands.set(normalizeWords(word), name);
    }
    vocabulary.changePrefixes.push(...flow.commands.change.map(normalizeWords));
    vocabulary.yesNo.set(normalizeWords(flow.yesno.yes), true);
    vocabulary.yesNo.set(normalizeWords(flow.yesno.no), false);
    for (const [step, wording] of Object.entries(flow.steps) as [string, StepWording][]) {
      vocabulary.labels.set(normalizeWords(wording.label), step);
      const words = vocabulary.choices.get(step) ?? new Map<string, string>();
      for (const [value, title] of Object.entries(wording.choices ?? {}))
        words.set(normalizeWords(title), value);
      for (const [value, synonyms] of Object.entries(wording.synonyms ?? {})) {
        for (const synonym of synonyms) words.set(normalizeWords(synonym), value);
      }
      // A choice that means "don't know" takes every way of saying it ("idk", "je ne sais pas"…).
      const unsure = [...words].find(([word]) => dontKnowPhrases.includes(word))?.[1];
      if (unsure !== undefined) {
        for (const phrase of dontKnowPhrases) if (!words.has(phrase)) words.set(phrase, unsure);
      }
      vocabulary.choices.set(step, words);
    }
  }
  vocabularies.set(flows, vocabulary);
  return vocabulary;
}

/** Reads "change email", "change 3", "3" or "email" at the review into the step to change. */
export function stepToChange(text: string, reviewSteps: readonly string[], flows: Flows): string | undefined {
  const vocabulary = vocabularyOf(flows);
  let words = normalizeWords(text);
  const prefix = vocabulary.changePrefixes.find((p) => words.startsWith(`${p} `));
  if (prefix) words = words.slice(prefix.length + 1).trim();
  const number = Number(words);
  if (Number.isInteger(number) && number >= 1 && number <= reviewSteps.length) return reviewSteps[number - 1];
  const step = reviewSteps.find((id) => id.toLowerCase() === words) ?? vocabulary.labels.get(words);
  return step !== undefined && reviewSteps.includes(step) ? step : undefined;
}

export function interpret(
  text: string,
  position: Position,
  context: {
    flows: Flows;
    locale: Locale;
    catalogue: Catalogue;
    reviewSteps: () => readonly string[];
    /** Today and the answers so far, for readers that need them. */
    reading: ReadContext;
  },
): Interpretation {
  const { flows, catalogue } = context;
  if (text.length > MAX_MESSAGE_LENGTH) return { kind: 'tooLong' };
  const vocabulary = vocabularyOf(flows);
  const words = normalizeWords(text);
  const command = vocabulary.commands.get(words);

  if (position.kind === 'submitted' || position.kind === 'declined') {
    if (command === 'restart' || position.kind === 'declined') return { kind: 'startAgain' };
    return command !== undefined || words === '' ? { kind: 'finished' } : { kind: 'addition' };
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
    const consent = catalogue.consent?.input.read(text, context.reading);
    const yes = vocabulary.yesNo.get(words) ?? (consent && 'value' in consent ? consent.value : undefined);
    if (yes === true) return { kind: 'event', event: { type: 'CONFIRM_RESTART' } };
    if (yes === false) return { kind: 'event', event: { type: 'CANCEL_RESTART' } };
    return { kind: 'invalid', problem: { key: 'yesno' } };
  }

  if (position.kind === 'review') {
    if (command === 'confirm') return { kind: 'submit' };
    const step = stepToChange(text, context.reviewSteps(), flows);
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
    const value = vocabulary.choices.get(step)?.get(words);
    if (value !== undefined) return { kind: 'event', event: { type: 'ANSWER', step, value } };
  }
  if (input.kind === 'yesno') {
    const value = vocabulary.yesNo.get(words);
    if (value !== undefined) return { kind: 'event', event: { type: 'ANSWER', step, value } };
  }
  const reading = input.read(text, context.reading);
  if ('problem' in reading) return { kind: 'invalid', problem: reading.problem };
  const event: IntakeEvent = { type: 'ANSWER', step, value: reading.value };
  return reading.note ? { kind: 'event', event, note: reading.note } : { kind: 'event', event };
}
