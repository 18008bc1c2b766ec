import { fill, type Flow, type Flows, type Locale, type MessageKey } from './flows';
import { answerValues, formatAnswer, formatParams, scaleValues } from './format';
import type { AnswerProblem } from './inputs';
import { answersCurrentQuestion, COPY_OFFER, questionKey, type ChoiceBinding } from './binding';
import { interpret, MAX_MESSAGE_LENGTH, type Interpretation } from './interpret';
import {
  canBeReached,
  positionOf,
  type Catalogue,
  type IntakeContext,
  type IntakeEvent,
  type IntakeMachine,
  type IntakeSnapshot,
} from './machine';
import { isRelevant, progressOf, relevantSteps } from './relevance';
import { Snapshots, type StoredConversation } from './snapshots';
import type { Choice, Draft, Reply, TurnResult } from './turn-result';
import { openingSteps, stepCatalogue, type Answers, type StepId } from './steps';

/**
 * The conversation engine: one prospect message in, the replies and the next persisted state out.
 * Pure apart from the clock and id generators it is given; the bot adapter does the I/O.
 */

export { flowVersionOf, type StoredConversation } from './snapshots';
export type { Choice, Question, Reply, ReviewItem, TurnResult } from './turn-result';

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

export interface TurnDependencies {
  now: () => Date;
  newLeadId: () => string;
  newReference: () => string;
}

export interface EngineOptions {
  catalogue?: Catalogue;
  retentionDays?: number;
  /** Offer an email copy of the answers at submission: only where email can be sent (SMTP). */
  offerCopy?: boolean;
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

export class IntakeEngine {
  readonly machine: IntakeMachine;
  readonly flowVersion: string;
  private readonly catalogue: Catalogue;
  private readonly retentionDays: number;
  private readonly snapshots: Snapshots;
  private readonly offerCopy: boolean;
  private readonly bookingLink: EngineOptions['bookingLink'];
  private readonly responseHours: number | undefined;
  private readonly documents: boolean;

  constructor(
    private readonly flows: Flows,
    options: EngineOptions = {},
  ) {
    this.catalogue = options.catalogue ?? stepCatalogue;
    this.snapshots = new Snapshots(this.catalogue);
    this.machine = this.snapshots.machine;
    this.flowVersion = this.snapshots.flowVersion;
    this.retentionDays = options.retentionDays ?? 365;
    this.offerCopy = options.offerCopy === true;
    this.bookingLink = options.bookingLink;
    this.responseHours = options.responseHours;
    this.documents = options.documents === true;
  }

  /** The welcome and the first question of a new conversation. */
  start(locale: Locale, turn = 0): TurnResult {
    const snapshot = this.run(undefined, undefined, locale);
    return this.result(snapshot, [this.questionReply(snapshot, this.message(locale, 'welcome'))], turn);
  }

  /** Greets a returning prospect (a page reload, a new session) with the question they were on. */
  resume(stored: StoredConversation): TurnResult {
    const { snapshot, migrated } = this.restore(stored);
    const locale = snapshot.context.locale;
    const position = positionOf(snapshot);
    const turn = stored.turn ?? 0;
    if (position.kind === 'submitted' || position.kind === 'declined')
      return this.finishedReply(snapshot, turn);
    const notice = this.message(locale, migrated ? 'flowUpdated' : 'resumed');
    return this.result(snapshot, [this.questionReply(snapshot, notice)], turn);
  }

