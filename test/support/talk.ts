import {
  IntakeEngine,
  type StoredConversation,
  type TurnDependencies,
  type TurnResult,
} from '../../src/intake/conversation';
import { loadFlows, type Flow, type Flows } from '../../src/intake/flows';
import type { Answers, StepId } from '../../src/intake/steps';
import { typedAnswer } from '../../tools/support/typed-answer';

export { typedAnswer };

let cachedFlows: Flows | undefined;
export const flows = (): Flows => (cachedFlows ??= loadFlows());

export const fixedDependencies = (now = '2026-11-25T17:00:00.000Z'): TurnDependencies => ({
  now: () => new Date(now),
  newLeadId: () => 'lead-test-1',
  newReference: () => 'IMP-2026-TEST-0001',
});

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
