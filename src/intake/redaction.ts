import { extend } from './objects';
import { locales, type Flows, type Locale } from './flows';
import { commandOf, interpret, type Interpretation } from './interpret';
import type { Catalogue } from './machine';
import { stepCatalogue, type Section } from './steps';

/**
 * Redaction only needs to know which step an answer belongs to, never what a relative date
 * means: any fixed day will do, and a fixed one keeps redactions stable.
 */
const READING_DAY = '2026-11-25';
/**
 * What recorded transcripts must not keep: the prospect's answers to the admissibility screening,
 * their contact details and any step the catalogue marks sensitive (mistreatment by an employer).
 * A redacted user message keeps the step it answered and, for a choice or a yes/no, the value
 * chosen, so that a replay can answer the same way; bot messages that repeat those answers (the
 * review, "your current answer is …") lose the repeated part.
 */

export const REDACTED = '[redacted]';
export const redactedSections: readonly Section[] = ['admissibility', 'contact'];

/** `channelData.intake` of a redacted user message. */
export interface RedactedAnswer {
  step: string;
  redacted: true;
  /** The choice value or the yes/no (true/false) the prospect gave; null for a question declined. */
  value?: unknown;
  /** Set when the message was not a valid answer: the problem the bot reported (e.g. `email`). */
  problem?: string;
}

/** The activity fields redaction reads and writes; any other field is carried over unchanged. */
export interface ActivityLike {
  type?: string;
  text?: string;
  speak?: string;
  value?: unknown;
  attachments?: unknown[];
  channelData?: unknown;
  [key: string]: unknown;
}

/** Placeholders for free-text answers, tried before the flows' own examples. */
const placeholders: Record<string, string[]> = {
  text: ['Redacted', 'Redacted answer'],
  email: ['redacted@example.com'],
  phone: ['604-555-0100', '+1 604 555 0100'],
  number: [],
  date: ['2030-01-15'],
  country: ['Canada'],
  money: ['$50,000'],
};

