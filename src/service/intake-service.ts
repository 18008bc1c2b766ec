import { createHash, randomUUID } from 'node:crypto';
import type { ChoiceBinding } from '../intake/binding';
import { viewOf, type IntakeEngine, type StoredConversation, type TurnResult } from '../intake/conversation';
import type { Locale } from '../intake/flows';
import type { Submission } from '../intake/machine';
import type { Answers } from '../intake/steps';
import type { LeadSource } from '../screening/source';
import { extend } from '../intake/objects';
import { KeyedLock } from '../storage/keyed-lock';
import { isConflict, type ConversationStore, type StoreItem } from '../ports/store';

/**
 * The application layer between a channel and the conversation engine: it loads a conversation,
 * runs one turn, records a submitted lead, and saves the conversation — in that order, before
 * the channel sends any reply, so nothing the prospect is told was received can be lost.
 */

export interface ConversationRecord extends StoredConversation {
  /** Stable across turns: the id of the lead this conversation becomes when submitted. */
  intakeId: string;
  createdAt: string;
  updatedAt: string;
  /** The step the conversation waits on (a step id, review, submitted…): never an answer. */
  position: string;
  locale: Locale;
  handoffRequested: boolean;
  /** Set once the intake is submitted: lets staff tools find the conversation of a lead. */
  leadId?: string;
  /**
   * A replay or other test (`npm run replay -- --url … --allow-writes`), never a prospect: its
   * submission and handoff are not handed on (no lead for staff, no notification).
   */
  testTraffic?: boolean;
  /** Where the prospect came from (see TurnOptions.source): kept from the first turn that told. */
  source?: LeadSource;
}

/** How a channel marks a turn. */
export interface TurnOptions {
  /** The turn comes from a test (see ConversationRecord.testTraffic); sticks to the conversation. */
  testTraffic?: boolean;
  /** Sends the replies once the turn is saved; a failure puts the conversation back (see `receive`). */
  deliver?: Deliver;
  /**
   * Where the prospect came from, as the channel read it: stored on the conversation, never asked.
   * What the website page told wins over a bare channel; the first page report is kept.
   */
  source?: LeadSource;
  /** The question the message's button belongs to, when it came from a button (see binding.ts). */
  binding?: ChoiceBinding;
}

export interface SubmittedIntake {
  submission: Submission;
  answers: Answers;
  locale: Locale;
  handoffRequested: boolean;
  conversationKey: string;
  source?: LeadSource;
  /** The booking page the prospect was offered on submitting (absent: none was). */
  bookingLink?: string;
}

/** A message the prospect sent after submitting: added to their lead. */
export interface AddedAfterSubmission {
  leadId: string;
  text: string;
  at: string;
  conversationKey: string;
}

/** What a turn hands on (wired in src/server.ts to the use cases beside this file). */
export interface IntakeObserver {
  /** Must be idempotent by `submission.leadId`: a retried turn may submit the same lead again. */
  submitted(intake: SubmittedIntake): Promise<unknown>;
  /** Must be idempotent by `leadId` and `at`: a retried turn may add the same message again. */
  added?(addition: AddedAfterSubmission): Promise<void>;
  /** The prospect asked for an email copy of their answers; after the turn is saved. */
  copyRequested?(leadId: string): Promise<void>;
  handoffRequested?(conversationKey: string, record: ConversationRecord): Promise<void>;
}

/** Sends a turn's replies to the prospect; rejects when they could not be delivered. */
export type Deliver = (result: TurnResult) => Promise<void>;

export interface Clock {
  now(): Date;
}

const CONFLICT_RETRIES = 3;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short reference a prospect can read over the phone, derived from the intake id (so retries agree). */
export function referenceFor(intakeId: string, year: number): string {
  const bytes = createHash('sha256').update(intakeId).digest();
  let code = '';
  for (let i = 0; i < 8; i++) code += CROCKFORD[bytes[i]! % 32];
  return `IMP-${year}-${code.slice(0, 4)}-${code.slice(4)}`;
}

export class IntakeService {
  private readonly locks = new KeyedLock();

  constructor(
    private readonly engine: IntakeEngine,
    private readonly storage: ConversationStore,
    private readonly observer: IntakeObserver,
    private readonly clock: Clock = { now: () => new Date() },
  ) {}

  /**
   * A channel opened the conversation: welcome a new prospect, or greet a returning one.
   * `options.deliver` (optional) sends the replies: see `receive`.
   */
  open(conversationKey: string, locale: Locale, options: TurnOptions = {}): Promise<TurnResult> {
    return this.turn(
      conversationKey,
      (record) => (record ? this.engine.resume(record) : this.engine.start(locale)),
      options,
    );
  }

