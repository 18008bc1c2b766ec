import { IntakeEngine, type StoredConversation } from '../../src/intake/conversation';
import type { Catalogue } from '../../src/intake/machine';
import { stepCatalogue } from '../../src/intake/steps';
import { text as textInput } from '../../src/intake/inputs';
import { employer, intraCompanyWorker, spouseOfWorker } from '../support/answers';
import { converse, fixedDependencies, flows, typeUntilReview } from '../support/talk';

const en = () => flows()['en-CA'];
const disclaimerWords = /not legal advice/i;

describe('a conversation with the intake engine', () => {
  it('welcomes the prospect with who the firm is and the disclaimer, then asks for consent', () => {
    const conversation = converse();
    const [reply] = conversation.last.replies;
    expect(reply!.text).toMatch(disclaimerWords);
    expect(reply!.text).toContain(en().steps.consent.prompt);
    expect(reply!.question).toMatchObject({ step: 'consent', input: 'yesno' });
  });

  it('ends without a question when consent is declined', () => {
    const conversation = converse();
    const result = conversation.say('no');
    expect(result.position.kind).toBe('declined');
    expect(result.replies[0]!.question).toBeUndefined();
    expect(result.replies[0]!.text).toContain(en().firm.phone);
  });

  it('re-asks the expiry date with what is wrong and an example, changing nothing', () => {
    const conversation = converse();
    for (const text of [
      'yes',
      'worker'.replace('worker', en().steps.role.choices!.worker!),
      'India',
      'Canada',
      '31',
      'yes',
      '3',
      // an open work permit: the question on the employer's treatment is not asked
      '2',
    ]) {
      conversation.say(text);
    }
    expect(conversation.step()).toBe('statusExpiry');
    const stateBefore = JSON.stringify(conversation.state!.snapshot);
    const result = conversation.say('2026-02-30');
    expect(conversation.step()).toBe('statusExpiry');
    expect(result.replies[0]!.text).toContain(
      en().errors['date.impossible'].split('{')[0]!.trim().slice(0, 20),
    );
    expect(JSON.stringify(result.state.snapshot)).toBe(stateBefore);
  });

  it('explains the current question on "help" and asks it again', () => {
    const conversation = converse();
    conversation.say('yes');
    const result = conversation.say('help');
    expect(result.replies[0]!.text).toContain(en().steps.role.help);
    expect(result.replies[0]!.question?.step).toBe('role');
  });

  it('politely refuses a message over 2,000 characters and keeps the question', () => {
    const conversation = converse();
    conversation.say('yes');
    const result = conversation.say('x'.repeat(2001));
    expect(result.position).toEqual({ kind: 'step', step: 'role' });
    expect(result.replies[0]!.text).toContain('2000');
  });

  it('shows a section heading when a new section starts', () => {
    const conversation = converse();
    conversation.say('yes');
    const result = conversation.say(en().steps.role.choices!.worker!);
    expect(result.replies[0]!.text).toContain(en().sections.situation);
    expect(result.replies[0]!.question?.progress).toEqual({ index: 1, total: 6 });
  });

  it('completes a worker intake typed in words, reviews it and submits with a reference number', () => {
    const conversation = converse();
    typeUntilReview(conversation, intraCompanyWorker);
    const review = conversation.last.replies[0]!;
    expect(review.question?.step).toBe('review');
    expect(review.text).toContain('priya@example.com');
    expect(review.review?.find((item) => item.step === 'offerWage')?.answer).toBe('$145,000 per year');
    const submitted = conversation.say('confirm');
    expect(submitted.position.kind).toBe('submitted');
    expect(submitted.replies[0]!.text).toContain('IMP-2026-TEST-0001');
    expect(submitted.replies[0]!.text).toMatch(disclaimerWords);
    expect(submitted.submitted?.answers.offerJobTitle).toBe(intraCompanyWorker.offerJobTitle);
  });

  it('adds a message after submission to the lead, with its time, and says so; a thank-you is not one', () => {
    const conversation = converse();
    conversation.say('yes');
    conversation.say(en().steps.role.choices!.employer!);
    typeUntilReview(conversation, employer);
    conversation.say('confirm');
    const added = conversation.say('  I forgot to mention my wife is a nurse ');
    expect(added.added).toEqual({
      leadId: 'lead-test-1',
      text: 'I forgot to mention my wife is a nurse',
      at: '2026-11-25T17:00:00.000Z',
    });
    expect(added.replies[0]!.text).toContain(en().messages.addedAfterSubmission.split('{')[0]);
    expect(added.position.kind).toBe('submitted');
    const thanks = conversation.say('Thanks!');
    expect(thanks.added).toBeUndefined();
    expect(conversation.say('restart').position).toEqual({ kind: 'step', step: 'consent' });
  });

  it('lets the prospect change an answer by name from the review, then returns to the review', () => {
    const conversation = converse();
    typeUntilReview(conversation, employer);
    const label = en().steps.contactEmail.label;
    expect(conversation.say(`change ${label}`).position).toEqual({ kind: 'step', step: 'contactEmail' });
    const result = conversation.say('dana.w@example.com');
    expect(result.position.kind).toBe('review');
    expect(result.replies[0]!.text).toContain('dana.w@example.com');
  });

  it('lets the prospect change an answer by its number in the review', () => {
    const conversation = converse();
    typeUntilReview(conversation, spouseOfWorker);
    const items = conversation.last.replies[0]!.review!;
    const citizenship = items.find((item) => item.step === 'citizenship')!;
    expect(conversation.say(String(citizenship.number)).position).toEqual({
      kind: 'step',
      step: 'citizenship',
    });
  });

  it('asks how to reach the prospect before recording a request to talk to a person (issue 22)', () => {
    const conversation = converse();
    conversation.say('yes');
    const result = conversation.say('talk to a person');
    expect(result.handoffRequested).toBeUndefined();
    expect(result.replies[0]!.question?.step).toBe('contactName');
    conversation.say('Pat Doe');
    const handedOff = conversation.say('pat@example.com');
    expect(handedOff.handoffRequested).toBe(true);
    expect(handedOff.replies[0]!.question?.step).toBe('role');
    expect(handedOff.replies[0]!.text).toContain(en().steps.role.prompt);
  });

  it('switches to French on "français", keeping the answers given', () => {
    const conversation = converse();
    conversation.say('yes');
    const result = conversation.say('français');
    expect(result.locale).toBe('fr-CA');
    expect(result.replies[0]!.text).toContain(flows()['fr-CA'].steps.role.prompt);
    expect(conversation.say(flows()['fr-CA'].steps.role.choices!.employer!).position).toEqual({
      kind: 'step',
      step: 'employerCompany',
    });
  });

  it('confirms before restarting and starts over at the role question', () => {
    const conversation = converse();
    conversation.say('yes');
    conversation.say(en().steps.role.choices!.employer!);
    conversation.say('Acme Inc.');
    expect(conversation.say('restart').position.kind).toBe('confirmRestart');
    expect(conversation.say('yes').position).toEqual({ kind: 'step', step: 'role' });
  });

  it('answers "skip" on the optional phone, its last question, and goes to the review', () => {
    const conversation = converse();
    const asked = typeUntilReview(conversation, spouseOfWorker);
    expect(asked.at(-1)).toBe('contactPhone');
  });

  it('refuses "skip" on a question that must be answered', () => {
    const conversation = converse();
    conversation.say('yes');
    const result = conversation.say('skip');
    expect(result.position).toEqual({ kind: 'step', step: 'role' });
    expect(result.replies[0]!.text).toContain(en().messages.skipNotAllowed.slice(0, 15));
  });
});

