import { createHash } from 'node:crypto';
import { createActor, type AnyActorScope, type Snapshot } from 'xstate';
import { fill, type Flow, type Flows, type Locale, type MessageKey } from './flows';
import { answerValues, formatAnswer, formatParams, scaleValues } from './format';
import type { AnswerProblem, InputKind } from './inputs';
import { interpret, MAX_MESSAGE_LENGTH, type Interpretation } from './interpret';
import {
  createIntakeMachine,
  positionOf,
  type Catalogue,
  type IntakeContext,
  type IntakeEvent,
  type IntakeMachine,
  type IntakeSnapshot,
  type Position,
  type Submission,
} from './machine';
import { firstUnansweredStep, isRelevant, progressOf, relevantSteps } from './relevance';
import { openingSteps, stepCatalogue, type Answers, type Section, type StepId } from './steps';

/**
 * The conversation engine: one prospect message in, the replies and the next persisted state out.
 * Pure apart from the clock and id generators it is given; the bot adapter does the I/O.
 */

export interface Choice {
  value: string;
  title: string;
}

export interface Question {
  step: string;
  section: Section | 'review';
  input: InputKind;
  choices?: Choice[];
  progress: { index: number; total: number };
}

export interface ReviewItem {
  number: number;
  step: string;
  label: string;
  answer: string;
}

export interface Reply {
  /** Markdown. */
  text: string;
  /** Present when the reply asks something: the prospect's next message answers it. */
  question?: Question;
  review?: ReviewItem[];
}

/** What a conversation stores between turns. */
export interface StoredConversation {
  flowVersion: string;
  snapshot: Snapshot<unknown>;
}

/**
 * What the rest of the system may know of a stored conversation: a typed view, so nothing outside
 * the engine reads XState's snapshot (whose shape is the engine's business and changes with it).
 */
export interface ConversationView {
  answers: Answers;
  handoffRequested: boolean;
}

export function viewOf(stored: StoredConversation): ConversationView {
  const context = (stored.snapshot as { context?: Partial<IntakeContext> } | undefined)?.context;
  return { answers: context?.answers ?? {}, handoffRequested: context?.handoffRequested ?? false };
}

export interface TurnResult {
  state: StoredConversation;
  replies: Reply[];
  /** The lead this turn submitted: the caller must store it before sending the replies. */
  submitted?: {
    submission: Submission;
    answers: Answers;
    locale: Locale;
    handoffRequested: boolean;
    /** The booking page the prospect was offered (absent: they were told the firm will call). */
    bookingLink?: string;
  };
  /** The prospect asked for a person during this turn. */
  handoffRequested?: boolean;
  /** The step or position the turn ended on, for logs and channel data. */
  position: Position;
  locale: Locale;
}

export interface TurnDependencies {
  now: () => Date;
  newLeadId: () => string;
  newReference: () => string;
}

export interface EngineOptions {
  catalogue?: Catalogue;
  retentionDays?: number;
  /**
   * After submitting, the firm's booking page for this prospect (BOOKING_URL, prefilled), or
   * undefined: then the prospect is told the firm will call, within `responseHours` when set.
   */
  bookingLink?: (prospect: { name?: string; email?: string; reference: string }) => string | undefined;
  /** How soon the firm calls back (FIRM_RESPONSE_HOURS); unset: "about 2 business days". */
  responseHours?: number;
  /** Documents may be attached after submitting (DOCUMENTS_KEY): the prospect is told how. */
  documents?: boolean;
}

/** Bump when the machine's states change shape (not its steps): stored snapshots then migrate. */
const MACHINE_REVISION = 1;

/** A fingerprint of the questionnaire: it changes whenever a step is added, removed or reshaped. */
export function flowVersionOf(catalogue: Catalogue): string {
  const shape = Object.entries(catalogue).map(([id, s]) => [
    id,
    s.section,
    s.when ?? '',
    s.input.kind,
    s.input.choices ?? [],
  ]);
  return createHash('sha256')
    .update(JSON.stringify([MACHINE_REVISION, shape]))
    .digest('hex')
    .slice(0, 12);
}

