import { and, assign, not, or, setup, type SnapshotFrom } from 'xstate';
import { extend } from './objects';
import { defaultLocale, type Locale } from './flows';
import { relevance } from './relevance';
import { stepCatalogue, type Answers, type Catalogue, type RelevanceName } from './steps';

/**
 * The intake conversation as an XState machine.
 *
 * Every question is a state (nested in its section) generated from the step catalogue, so the
 * machine reads like the questionnaire. Moving on is always to the next question in catalogue
 * order; a question skips itself with an eventless transition when its named relevance guard
 * says it does not apply on the path taken, or when it is already answered (which is how
 * "back", "change from review" and resuming after a flow update all land on the right question).
 */

export type { Catalogue, CatalogueStep } from './steps';

export interface Submission {
  leadId: string;
  reference: string;
  submittedAt: string;
}

export interface IntakeContext {
  locale: Locale;
  answers: Answers;
  /** 'back' while the prospect walks backwards: answered questions are then asked again. */
  direction: 'forward' | 'back';
  /** The question being changed from the review, asked even though it has an answer. */
  focus?: string;
  handoffRequested: boolean;
  /**
   * The prospect asked for a person before giving a way to reach them: the contact questions
   * are asked first, and the handoff is made once a name and an email or phone are known.
   */
  handoffAwaitsContact?: boolean;
  submission?: Submission;
}

/** A person can be reached: a name, and an email or a phone. */
export const canBeReached = (answers: Answers): boolean =>
  typeof answers.contactName === 'string' &&
  (typeof answers.contactEmail === 'string' || typeof answers.contactPhone === 'string');

export type IntakeEvent =
  | { type: 'ANSWER'; step: string; value: unknown }
  | { type: 'BACK' }
  | { type: 'RESTART' }
  | { type: 'CONFIRM_RESTART' }
  | { type: 'CANCEL_RESTART' }
  | { type: 'CHANGE'; step: string }
  | { type: 'SUBMIT'; leadId: string; reference: string; submittedAt: string }
  | { type: 'HANDOFF' }
  /**
   * Back to the first question not answered yet (the one the prospect was on before the contact
   * questions a handoff needed): from the first question, answered ones skip themselves.
   */
  | { type: 'RESUME' }
  | { type: 'SET_LOCALE'; locale: Locale };

export interface IntakeInput {
  locale?: Locale;
}

type StepParams = { step: string };

const relevanceGuards = Object.fromEntries(
  Object.entries(relevance).map(([name, fact]) => [
    name,
    ({ context }: { context: IntakeContext }) => fact(context.answers),
  ]),
) as Record<RelevanceName, ({ context }: { context: IntakeContext }) => boolean>;

/** A fresh answer set that keeps only what survives a restart: the consent already given. */
const keepConsentOnly = (answers: Answers): Answers => (answers.consent === true ? { consent: true } : {});