  /**
   * One message of the prospect. `binding` is the question a tapped button belongs to (none for
   * typed text): a tap for any question but the current one records nothing and asks it again.
   */
  handle(
    stored: StoredConversation | undefined,
    text: string,
    deps: TurnDependencies,
    locale: Locale,
    binding?: ChoiceBinding,
  ): TurnResult {
    if (!stored) return this.start(locale);
    const { snapshot: before, migrated } = this.restore(stored);
    const beforeLocale = before.context.locale;
    const position = positionOf(before);
    const turn = stored.turn ?? 0;
    const copyOffered = stored.copyOffered === true && position.kind === 'submitted';
    const key = copyOffered ? COPY_OFFER : questionKey(position);
    if (binding && !answersCurrentQuestion(binding, key, turn)) return this.staleReply(before, turn);
    if (copyOffered) {
      const wanted = this.catalogue.consent?.input.read(text, { today: '', answers: {} });
      if (wanted && 'value' in wanted && typeof wanted.value === 'boolean')
        return this.copyAnswer(before, wanted.value, turn);
    }
    const reading = interpret(text, position, {
      flows: this.flows,
      locale: beforeLocale,
      catalogue: this.catalogue,
      reviewSteps: () => this.reviewSteps(before.context.answers),
      reading: { today: deps.now().toISOString().slice(0, 10), answers: before.context.answers },
    });
    const lead = migrated ? this.message(beforeLocale, 'flowUpdated') : undefined;
    if (reading.kind === 'addition') return this.addition(before, text.trim(), deps, turn);
    return this.apply(before, reading, deps, turn, lead);
  }

  /** The answer to the copy offer: the caller sends the copy when it is wanted. */
  private copyAnswer(snapshot: IntakeSnapshot, wanted: boolean, turn: number): TurnResult {
    const { locale, answers, submission } = snapshot.context;
    const email = answers.contactEmail ?? '';
    const reply = { text: this.message(locale, wanted ? 'copyWillBeSent' : 'copyNotSent', { email }) };
    const result = this.result(snapshot, [reply], turn);
    return wanted ? { ...result, copyRequested: { leadId: submission!.leadId } } : result;
  }

  /** Words after submitting: added to the lead, and the prospect is told so. */
  private addition(snapshot: IntakeSnapshot, text: string, deps: TurnDependencies, turn: number): TurnResult {
    const { leadId, reference } = snapshot.context.submission!;
    const reply = { text: this.message(snapshot.context.locale, 'addedAfterSubmission', { reference }) };
    return { ...this.result(snapshot, [reply], turn), added: { leadId, text, at: deps.now().toISOString() } };
  }

  /** A button of an earlier question: nothing is recorded, and the current question is asked again. */
  private staleReply(snapshot: IntakeSnapshot, turn: number): TurnResult {
    const stale = this.message(snapshot.context.locale, 'staleChoice');
    const position = positionOf(snapshot);
    if (position.kind === 'submitted' || position.kind === 'declined') {
      const finished = this.finishedReply(snapshot, turn);
      return { ...finished, replies: [{ text: [stale, finished.replies[0]!.text].join('\n\n') }] };
    }
    return this.result(snapshot, [this.questionReply(snapshot, stale)], turn);
  }