/**
 * What the machine's pure transitions run in, made once per engine. XState's `transition()` and
 * `initialTransition()` build a new actor on every call, and an actor's constructor computes the
 * machine's initial state: with every question a state that skips itself, that was a second
 * transition on every turn (measured: 60 of the engine's 90 µs a turn went to transitions, 21
 * after). The machine invokes no actor and has no action but `assign` (test/intake/machine.test.ts
 * checks both), so a shared scope carries nothing between conversations: its deferred work,
 * emitted events and executed actions all go nowhere.
 */
function inertScope(machine: IntakeMachine): AnyActorScope {
  const self = createActor(machine, { input: {} });
  return {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: () => {},
  };
}

export class IntakeEngine {
  readonly machine: IntakeMachine;
  readonly flowVersion: string;
  private readonly catalogue: Catalogue;
  private readonly retentionDays: number;
  private readonly bookingLink: EngineOptions['bookingLink'];
  private readonly responseHours: number | undefined;
  private readonly documents: boolean;
  /**
   * The live snapshot behind each persisted one this engine handed out, while that object lives:
   * a store that keeps objects in memory (replays, tests) then skips restoring it on the next turn.
   */
  private readonly liveSnapshots = new WeakMap<object, IntakeSnapshot>();
  private readonly scope: AnyActorScope;

  constructor(
    private readonly flows: Flows,
    options: EngineOptions = {},
  ) {
    this.catalogue = options.catalogue ?? stepCatalogue;
    this.machine = createIntakeMachine(this.catalogue);
    this.scope = inertScope(this.machine);
    this.flowVersion = flowVersionOf(this.catalogue);
    this.retentionDays = options.retentionDays ?? 365;
    this.bookingLink = options.bookingLink;
    this.responseHours = options.responseHours;
    this.documents = options.documents === true;
  }

  /** The welcome and the first question of a new conversation. */
  start(locale: Locale): TurnResult {
    const snapshot = this.run(undefined, undefined, locale);
    return this.result(snapshot, [this.questionReply(snapshot, this.message(locale, 'welcome'))]);
  }

  /** Greets a returning prospect (a page reload, a new session) with the question they were on. */
  resume(stored: StoredConversation): TurnResult {
    const { snapshot, migrated } = this.restore(stored);
    const locale = snapshot.context.locale;
    const position = positionOf(snapshot);
    if (position.kind === 'submitted' || position.kind === 'declined') return this.finishedReply(snapshot);
    const notice = this.message(locale, migrated ? 'flowUpdated' : 'resumed');
    return this.result(snapshot, [this.questionReply(snapshot, notice)]);
  }

  handle(
    stored: StoredConversation | undefined,
    text: string,
    deps: TurnDependencies,
    locale: Locale,
  ): TurnResult {
    if (!stored) return this.start(locale);
    const { snapshot: before, migrated } = this.restore(stored);
    const beforeLocale = before.context.locale;
    const position = positionOf(before);
    const reading = interpret(text, position, {
      flows: this.flows,
      locale: beforeLocale,
      catalogue: this.catalogue,
      reviewSteps: () => this.reviewSteps(before.context.answers),
      reading: { today: deps.now().toISOString().slice(0, 10), answers: before.context.answers },
    });
    const lead = migrated ? this.message(beforeLocale, 'flowUpdated') : undefined;
    return this.apply(before, reading, deps, lead);
  }