  /**
   * One message of the prospect. With `options.deliver`, the replies are sent once the turn is
   * saved, still inside the conversation's lock; if they cannot be delivered the conversation is
   * put back as it was (the prospect never saw the next question, so their message was not taken)
   * and the error is rethrown.
   */
  receive(
    conversationKey: string,
    text: string,
    locale: Locale,
    options: TurnOptions = {},
  ): Promise<TurnResult> {
    return this.turn(
      conversationKey,
      (record, intakeId) =>
        this.engine.handle(
          record,
          text,
          {
            now: () => this.clock.now(),
            newLeadId: () => intakeId,
            newReference: () => referenceFor(intakeId, this.clock.now().getUTCFullYear()),
          },
          locale,
          options.binding,
        ),
      options,
    );
  }

  async load(conversationKey: string): Promise<ConversationRecord | undefined> {
    const items = await this.storage.read([conversationKey]);
    return items[conversationKey] as ConversationRecord | undefined;
  }

  async forget(conversationKey: string): Promise<void> {
    await this.storage.delete([conversationKey]);
  }

  private turn(
    conversationKey: string,
    run: (record: ConversationRecord | undefined, intakeId: string) => TurnResult,
    options: TurnOptions,
  ): Promise<TurnResult> {
    return this.locks.run(conversationKey, async () => {
      for (let attempt = 1; ; attempt++) {
        const stored = (await this.storage.read([conversationKey]))[conversationKey] as
          (ConversationRecord & StoreItem) | undefined;
        const intakeId = stored?.intakeId ?? randomUUID();
        const result = run(stored, intakeId);
        const startedAgain =
          stored !== undefined && isFinished(stored) && !isFinishedPosition(result.position.kind);
        const record = this.recordOf(result, stored, startedAgain ? randomUUID() : intakeId);
        const testTraffic = options.testTraffic === true || stored?.testTraffic === true;
        if (testTraffic) record.testTraffic = true;
        const source = sourceOf(stored?.source, options.source);
        if (source) record.source = source;
        if (result.submitted) {
          record.leadId = result.submitted.submission.leadId;
          if (!testTraffic)
            await this.observer.submitted({
              ...result.submitted,
              conversationKey,
              ...(source ? { source } : {}),
            });
        }
        if (result.added && !testTraffic) await this.observer.added?.({ ...result.added, conversationKey });
        try {
          await this.storage.write({
            [conversationKey]: extend(record, { eTag: stored?.eTag ?? '*' }) as unknown as StoreItem,
          });
        } catch (error) {
          if (isConflict(error) && attempt < CONFLICT_RETRIES) continue;
          throw error;
        }
        if (result.handoffRequested && !testTraffic)
          await this.observer.handoffRequested?.(conversationKey, record);
        if (result.copyRequested && !testTraffic)
          await this.observer.copyRequested?.(result.copyRequested.leadId);
        if (options.deliver) {
          try {
            await options.deliver(result);
          } catch (error) {
            await this.restore(conversationKey, stored);
            throw error;
          }
        }
        return result;
      }
    });
  }

  /** Puts a conversation back as it was before a turn whose replies were not delivered. */
  private async restore(conversationKey: string, previous: (ConversationRecord & StoreItem) | undefined) {
    if (previous) {
      const { eTag: _eTag, ...content } = previous;
      await this.storage.write({ [conversationKey]: { ...content, eTag: '*' } as unknown as StoreItem });
    } else await this.storage.delete([conversationKey]);
  }

  private recordOf(
    result: TurnResult,
    previous: ConversationRecord | undefined,
    intakeId: string,
  ): ConversationRecord {
    const now = this.clock.now().toISOString();
    const fresh = previous === undefined || previous.intakeId !== intakeId;
    return {
      flowVersion: result.state.flowVersion,
      snapshot: result.state.snapshot,
      ...(result.state.turn !== undefined ? { turn: result.state.turn } : {}),
      ...(result.state.copyOffered ? { copyOffered: true } : {}),
      intakeId,
      createdAt: fresh ? now : previous.createdAt,
      updatedAt: now,
      position: result.position.kind === 'step' ? result.position.step : result.position.kind,
      locale: result.locale,
      handoffRequested: viewOf(result.state).handoffRequested,
      leadId: fresh ? undefined : previous.leadId,
    };
  }
}

/** The page's report, once made, stays; until then the latest channel's word. */
function sourceOf(stored: LeadSource | undefined, told: LeadSource | undefined): LeadSource | undefined {
  if (stored?.website) return stored;
  return told ?? stored;
}

const isFinishedPosition = (kind: string) => kind === 'submitted' || kind === 'declined';
const isFinished = (record: ConversationRecord) => isFinishedPosition(record.position);
