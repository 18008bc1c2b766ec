import type { CommandName, Flow, Flows, Locale, StepWording } from './flows';
import { locales } from './flows';
import { yesNo, type AnswerProblem, type ReadContext } from './inputs';
import { choicePhrase, readChoice, type ChoicePhrase } from './parse/choices';
import { dontKnowPhrases, isQuestion } from './parse/words';
import type { Catalogue, IntakeEvent, Position } from './machine';
import { cityIn } from './places';
import { isRelevant } from './relevance';
import type { Answers } from './steps';

/** What a prospect's message means at the question they are on. */
export type Interpretation =
  | {
      kind: 'event';
      event: IntakeEvent;
      /** Said back about the answer: a conversion, a resolved date. */
      note?: AnswerProblem;
      /** Answers to later questions given in the same message, in order. */
      then?: IntakeEvent[];
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

/** Problems that offer choices (NOC groups for a job title): a question mark does not hide them. */
const OFFERS = new Set(['noc.suggest']);

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
  /** The choices' own titles, per step: answers typed as a title need no saying back. */
  titles: Map<string, Set<string>>;
  /** Every title, synonym and value of each step's choices, as words: for answers in a sentence. */
  phrases: Map<string, ChoicePhrase[]>;
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
    titles: new Map(),
    phrases: new Map(),
    yesNo: new Map(),
    changePrefixes: [],
    labels: new Map(),
  };
  const ambiguous = new Set<string>();
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
      const titles = vocabulary.titles.get(step) ?? new Set<string>();
      for (const [value, title] of Object.entries(wording.choices ?? {})) {
        words.set(normalizeWords(title), value);
        titles.add(normalizeWords(title));
      }
      vocabulary.titles.set(step, titles);
      for (const [value, synonyms] of Object.entries(wording.synonyms ?? {})) {
        for (const synonym of synonyms) {
          const word = normalizeWords(synonym);
          // a word given for two choices ("both") names neither: it is offered back as the two
          if (words.has(word) && words.get(word) !== value) ambiguous.add(`${step}\u0000${word}`);
          words.set(word, value);
        }
      }
      for (const key of ambiguous) {
        const [ambiguousStep, word] = key.split('\u0000') as [string, string];
        if (ambiguousStep === step) words.delete(word);
      }
      // A choice that means "don't know" takes every way of saying it ("idk", "je ne sais pas"…).
      const unsure = [...words].find(([word]) => dontKnowPhrases.includes(word))?.[1];
      if (unsure !== undefined) {
        for (const phrase of dontKnowPhrases) if (!words.has(phrase)) words.set(phrase, unsure);
      }
      vocabulary.choices.set(step, words);
      const phrases = vocabulary.phrases.get(step) ?? [];
      const named = [
        ...Object.entries(wording.choices ?? {}).flatMap(([value, title]) => [
          [value, title],
          [value, value],
        ]),
        ...Object.entries(wording.synonyms ?? {}).flatMap(([value, list]) => list.map((w) => [value, w])),
      ];
      for (const [value, text] of named) {
        const phrase = choicePhrase(value!, text!);
        if (phrase) phrases.push(phrase);
      }
      vocabulary.phrases.set(step, phrases);
    }
  }
  vocabularies.set(flows, vocabulary);
  return vocabulary;
}