describe('a conversation saved under an older flow', () => {
  // The old flow had no age question and asked a question since removed, right after the residence.
  const oldCatalogue: Catalogue = Object.fromEntries(
    Object.entries(stepCatalogue).flatMap(([id, step]) => {
      if (id === 'age') return [];
      if (id === 'residenceCountry')
        return [
          [id, step],
          ['favouriteColour', { section: 'situation', input: textInput(), when: 'isWorker' }],
        ];
      return [[id, step]];
    }),
  );

  function savedUnderOldFlow(): StoredConversation {
    const oldFlows = structuredClone(flows());
    for (const flow of Object.values(oldFlows)) {
      (flow.steps as Record<string, unknown>).favouriteColour = {
        label: 'Colour',
        prompt: 'Your favourite colour?',
        help: 'Just asking.',
      };
    }
    const engine = new IntakeEngine(oldFlows, { catalogue: oldCatalogue });
    let state = engine.start('en-CA').state;
    const typed = ['yes', en().steps.role.choices!.worker!, 'France', 'no', 'France', 'blue'];
    for (const text of typed) state = engine.handle(state, text, fixedDependencies(), 'en-CA').state;
    return state;
  }

  it('carries the flow version it was saved under', () => {
    const saved = savedUnderOldFlow();
    expect(saved.flowVersion).not.toBe(new IntakeEngine(flows()).flowVersion);
  });

  it('resumes after a deploy at the first unanswered step, answers kept and removed steps dropped', () => {
    const saved = savedUnderOldFlow();
    const engine = new IntakeEngine(flows());
    const resumed = engine.resume(saved);
    expect(resumed.position).toEqual({ kind: 'step', step: 'age' });
    expect(resumed.replies[0]!.text).toContain(en().messages.flowUpdated.slice(0, 20));
    const next = engine.handle(saved, '41', fixedDependencies(), 'en-CA');
    expect(next.position).toEqual({ kind: 'step', step: 'goalType' });
    const { context } = next.state.snapshot as unknown as { context: { answers: Record<string, unknown> } };
    expect(context.answers).toMatchObject({
      citizenship: 'FR',
      residenceCountry: 'FR',
      inCanada: false,
      age: 41,
    });
    expect(context.answers).not.toHaveProperty('favouriteColour');
  });
});