  private apply(
    before: IntakeSnapshot,
    reading: Interpretation,
    deps: TurnDependencies,
    lead?: string,
  ): TurnResult {
    const locale = before.context.locale;
    const prefix = (...parts: (string | undefined)[]) => [lead, ...parts].filter(Boolean).join('\n\n');
    switch (reading.kind) {
      case 'tooLong':
        return this.result(before, [
          this.questionReply(before, prefix(this.message(locale, 'tooLong', { max: MAX_MESSAGE_LENGTH }))),
        ]);
      case 'invalid':
        return this.result(before, [
          this.questionReply(before, prefix(this.problemText(before, reading.problem))),
        ]);
      case 'help':
        return this.result(before, [this.questionReply(before, prefix(this.helpText(before)))]);
      case 'finished':
        return this.finishedReply(before);
      case 'startAgain':
        return this.start(locale);
      case 'submit': {
        const submittedAt = deps.now().toISOString();
        const event: IntakeEvent = {
          type: 'SUBMIT',
          leadId: deps.newLeadId(),
          reference: deps.newReference(),
          submittedAt,
        };
        const after = this.run(before, event);
        const { submission, answers, handoffRequested } = after.context;
        const reference = submission!.reference;
        const bookingLink = this.bookingLink?.({
          name: answers.contactName,
          email: answers.contactEmail,
          reference,
        });
        const nextStep = bookingLink
          ? this.message(locale, 'bookingOffer', { bookingUrl: bookingLink })
          : this.responseHours
            ? this.message(locale, 'firmWillCall', { responseHours: this.responseHours })
            : this.message(locale, 'firmWillCallSoon');
        return {
          ...this.result(after, [
            {
              text: [
                this.message(locale, 'submitted', { reference, nextStep }),
                ...(this.documents ? [this.message(locale, 'documentsInvite')] : []),
              ].join('\n\n'),
            },
          ]),
          submitted: {
            submission: submission!,
            answers,
            locale: after.context.locale,
            handoffRequested,
            ...(bookingLink ? { bookingLink } : {}),
          },
        };
      }
      case 'event':
        break;
    }
    const event = reading.event;
    const after = this.run(before, event);
    const afterLocale = after.context.locale;
    const position = positionOf(after);
    if (position.kind === 'declined')
      return this.result(after, [{ text: prefix(this.message(afterLocale, 'declined')) }]);

    let notice: string | undefined;
    if (event.type === 'HANDOFF') {
      notice = this.message(
        afterLocale,
        before.context.handoffRequested ? 'handoffAlreadyRequested' : 'handoff',
      );
    } else if (event.type === 'SET_LOCALE') {
      notice = this.message(afterLocale, 'languageSwitched');
    } else if (event.type === 'RESTART') {
      notice = undefined;
    } else if (event.type === 'CONFIRM_RESTART') {
      notice = this.message(afterLocale, 'restarted');
    } else if (event.type === 'CANCEL_RESTART') {
      notice = this.message(afterLocale, 'restartCancelled');
    } else if (event.type === 'BACK' && JSON.stringify(before.value) === JSON.stringify(after.value)) {
      notice = this.message(afterLocale, 'backAtStart');
    } else if (event.type === 'ANSWER' && reading.note) {
      notice = this.noteText(afterLocale, event.step, event.value, reading.note);
    }
    const progressLine = this.sectionStartLine(before, after);
    const result = this.result(after, [this.questionReply(after, prefix(notice, progressLine))]);
    if (event.type === 'HANDOFF' && !before.context.handoffRequested) result.handoffRequested = true;
    return result;
  }

  /** The persisted snapshot, or the resume point of an older flow: answers kept, first unanswered step. */
  restore(stored: StoredConversation): { snapshot: IntakeSnapshot; migrated: boolean } {
    if (stored.flowVersion === this.flowVersion) {
      try {
        const snapshot =
          this.liveSnapshots.get(stored.snapshot) ??
          this.machine.restoreSnapshot(stored.snapshot as IntakeSnapshot, this.scope);
        positionOf(snapshot); // throws when the snapshot names no state of this machine
        return { snapshot, migrated: false };
      } catch {
        // A snapshot this machine cannot restore is resumed like one from an older flow.
      }
    }
    const old = stored.snapshot as unknown as {
      status?: string;
      value?: unknown;
      context?: Partial<IntakeContext>;
    };
    const context = this.migrateContext(old.context ?? {});
    const finalState = old.status === 'done' && typeof old.value === 'string' ? old.value : undefined;
    const next = firstUnansweredStep(context.answers, this.catalogue);
    const target = finalState ?? (next ? this.statePath(next) : { questions: 'review' });
    return { snapshot: this.machine.resolveState({ value: target as never, context }), migrated: true };
  }

