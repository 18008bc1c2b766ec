import {
  IntakeEngine,
  type StoredConversation,
  type TurnDependencies,
  type TurnResult,
} from '../../src/intake/conversation';
import { loadFlows, type Flow, type Flows } from '../../src/intake/flows';
import { countryName, type Money, type Noc } from '../../src/intake/inputs';
import { stepCatalogue, type Answers, type StepId } from '../../src/intake/steps';

let cachedFlows: Flows | undefined;
export const flows = (): Flows => (cachedFlows ??= loadFlows());

export const fixedDependencies = (now = '2026-11-25T17:00:00.000Z'): TurnDependencies => ({
  now: () => new Date(now),
  newLeadId: () => 'lead-test-1',
  newReference: () => 'IMP-2026-TEST-0001',
});

/** What a prospect would type to give `value` as the answer to `step`. */
export function typedAnswer(step: string, value: unknown, flow: Flow): string {
  const input = stepCatalogue[step as StepId].input;
  if (value === null) return 'skip';
  switch (input.kind) {
    case 'yesno':
      return value ? flow.yesno.yes : flow.yesno.no;
    case 'choice':
      return flow.steps[step as StepId].choices?.[String(value)] ?? String(value);
    case 'country':
      return countryName(String(value), 'en-CA');
    case 'money': {
      const money = value as Money;
      const currency = money.currency ? ` ${money.currency}` : '';
      if (money.given) return `$${money.given.amount} a ${money.given.per}${currency}`;
      return money.per === 'hour'
        ? `$${money.amount}/h${currency}`
        : `$${money.amount.toLocaleString('en-CA')}${currency}`;
    }
    default:
      if (step === 'languageLevel') {
        if (typeof value === 'number') return `CLB ${value}`;
        const scores = value as Record<string, number>;
        if ('overall' in scores) return String(scores.overall);
        return `L ${scores.listening} R ${scores.reading} W ${scores.writing} S ${scores.speaking}`;
      }
      if (typeof value === 'object') {
        const noc = value as Noc;
        return noc.noc ?? (noc.teer !== undefined ? `TEER ${noc.teer}` : "don't know");
      }
      return String(value);
  }
}

export interface Conversation {
  engine: IntakeEngine;
  state?: StoredConversation;
  last: TurnResult;
  say(text: string): TurnResult;
  step(): string;
}

export function converse(
  engine = new IntakeEngine(flows()),
  locale: 'en-CA' | 'fr-CA' = 'en-CA',
  deps = fixedDependencies(),
): Conversation {
  const first = engine.start(locale);
  const conversation: Conversation = {
    engine,
    state: first.state,
    last: first,
    say(text: string) {
      const result = engine.handle(conversation.state, text, deps, locale);
      conversation.state = result.state;
      conversation.last = result;
      return result;
    },
    step() {
      const position = conversation.last.position;
      return position.kind === 'step' ? position.step : position.kind;
    },
  };
  return conversation;
}

/** Types the answer to each question asked until the review; throws on a question `answers` lacks. */
export function typeUntilReview(
  conversation: Conversation,
  answers: Answers,
  flow: Flow = flows()['en-CA'],
): string[] {
  const asked: string[] = [];
  while (conversation.last.position.kind === 'step') {
    const step = conversation.step();
    if (!(step in answers)) throw new Error(`asked "${step}", which this prospect has no answer for`);
    asked.push(step);
    const before = step;
    const result = conversation.say(typedAnswer(step, answers[step as StepId], flow));
    if (result.position.kind === 'step' && result.position.step === before) {
      throw new Error(
        `"${step}" was asked again after "${typedAnswer(step, answers[step as StepId], flow)}": ${result.replies[0]?.text}`,
      );
    }
  }
  return asked;
}
