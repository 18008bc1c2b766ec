import { createActor, type Actor } from 'xstate';
import { intakeMachine, positionOf, type IntakeMachine } from '../../src/intake/machine';
import type { Answers } from '../../src/intake/steps';

export function startMachine(machine: IntakeMachine = intakeMachine): Actor<IntakeMachine> {
  return createActor(machine, { input: {} }).start();
}

export function currentStep(actor: Actor<IntakeMachine>): string {
  const position = positionOf(actor.getSnapshot());
  return position.kind === 'step' ? position.step : position.kind;
}

/**
 * Answers every question the machine asks from `answers`, until it reaches the review (or a final
 * state). Returns the questions in the order asked; throws when asked something `answers` lacks,
 * which is how a test notices a question that should not have been asked.
 */
export function answerUntilReview(actor: Actor<IntakeMachine>, answers: Answers): string[] {
  const asked: string[] = [];
  for (;;) {
    const position = positionOf(actor.getSnapshot());
    if (position.kind !== 'step') return asked;
    const { step } = position;
    if (!(step in answers)) throw new Error(`asked "${step}", which this prospect has no answer for`);
    asked.push(step);
    actor.send({ type: 'ANSWER', step, value: answers[step as keyof Answers] });
    if (asked.length > 200) throw new Error('the machine keeps asking: a loop?');
  }
}