  private apply(
    before: IntakeSnapshot,
    reading: Interpretation,
    deps: TurnDependencies,
    turn: number,
    lead?: string,
  ): TurnResult {
    const locale = before.context.locale;
    const prefix = (...parts: (string | undefined)[]) => [lead, ...parts].filter(Boolean).join('\n\n');
    switch (reading.kind) {
      case 'tooLong':
        return this.result(
          before,
          [this.questionReply(before, prefix(this.message(locale, 'tooLong', { max: MAX_MESSAGE_LENGTH })))],
          turn,
        );
      case 'invalid':
        return this.result(
          before,
          [this.questionReply(before, prefix(this.problemText(before, reading.problem)))],
          turn,
        );
      case 'help':
        return this.result(before, [this.questionReply(before, prefix(this.helpText(before)))], turn);
      case 'finished':
      case 'addition':
        return this.finishedReply(before, turn);
      case 'startAgain':
        return this.start(locale, turn);
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
        const thanks = [
          this.message(locale, 'submitted', { reference, nextStep }),
          ...(this.documents ? [this.message(locale, 'documentsInvite')] : []),
        ].join('\n\n');
        const offer = this.offerCopy && answers.contactEmail !== undefined;
        const reply: Draft = offer
          ? {
              text: [thanks, this.message(locale, 'copyOffer', { email: answers.contactEmail! })].join(
                '\n\n',
              ),
              question: {
                step: COPY_OFFER,
                section: 'review',
                input: 'yesno',
                choices: this.yesNoChoices(this.flow(locale)),
                progress: { index: 0, total: 0 },
              },
            }
          : { text: thanks };
        const result = this.result(after, [reply], turn);
        if (offer) result.state.copyOffered = true;
        return {
          ...result,
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
    let after = this.run(before, event);
    // answers to the next questions given in the same message ("Priya Nakamura, HR manager")
    for (const next of reading.then ?? []) after = this.run(after, next);
    // a handoff waiting for a way to reach the prospect is made once there is one
    const handoffMade = Boolean(after.context.handoffAwaitsContact && canBeReached(after.context.answers));
    if (handoffMade) {
      after = this.run(after, { type: 'HANDOFF' });
      after = this.run(after, { type: 'RESUME' });
    }
    const afterLocale = after.context.locale;
    const position = positionOf(after);
    if (position.kind === 'declined')
      return this.result(after, [{ text: prefix(this.message(afterLocale, 'declined')) }], turn);

    let notice: string | undefined;
    if (event.type === 'HANDOFF') {
      notice = this.message(
        afterLocale,
        before.context.handoffRequested
          ? 'handoffAlreadyRequested'
          : after.context.handoffAwaitsContact
            ? 'handoffContactFirst'
            : 'handoff',
      );
    } else if (handoffMade) {
      const said = event.type === 'ANSWER' && reading.note;
      notice = [
        said ? this.noteText(afterLocale, event.step, event.value, reading.note!) : '',
        this.message(afterLocale, 'handoff'),
      ]
        .filter(Boolean)
        .join('\n\n');
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
    const result = this.result(after, [this.questionReply(after, prefix(notice, progressLine))], turn);
    if (!before.context.handoffRequested && after.context.handoffRequested) result.handoffRequested = true;
    return result;
  }

  /** The persisted snapshot, or the resume point of an older flow: answers kept, first unanswered step. */
  restore(stored: StoredConversation): { snapshot: IntakeSnapshot; migrated: boolean } {
    return this.snapshots.restore(stored);
  }

  private run(
    snapshot: IntakeSnapshot | undefined,
    event: IntakeEvent | undefined,
    locale?: Locale,
  ): IntakeSnapshot {
    return this.snapshots.run(snapshot, event, locale);
  }

  /** The turn's outcome: each question in `drafts` is asked on the turn after `turn`, the last one before. */
  private result(snapshot: IntakeSnapshot, drafts: Draft[], turn: number): TurnResult {
    let asked = turn;
    const replies = drafts.map(({ question, ...reply }): Reply =>
      question ? { ...reply, question: { ...question, turn: ++asked } } : reply,
    );
    return {
      state: { flowVersion: this.flowVersion, snapshot: this.snapshots.persist(snapshot), turn: asked },
      replies,
      position: positionOf(snapshot),
      locale: snapshot.context.locale,
    };
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

  private finishedReply(snapshot: IntakeSnapshot, turn: number): TurnResult {
    const locale = snapshot.context.locale;
    const position = positionOf(snapshot);
    if (position.kind === 'declined')
      return this.result(snapshot, [{ text: this.message(locale, 'declined') }], turn);
    const reference = snapshot.context.submission?.reference ?? '';
    const text = [
      this.message(locale, 'alreadySubmitted', { reference }),
      this.message(locale, 'startAgain'),
    ].join('\n\n');
    return this.result(snapshot, [{ text }], turn);
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
    // before the prospect's role is known there are no parts to count (a handoff asked that early)
    if (total === 0) return undefined;
    const flow = this.flow(after.context.locale);
    return this.message(flow.locale, 'progress', { index, total, section: flow.sections[toSection] });
  }

  /** The question the snapshot waits on, preceded by any notice, as one message. */
  questionReply(snapshot: IntakeSnapshot, notice?: string): Draft {
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
        section: flow.sections[this.catalogue[step]!.section],
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