  private migrateContext(old: Partial<IntakeContext>): IntakeContext {
    const answers: Record<string, unknown> = {};
    for (const [step, value] of Object.entries(old.answers ?? {})) {
      const definition = this.catalogue[step];
      if (definition && definition.input.value.safeParse(value).success) answers[step] = value;
    }
    return {
      locale: old.locale ?? 'en-CA',
      answers: answers as Answers,
      direction: 'forward',
      handoffRequested: old.handoffRequested ?? false,
      submission: old.submission,
    };
  }

  private statePath(step: string): unknown {
    return { questions: { [this.catalogue[step]!.section]: step } };
  }

  private run(
    snapshot: IntakeSnapshot | undefined,
    event: IntakeEvent | undefined,
    locale?: Locale,
  ): IntakeSnapshot {
    const from = snapshot ?? this.machine.getInitialSnapshot(this.scope, { locale });
    return event ? this.machine.transition(from, event, this.scope) : from;
  }

  private result(snapshot: IntakeSnapshot, replies: Reply[]): TurnResult {
    return {
      state: { flowVersion: this.flowVersion, snapshot: this.persist(snapshot) },
      replies,
      position: positionOf(snapshot),
      locale: snapshot.context.locale,
    };
  }

  private persist(snapshot: IntakeSnapshot): Snapshot<unknown> {
    const persisted = this.machine.getPersistedSnapshot(snapshot);
    this.liveSnapshots.set(persisted, snapshot);
    return persisted;
  }

  private flow(locale: Locale): Flow {
    return this.flows[locale];
  }

  message(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
    return this.fillFirm(locale, this.flow(locale).messages[key], values);
  }

  /** Any wording may name the firm ({firmName}, {firmPhone}…) and the retention period. */
  private fillFirm(locale: Locale, template: string, values: Record<string, string | number> = {}): string {
    const flow = this.flow(locale);
    return fill(template, {
      firmName: flow.firm.name,
      firmPhone: flow.firm.phone,
      firmEmail: flow.firm.email,
      firmWebsite: flow.firm.website,
      firmHours: flow.firm.hours,
      retentionDays: this.retentionDays,
      ...values,
    });
  }

  reviewSteps(answers: Answers): string[] {
    return relevantSteps(answers, this.catalogue).filter(
      (s) => !openingSteps.includes(s) && answers[s as StepId] !== undefined,
    );
  }

  private finishedReply(snapshot: IntakeSnapshot): TurnResult {
    const locale = snapshot.context.locale;
    const position = positionOf(snapshot);
    if (position.kind === 'declined')
      return this.result(snapshot, [{ text: this.message(locale, 'declined') }]);
    const reference = snapshot.context.submission?.reference ?? '';
    const text = [
      this.message(locale, 'alreadySubmitted', { reference }),
      this.message(locale, 'startAgain'),
    ].join('\n\n');
    return this.result(snapshot, [{ text }]);
  }

  private problemText(snapshot: IntakeSnapshot, problem: AnswerProblem): string {
    const flow = this.flow(snapshot.context.locale);
    const position = positionOf(snapshot);
    const example = position.kind === 'step' ? flow.steps[position.step as StepId]?.example : undefined;
    const values = {
      example: example ?? '',
      ...scaleValues(snapshot.context.answers, flow),
      ...formatParams(problem.params ?? {}, flow),
    };
    if (problem.key in flow.errors)
      return this.fillFirm(flow.locale, flow.errors[problem.key as keyof Flow['errors']], values);
    if (problem.key === 'review') return `${this.message(flow.locale, 'notUnderstood')}`;
    if (problem.key in flow.messages) return this.message(flow.locale, problem.key as MessageKey, values);
    return this.message(flow.locale, 'notUnderstood');
  }

  /** What is said back about an accepted answer: "4,000 a month is 48,000 a year", the resolved date. */
  private noteText(locale: Locale, step: string, value: unknown, note: AnswerProblem): string {
    const flow = this.flow(locale);
    const template = flow.notes[note.key as keyof Flow['notes']];
    if (!template) return '';
    return this.fillFirm(locale, template, {
      ...answerValues(step, value, flow, this.catalogue),
      ...formatParams(note.params ?? {}, flow),
    });
  }

