import { viewOf, type TurnResult } from '../../src/intake/conversation';
import type { ChoiceBinding } from '../../src/intake/binding';
import { intraCompanyWorker } from '../support/answers';
import { converse, fixedDependencies, flows, typedAnswer } from '../support/talk';

const en = () => flows()['en-CA'];

/** The binding the buttons of a turn's question carry. */
const bindingOf = (result: TurnResult): ChoiceBinding => {
  const question = result.replies.at(-1)!.question!;
  return { step: question.step, turn: question.turn };
};

/** A worker typing answers until the criminal history question, keeping each question's binding. */
function atCriminalHistory() {
  const conversation = converse();
  const asked = new Map<string, ChoiceBinding>([['consent', bindingOf(conversation.last)]]);
  conversation.say('yes');
  while (conversation.step() !== 'criminalHistory') {
    const step = conversation.step();
    asked.set(step, bindingOf(conversation.last));
    conversation.say(typedAnswer(step, intraCompanyWorker[step as keyof typeof intraCompanyWorker], en()));
  }
  asked.set('criminalHistory', bindingOf(conversation.last));
  const tap = (title: string, binding: ChoiceBinding) => {
    const result = conversation.engine.handle(
      conversation.state,
      title,
      fixedDependencies(),
      'en-CA',
      binding,
    );
    conversation.state = result.state;
    conversation.last = result;
    return result;
  };
  return { conversation, asked, tap };
}

describe('a button is bound to the question that offered it', () => {
  it('gives every question asked a higher turn, re-asks included', () => {
    const conversation = converse();
    const first = bindingOf(conversation.last);
    const again = bindingOf(conversation.say('maybe'));
    const next = bindingOf(conversation.say('yes'));
    expect(first).toEqual({ step: 'consent', turn: 1 });
    expect(again).toEqual({ step: 'consent', turn: 2 });
    expect(next).toEqual({ step: 'role', turn: 3 });
    expect(conversation.state?.turn).toBe(3);
  });

  it('records nothing when an old "Yes" is tapped at the criminal history question, and asks it again', () => {
    const { conversation, asked, tap } = atCriminalHistory();
    const before = viewOf(conversation.state!).answers;
    const result = tap(en().yesno.yes, asked.get('extensionFiled')!);
    expect(viewOf(result.state).answers).toEqual(before);
    expect(viewOf(result.state).answers.criminalHistory).toBeUndefined();
    expect(result.position).toEqual({ kind: 'step', step: 'criminalHistory' });
    expect(result.replies).toHaveLength(1);
    expect(result.replies[0]!.text).toContain(en().messages.staleChoice);
    expect(result.replies[0]!.text).toContain(en().steps.criminalHistory.prompt.slice(0, 40));
    expect(result.replies[0]!.question!.turn).toBeGreaterThan(asked.get('criminalHistory')!.turn);
  });

  it('refuses a button of an earlier asking of the current question', () => {
    const { conversation, asked, tap } = atCriminalHistory();
    conversation.say('help');
    const result = tap(en().yesno.yes, asked.get('criminalHistory')!);
    expect(viewOf(result.state).answers.criminalHistory).toBeUndefined();
    expect(result.replies[0]!.text).toContain(en().messages.staleChoice);
  });

  it('takes a button of the current question, and typed text as before', () => {
    const { conversation, tap } = atCriminalHistory();
    tap(en().yesno.no, bindingOf(conversation.last));
    expect(viewOf(conversation.state!).answers.criminalHistory).toBe(false);
    conversation.say('no');
    expect(viewOf(conversation.state!).answers.serviceOrAffiliation).toBe(false);
  });

  it("records nothing for an earlier choice list's button, whose title the current question would not take", () => {
    const conversation = converse();
    conversation.say('yes');
    const roleBinding = bindingOf(conversation.last);
    conversation.say(en().steps.role.choices!.worker!);
    const result = conversation.engine.handle(
      conversation.state,
      en().steps.role.choices!.employer!,
      fixedDependencies(),
      'en-CA',
      roleBinding,
    );
    expect(viewOf(result.state).answers.role).toBe('worker');
    expect(result.position).toEqual({ kind: 'step', step: 'citizenship' });
  });
});