describe('a stored conversation the machine cannot restore', () => {
  it('is resumed at the first unanswered step rather than failing the turn', () => {
    const engine = new IntakeEngine(flows());
    const conversation = converse(engine);
    conversation.say('yes');
    conversation.say(en().steps.role.choices!.employer!);
    const broken = structuredClone(conversation.state!);
    (broken.snapshot as unknown as { value: unknown }).value = { questions: { nowhere: 'gone' } };
    const result = engine.handle(broken, 'Acme Inc.', fixedDependencies(), 'en-CA');
    expect(result.position).toEqual({ kind: 'step', step: 'employerProvince' });
  });
});

describe('the snapshot a turn hands out, kept in memory by the store', () => {
  const started = (engine: IntakeEngine) => {
    const conversation = converse(engine);
    conversation.say('yes');
    return conversation.state!;
  };

  it('is taken up again as it is, with no restore; a copy of it is restored', () => {
    const engine = new IntakeEngine(flows());
    const state = started(engine);
    const restore = jest.spyOn(engine.machine, 'restoreSnapshot');
    const kept = engine.handle(state, en().steps.role.choices!.employer!, fixedDependencies(), 'en-CA');
    expect(restore).not.toHaveBeenCalled();

    const copied = engine.handle(
      JSON.parse(JSON.stringify(state)) as StoredConversation,
      en().steps.role.choices!.employer!,
      fixedDependencies(),
      'en-CA',
    );
    expect(restore).toHaveBeenCalledTimes(1);
    expect(copied.replies).toEqual(kept.replies);
    expect(JSON.stringify(copied.state)).toBe(JSON.stringify(kept.state));
  });

  it("carries the live snapshot where nothing that copies or stores it looks, and another engine's machine never takes it", () => {
    const engine = new IntakeEngine(flows());
    const state = started(engine);
    const snapshot = state.snapshot as object;
    expect(JSON.stringify(snapshot)).toBe(JSON.stringify(structuredClone(snapshot)));
    expect(Object.keys(snapshot)).toEqual(Object.keys(structuredClone(snapshot)));
    expect(Object.getOwnPropertySymbols({ ...snapshot })).toEqual([]); // a spread does not copy it

    const other = new IntakeEngine(flows());
    const restore = jest.spyOn(other.machine, 'restoreSnapshot');
    other.handle(state, en().steps.role.choices!.employer!, fixedDependencies(), 'en-CA');
    expect(restore).toHaveBeenCalledTimes(1);
  });
});