  private helpText(snapshot: IntakeSnapshot): string {
    const flow = this.flow(snapshot.context.locale);
    const position = positionOf(snapshot);
    if (position.kind === 'step') return this.fillFirm(flow.locale, flow.steps[position.step as StepId].help);
    return this.message(flow.locale, 'help');
  }

  /** "Step 3 of 6 — Qualifications" when a turn moves the prospect into a new section. */
  private sectionStartLine(before: IntakeSnapshot, after: IntakeSnapshot): string | undefined {
    const [from, to] = [positionOf(before), positionOf(after)];
    if (to.kind !== 'step' || (before.context.direction === 'back' && from.kind === 'step')) return undefined;
    const toSection = this.catalogue[to.step]!.section;
    const fromSection = from.kind === 'step' ? this.catalogue[from.step]!.section : undefined;
    if (toSection === fromSection || toSection === 'welcome' || after.context.direction === 'back')
      return undefined;
    const { index, total } = progressOf(to.step, after.context.answers, this.catalogue);
    const flow = this.flow(after.context.locale);
    return this.message(flow.locale, 'progress', { index, total, section: flow.sections[toSection] });
  }

  /** The question the snapshot waits on, preceded by any notice, as one message. */
  questionReply(snapshot: IntakeSnapshot, notice?: string): Reply {
    const { locale, answers } = snapshot.context;
    const flow = this.flow(locale);
    const position = positionOf(snapshot);
    const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('\n\n');

    if (position.kind === 'confirmRestart') {
      return {
        text: join(notice, this.message(locale, 'restartConfirm')),
        question: {
          step: 'confirmRestart',
          section: 'review',
          input: 'yesno',
          choices: this.yesNoChoices(flow),
          progress: { index: 0, total: 0 },
        },
      };
    }
    if (position.kind === 'review') {
      const items = this.reviewSteps(answers).map((step, i) => ({
        number: i + 1,
        step,
        label: flow.steps[step as StepId].label,
        answer: formatAnswer(step, answers[step as StepId], flow, this.catalogue),
      }));
      const list = items.map((item) => `${item.number}. **${item.label}:** ${item.answer}`).join('\n');
      const progress = progressOf('review', answers, this.catalogue);
      return {
        text: join(
          notice,
          this.message(locale, 'reviewIntro'),
          list || this.message(locale, 'reviewEmpty'),
          this.message(locale, 'reviewInstructions'),
        ),
        question: {
          step: 'review',
          section: 'review',
          input: 'choice',
          choices: [
            { value: 'confirm', title: flow.buttons.confirm },
            { value: 'change', title: flow.buttons.change },
          ],
          progress,
        },
        review: items,
      };
    }
    if (position.kind !== 'step') return { text: join(notice) };

    const step = position.step as StepId;
    const definition = this.catalogue[step]!;
    const wording = flow.steps[step];
    const current = answers[step];
    const currentLine =
      current !== undefined && isRelevant(step, answers, this.catalogue)
        ? this.message(locale, 'currentAnswer', { answer: formatAnswer(step, current, flow, this.catalogue) })
        : undefined;
    let choices: Choice[] | undefined;
    if (definition.input.kind === 'choice') {
      choices = (definition.input.choices ?? []).map((value) => ({
        value,
        title: wording.choices?.[value] ?? value,
      }));
    } else if (definition.input.kind === 'yesno') {
      choices = this.yesNoChoices(flow);
    }
    if (definition.input.optional)
      choices = [...(choices ?? []), { value: 'skip', title: flow.buttons.skip }];
    return {
      text: join(notice, this.fillFirm(locale, wording.prompt, scaleValues(answers, flow)), currentLine),
      question: {
        step,
        section: definition.section,
        input: definition.input.kind,
        choices,
        progress: progressOf(step, answers, this.catalogue),
      },
    };
  }

  private yesNoChoices(flow: Flow): Choice[] {
    return [
      { value: 'yes', title: flow.yesno.yes },
      { value: 'no', title: flow.yesno.no },
    ];
  }
}