/** The command a message is ("skip", "back", "aide"…), in either language. */
export function commandOf(text: string, flows: Flows): CommandName | undefined {
  return vocabularyOf(flows).commands.get(normalizeWords(text));
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
    if (value !== undefined) {
      const event: IntakeEvent = { type: 'ANSWER', step, value };
      // a synonym ("MBA", "tourist") is a reading of the answer: it is said back
      return vocabulary.titles.get(step)?.has(words) || words === value.toLowerCase()
        ? { kind: 'event', event }
        : { kind: 'event', event, note: { key: 'choice.read' } };
    }
  }
  if (input.kind === 'yesno') {
    const value = vocabulary.yesNo.get(words);
    if (value !== undefined) return { kind: 'event', event: { type: 'ANSWER', step, value } };
  }
  const reading = input.read(text, context.reading);
  if ('problem' in reading) {
    if (input.kind === 'choice') {
      const choice = readChoiceIn(text, step, input, vocabulary, context);
      if (choice) return choice;
    }
    // "no thanks" to a question that may be skipped ("would you like the firm to call you?")
    if (input.optional && declines(text, context.reading)) {
      return { kind: 'event', event: { type: 'ANSWER', step, value: null } };
    }
    // "what is NOC?", "why do you need to know?": the question is explained, not re-asked
    // (unless the reader found something to offer: "what is my NOC? I'm a cook")
    if (isQuestion(text) && !OFFERS.has(reading.problem.key)) return { kind: 'help' };
    return { kind: 'invalid', problem: withChoices(reading.problem, step, input.choices, context) };
  }
  const event: IntakeEvent = { type: 'ANSWER', step, value: reading.value };
  // later questions answered in the same message count only where they are asked
  const answers = { ...context.reading.answers, [step]: reading.value } as Answers;
  const then = Object.entries(reading.also ?? {})
    .filter(([other]) => catalogue[other] !== undefined && isRelevant(other, answers, catalogue))
    .map(([other, value]): IntakeEvent => ({ type: 'ANSWER', step: other, value }));
  const note = reading.also && !then.length ? (reading.noteAlone ?? reading.note) : reading.note;
  return {
    kind: 'event',
    event,
    ...(note ? { note } : {}),
    ...(then.length ? { then } : {}),
  };
}

const yesNoReader = yesNo();

/** A no ("no", "no thanks", "non merci"): read only where the answer itself could not be. */
function declines(text: string, reading: ReadContext): boolean {
  const answer = yesNoReader.read(text, reading);
  return 'value' in answer && answer.value === false;
}

/**
 * A choice named inside a sentence ("work first, then PR eventually"), or a city for a province:
 * taken and said back. Two choices named alike are offered back as the two nearest.
 */
function readChoiceIn(
  text: string,
  step: string,
  input: Catalogue[string]['input'],
  vocabulary: Vocabulary,
  context: { flows: Flows; locale: Locale },
): Interpretation | undefined {
  const values = input.choices ?? [];
  const reading = readChoice(text, vocabulary.phrases.get(step) ?? [], values);
  const answer = (value: string, note: AnswerProblem): Interpretation => ({
    kind: 'event',
    event: { type: 'ANSWER', step, value },
    note,
  });
  if (reading && 'value' in reading) return answer(reading.value, { key: 'choice.read' });
  if (input.places === 'province') {
    const city = cityIn(text);
    if (city && values.includes(city.province))
      return answer(city.province, { key: 'choice.place', params: { place: city.name } });
  }
  if (reading && 'nearest' in reading) {
    const titles = context.flows[context.locale].steps[step as keyof Flow['steps']]?.choices ?? {};
    const [first, second] = reading.nearest.map(
      (value) => `${values.indexOf(value) + 1}. ${titles[value] ?? value}`,
    );
    return {
      kind: 'invalid',
      problem: { key: 'choice.nearest', params: { first: first!, second: second! } },
    };
  }
  return undefined;
}

/** A refused choice lists its options, numbered, since they may be answered by number. */
function withChoices(
  problem: AnswerProblem,
  step: string,
  values: readonly string[] | undefined,
  context: { flows: Flows; locale: Locale },
): AnswerProblem {
  if (problem.key !== 'choice' || !values) return problem;
  const titles = context.flows[context.locale].steps[step as keyof Flow['steps']]?.choices ?? {};
  const options = values.map((value, i) => `${i + 1}. ${titles[value] ?? value}`).join('\n');
  return { ...problem, params: { ...problem.params, options } };
}