export function createIntakeMachine(catalogue: Catalogue = stepCatalogue) {
  const stepIds = Object.keys(catalogue);
  const first = stepIds[0]!;
  const last = stepIds[stepIds.length - 1]!;

  const machineSetup = setup({
    types: {
      context: {} as IntakeContext,
      events: {} as IntakeEvent,
      input: {} as IntakeInput,
    },
    guards: {
      ...relevanceGuards,
      isAnswerTo: ({ event }, { step }: StepParams) => event.type === 'ANSWER' && event.step === step,
      declinesConsent: ({ event }) =>
        event.type === 'ANSWER' && event.step === 'consent' && event.value === false,
      isAnsweredAndNotFocused: ({ context }, { step }: StepParams) =>
        (context.answers as Record<string, unknown>)[step] !== undefined && context.focus !== step,
      isMovingBack: ({ context }) => context.direction === 'back',
      isChangeOf: ({ event }, { step }: StepParams) => event.type === 'CHANGE' && event.step === step,
      isSubmission: ({ event }) => event.type === 'SUBMIT',
      // contact questions are asked before a handoff only once the prospect has consented
      mustAskContactFirst: ({ context }) =>
        context.answers.consent === true && !context.handoffRequested && !canBeReached(context.answers),
    },
    actions: {
      recordAnswer: assign(({ context, event }) =>
        event.type === 'ANSWER'
          ? {
              answers: extend(context.answers, { [event.step]: event.value }) as Answers,
              direction: 'forward' as const,
              focus: undefined,
            }
          : {},
      ),
      moveBack: assign({ direction: 'back' as const, focus: undefined }),
      focusOnChangedStep: assign(({ event }) =>
        event.type === 'CHANGE' ? { focus: event.step, direction: 'forward' as const } : {},
      ),
      forgetAnswers: assign(({ context }) => ({
        answers: keepConsentOnly(context.answers),
        direction: 'forward' as const,
        focus: undefined,
      })),
      forgetEverything: assign({ answers: { consent: false } as Answers, handoffRequested: false }),
      recordHandoff: assign({ handoffRequested: true, handoffAwaitsContact: false }),
      awaitContactForHandoff: assign({
        handoffAwaitsContact: true,
        direction: 'forward' as const,
        focus: undefined,
      }),
      resume: assign({ direction: 'forward' as const, focus: undefined }),
      setLocale: assign(({ event, context }) => ({
        locale: event.type === 'SET_LOCALE' ? event.locale : context.locale,
      })),
      recordSubmission: assign(({ event }) =>
        event.type === 'SUBMIT'
          ? {
              submission: {
                leadId: event.leadId,
                reference: event.reference,
                submittedAt: event.submittedAt,
              },
            }
          : {},
      ),
    },
  });

  type Transition = Record<string, unknown>;

  function questionState(step: string, index: number) {
    const { when } = catalogue[step]!;
    const next = index === stepIds.length - 1 ? '#review' : `#${stepIds[index + 1]}`;
    const previous = index === 0 ? `#${first}` : `#${stepIds[index - 1]}`;
    const answeredAlready = and([not('isMovingBack'), { type: 'isAnsweredAndNotFocused', params: { step } }]);
    const always: Transition[] = [];
    if (when) always.push({ guard: and(['isMovingBack', not(when)]), target: previous });
    always.push({ guard: when ? or([not(when), answeredAlready]) : answeredAlready, target: next });
    const onAnswer: Transition[] = [
      { guard: { type: 'isAnswerTo', params: { step } }, target: next, actions: 'recordAnswer' },
    ];
    if (step === 'consent')
      onAnswer.unshift({ guard: 'declinesConsent', target: '#declined', actions: 'forgetEverything' });
    return {
      id: step,
      meta: { step },
      tags: ['question'],
      // The first question never skips itself backwards: there is nowhere further back to go.
      always: index === 0 ? always.filter((t) => t.target !== previous) : always,
      on:
        index === 0
          ? { ANSWER: onAnswer }
          : { ANSWER: onAnswer, BACK: { target: previous, actions: 'moveBack' } },
    };
  }

  function sectionStates() {
    const states: Record<
      string,
      { initial: string; states: Record<string, ReturnType<typeof questionState>> }
    > = {};
    stepIds.forEach((step, index) => {
      const section = catalogue[step]!.section;
      states[section] ??= { initial: step, states: {} };
      states[section].states[step] = questionState(step, index);
    });
    return states;
  }

  const changeTransitions = stepIds.map((step) => ({
    guard: { type: 'isChangeOf' as const, params: { step } },
    target: `#${step}`,
    actions: 'focusOnChangedStep' as const,
  }));

  // A handoff asked before the contact questions goes to them first (when the intake has them).
  const contactFirst = catalogue.contactName
    ? {
        HANDOFF: {
          guard: 'mustAskContactFirst' as const,
          target: '#contactName',
          actions: 'awaitContactForHandoff' as const,
        },
      }
    : {};

  return machineSetup.createMachine({
    id: 'intake',
    context: ({ input }) => ({
      locale: input?.locale ?? defaultLocale,
      answers: {},
      direction: 'forward',
      handoffRequested: false,
    }),
    initial: 'questions',
    on: {
      HANDOFF: { actions: 'recordHandoff' },
      SET_LOCALE: { actions: 'setLocale' },
    },
    states: {
      questions: {
        initial: catalogue[first]!.section,
        on: {
          RESTART: { target: 'confirmingRestart' },
          RESUME: { target: `#${first}`, actions: 'resume' },
          ...contactFirst,
        },
        states: {
          ...sectionStates(),
          review: {
            id: 'review',
            tags: ['review'],
            on: {
              SUBMIT: { guard: 'isSubmission', target: '#submitted', actions: 'recordSubmission' },
              CHANGE: changeTransitions,
              BACK: { target: `#${last}`, actions: 'moveBack' },
            },
          },
          resumePoint: { type: 'history', history: 'deep' },
        },
      },
      confirmingRestart: {
        tags: ['confirmRestart'],
        on: {
          CONFIRM_RESTART: { target: '#role', actions: 'forgetAnswers' },
          CANCEL_RESTART: { target: 'questions.resumePoint' },
          BACK: { target: 'questions.resumePoint' },
        },
      },
      submitted: { id: 'submitted', type: 'final', tags: ['submitted'] },
      declined: { id: 'declined', type: 'final', tags: ['declined'] },
    },
  });
}

export const intakeMachine = createIntakeMachine();
export type IntakeMachine = ReturnType<typeof createIntakeMachine>;
export type IntakeSnapshot = SnapshotFrom<IntakeMachine>;

/** The question a snapshot is waiting on: a step id, 'review', 'confirmRestart', or a final state. */
export type Position =
  | { kind: 'step'; step: string }
  | { kind: 'review' }
  | { kind: 'confirmRestart' }
  | { kind: 'submitted' }
  | { kind: 'declined' };

export function positionOf(snapshot: IntakeSnapshot): Position {
  if (snapshot.hasTag('submitted')) return { kind: 'submitted' };
  if (snapshot.hasTag('declined')) return { kind: 'declined' };
  if (snapshot.hasTag('confirmRestart')) return { kind: 'confirmRestart' };
  if (snapshot.hasTag('review')) return { kind: 'review' };
  const meta = Object.values(snapshot.getMeta() as Record<string, { step?: string } | undefined>).find(
    (m) => m?.step,
  );
  if (!meta?.step) throw new Error(`intake snapshot is at no question: ${JSON.stringify(snapshot.value)}`);
  return { kind: 'step', step: meta.step };
}