/** Texts tried, in order, to reproduce a rejected answer with the same problem. */
const invalidCandidates = [
  'redacted',
  'x',
  '-1',
  '99999',
  '0',
  '2026-02-30',
  '03/04/2026',
  'abc@',
  '1.5',
  'x'.repeat(1999),
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Redaction {
  private readonly steps: Set<string>;
  private readonly labels: Set<string>;
  private readonly reviewLabels: RegExp | undefined;
  private readonly currentAnswer: RegExp[];
  private readonly synthetic = new Map<string, string>();

  constructor(
    private readonly flows: Flows,
    private readonly catalogue: Catalogue = stepCatalogue,
  ) {
    this.steps = new Set(
      Object.entries(catalogue)
        .filter(([, s]) => redactedSections.includes(s.section) || s.sensitive === true)
        .map(([id]) => id),
    );
    const labels = [...this.steps].flatMap((step) =>
      locales.map((l) => flows[l].steps[step as keyof Flows[Locale]['steps']]?.label).filter(Boolean),
    ) as string[];
    this.labels = new Set(labels.map(plainLabel));
    // "3. **Email:** dana@example.com" in the review, in either language
    this.reviewLabels = labels.length
      ? new RegExp(
          `((?:${[...new Set(labels)]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|')})[ \\t\\u00a0]*:(?:\\*\\*)?[ \\t\\u00a0]*)([^\\n]+)`,
          'g',
        )
      : undefined;
    this.currentAnswer = locales.map((l) => {
      const [before, after = ''] = flows[l].messages.currentAnswer.split('{answer}');
      return new RegExp(`(${escapeRegExp(before!)})(.+?)(${escapeRegExp(after)})`, 'g');
    });
  }

  isRedactedStep(step: string | undefined): boolean {
    return step !== undefined && this.steps.has(step);
  }

  /**
   * The stored form of a prospect's message answering `step` (the step of the bot's last
   * question): a command or a skip is kept as typed; an answer, valid or not, loses its words.
   */
  redactUserActivity<A extends ActivityLike>(activity: A, step: string | undefined): A {
    if (!this.isRedactedStep(step) || activity.type !== 'message') return activity;
    const text = messageText(activity);
    const reading = this.read(text, step!);
    const answer: RedactedAnswer = { step: step!, redacted: true };
    if (reading.kind === 'event' && reading.event.type === 'ANSWER') {
      const kind = this.catalogue[step!]!.input.kind;
      if (reading.event.value === null) {
        // "skip" is kept as typed; a decline in the prospect's words ("no thanks, I work nights") is not
        if (commandOf(text, this.flows) === 'skip') return activity;
        answer.value = null;
      } else if (kind === 'choice' || kind === 'yesno') answer.value = reading.event.value;
    } else if (reading.kind === 'invalid') {
      answer.problem = reading.problem.key;
    } else if (reading.kind === 'tooLong') {
      answer.problem = 'tooLong';
    } else {
      return activity;
    }
    const redacted: A = extend(activity, { text: REDACTED });
    delete redacted.value;
    delete redacted.attachments;
    delete redacted.speak;
    const channelData = isObject(activity.channelData) ? activity.channelData : {};
    redacted.channelData = extend(channelData, { intake: answer });
    return redacted;
  }

  /** A bot message with the answers it repeats (review lines, current answer) hidden. */
  redactBotActivity<A extends ActivityLike>(activity: A): A {
    const step = intakeStepOf(activity);
    if (step !== 'review' && !this.isRedactedStep(step) && !activity.attachments?.length) return activity;
    const redactText = (text: string) => this.redactBotText(text, step);
    const copy: A = { ...activity };
    if (typeof copy.text === 'string') copy.text = redactText(copy.text) as A['text'];
    if (typeof copy.speak === 'string') copy.speak = redactText(copy.speak) as A['speak'];
    if (copy.attachments) copy.attachments = this.redactJson(copy.attachments, redactText) as unknown[];
    if (isObject(copy.channelData)) {
      const { intake, ...rest } = copy.channelData;
      copy.channelData = { ...(this.redactJson(rest, redactText) as object), ...(intake ? { intake } : {}) };
    }
    return copy;
  }

  /** The text of a bot message asking `step`, with the answers it repeats hidden. */
  redactBotText(text: string, step: string | undefined): string {
    let result = text;
    if (this.isRedactedStep(step)) {
      for (const pattern of this.currentAnswer) result = result.replace(pattern, `$1${REDACTED}$3`);
    }
    if (step === 'review' && this.reviewLabels) result = result.replace(this.reviewLabels, `$1${REDACTED}`);
    return result;
  }

  /**
   * What a replay types for a redacted message: the same choice, or an answer of the same kind
   * that the bot accepts (or rejects with the same problem, when the original was rejected).
   */
  syntheticText(answer: RedactedAnswer): string {
    const cacheKey = JSON.stringify([answer.step, answer.value, answer.problem]);
    let text = this.synthetic.get(cacheKey);
    if (text === undefined) {
      text = this.synthesize(answer);
      this.synthetic.set(cacheKey, text);
    }
    return text;
  }

  /** A valid answer to `step` as a prospect would type it (used by replays and path generation). */
  sampleAnswer(step: string, locale: Locale = 'en-CA'): string {
    const definition = this.catalogue[step];
    if (!definition) throw new Error(`no step "${step}" in the catalogue`);
    const examples = [locale, ...locales.filter((l) => l !== locale)].map(
      (l) => this.flows[l].steps[step as keyof Flows[Locale]['steps']]?.example,
    );
    const candidates = [
      ...(this.steps.has(step) ? (placeholders[definition.input.kind] ?? []) : []),
      ...examples.filter((e): e is string => Boolean(e)),
      ...(placeholders[definition.input.kind] ?? []),
      '1',
      '2030-01-15',
      "don't know",
      'Redacted',
    ];
    const found = candidates.find((candidate) => {
      const reading = this.read(candidate, step);
      return reading.kind === 'event' && reading.event.type === 'ANSWER' && reading.event.value !== null;
    });
    if (found === undefined) throw new Error(`no sample answer is accepted at "${step}"`);
    return found;
  }

  private synthesize(answer: RedactedAnswer): string {
    const { step } = answer;
    const definition = this.catalogue[step];
    if (!definition) throw new Error(`a redacted answer names an unknown step "${step}"`);
    if (answer.problem !== undefined) {
      const found = invalidCandidates.find((candidate) => {
        const reading = this.read(candidate, step);
        if (answer.problem === 'tooLong') return reading.kind === 'tooLong';
        return reading.kind === 'invalid' && reading.problem.key === answer.problem;
      });
      if (answer.problem === 'tooLong' && found === undefined) return 'x'.repeat(2001);
      if (found === undefined) throw new Error(`cannot reproduce problem "${answer.problem}" at "${step}"`);
      return found;
    }
    if (answer.value !== undefined) {
      const kind = definition.input.kind;
      const titles =
        kind === 'yesno'
          ? [answer.value === true ? this.flows['en-CA'].yesno.yes : this.flows['en-CA'].yesno.no]
          : locales.map(
              (l) =>
                this.flows[l].steps[step as keyof Flows[Locale]['steps']]?.choices?.[String(answer.value)],
            );
      const candidates =
        answer.value === null
          ? this.flows['en-CA'].commands.skip
          : [...titles.filter((t): t is string => Boolean(t)), String(answer.value)];
      const found = candidates.find((candidate) => {
        const reading = this.read(candidate, step);
        return (
          reading.kind === 'event' && reading.event.type === 'ANSWER' && reading.event.value === answer.value
        );
      });
      if (found === undefined) throw new Error(`cannot type the value ${String(answer.value)} at "${step}"`);
      return found;
    }
    return this.sampleAnswer(step);
  }

  private read(text: string, step: string): Interpretation {
    return interpret(
      text,
      { kind: 'step', step },
      {
        flows: this.flows,
        locale: 'en-CA',
        catalogue: this.catalogue,
        reviewSteps: () => [],
        reading: { today: READING_DAY, answers: {} },
      },
    );
  }

  /** Hides answers inside cards and channel data: facts titled with a label, inputs named by a step. */
  private redactJson(value: unknown, redactText: (text: string) => string): unknown {
    if (typeof value === 'string') return redactText(value);
    if (Array.isArray(value)) return value.map((item) => this.redactJson(item, redactText));
    if (!isObject(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = this.redactJson(item, redactText);
    const names = [value.title, value.label, value.id, value.step]
      .filter((n): n is string => typeof n === 'string')
      .map(plainLabel);
    if (names.some((name) => this.isRedactedStep(name) || this.isRedactedLabel(name))) {
      for (const key of ['value', 'answer', 'text']) if (key in copy && key !== 'title') copy[key] = REDACTED;
    }
    return copy;
  }

  private isRedactedLabel(name: string): boolean {
    return this.labels.has(name);
  }
}

/** "17\\. **Email:**" → "Email": a card or list title without numbering, escapes or emphasis. */
function plainLabel(title: string): string {
  return title
    .replace(/[\\*_]/g, '')
    .replace(/^\s*\d+\s*[.)]\s*/, '')
    .replace(/[:\s]+$/, '')
    .trim();
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `channelData.intake.step` of an activity: the question a bot message asks. */
export function intakeStepOf(activity: { channelData?: unknown }): string | undefined {
  const channelData = activity.channelData;
  if (!isObject(channelData) || !isObject(channelData.intake)) return undefined;
  const step = channelData.intake.step;
  return typeof step === 'string' ? step : undefined;
}

/** The redaction record of a user message, when it was redacted. */
export function redactedAnswerOf(activity: { channelData?: unknown }): RedactedAnswer | undefined {
  const channelData = activity.channelData;
  if (!isObject(channelData) || !isObject(channelData.intake)) return undefined;
  const intake = channelData.intake;
  return intake.redacted === true && typeof intake.step === 'string'
    ? (intake as unknown as RedactedAnswer)
    : undefined;
}

/** The prospect's words, as the bot reads them: typed text, or the value of a card or button. */
export function messageText(activity: ActivityLike): string {
  if (typeof activity.text === 'string' && activity.text.trim() !== '') return activity.text;
  const value = activity.value as { text?: unknown; action?: unknown } | string | undefined;
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.text === 'string') return value.text;
  if (isObject(value) && typeof value.action === 'string') return value.action;
  return '';
}
