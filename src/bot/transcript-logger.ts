import { extend } from '../intake/objects';
import { ActivityEventNames, ActivityTypes, RoleTypes, type Activity } from '@microsoft/agents-activity';
import type { Middleware, TurnContext } from '@microsoft/agents-hosting';
import type { Flows } from '../intake/flows';
import { log, logRef } from '../logger';
import { intakeStepOf, Redaction } from '../intake/redaction';
import { KeyedLock } from '../storage/keyed-lock';
import { plainActivity } from './adapter';
import type { TranscriptActivity, TranscriptStore } from '../ports/transcripts';

/** Conversations whose last question is remembered; older ones are looked up in their file. */
const REMEMBERED_CONVERSATIONS = 10_000;

/**
 * Records every activity of every conversation into the transcript store, a turn at a time (the
 * prospect's activity and the bot's replies, in order, once the turn is over), with the
 * prospect's admissibility and contact answers redacted. A prospect's message is redacted
 * according to the question it answers: the step of the bot's last question in that conversation.
 *
 * Recording never fails a turn: a write error is logged (with ids only) and the turn goes on.
 */
export class RedactingTranscriptLogger {
  private readonly locks = new KeyedLock();
  private readonly lastQuestion = new Map<string, string | null>();

  constructor(
    private readonly store: TranscriptStore,
    private readonly redaction: Redaction,
  ) {}

  /**
   * Records one turn's activities (shallow copies the caller no longer changes), in order: one lock
   * per turn, and the store writes them together.
   */
  logTurn(activities: TranscriptActivity[]): Promise<void> {
    const first = activities[0];
    if (!first) return Promise.resolve();
    const key = `${first.channelId}/${first.conversation?.id}`;
    const notRecorded = (error: unknown) => {
      log.error('transcript-not-recorded', {
        ref: logRef(`${first.channelId}/conversations/${first.conversation?.id}`),
        channel: first.channelId,
        error: error instanceof Error ? error.name : 'unknown',
      });
    };
    const work = this.locks.run(key, async () => {
      const appended: Promise<void>[] = [];
      for (const plain of activities) {
        if (plain.type === 'typing') continue;
        try {
          // appended in this conversation's order; the store writes a turn's activities together
          appended.push(this.store.append(await this.redacted(key, plain)).catch(notRecorded));
        } catch (error) {
          notRecorded(error); // this activity only: the turn's others are still recorded
        }
      }
      await Promise.all(appended);
    });
    return this.store.track(work.catch(notRecorded));
  }

  /** The activity as the transcript keeps it: the prospect's answers to sensitive questions hidden. */
  private async redacted(key: string, plain: TranscriptActivity): Promise<TranscriptActivity> {
    if (plain.from?.role === 'user') {
      const step = await this.questionAnswered(key, plain);
      return this.redaction.redactUserActivity(plain, step);
    }
    if (plain.from) plain.from = extend(plain.from, { role: plain.from.role ?? 'bot' });
    const step = intakeStepOf(plain);
    if (step !== undefined) this.remember(key, step);
    return this.redaction.redactBotActivity(plain);
  }

  private async questionAnswered(key: string, activity: TranscriptActivity): Promise<string | undefined> {
    if (!this.lastQuestion.has(key)) {
      // Not seen since this process started: the last question is at the end of the file.
      const last = await this.store.findLast(
        activity.channelId,
        activity.conversation.id,
        (a) => a.from?.role !== 'user' && intakeStepOf(a) !== undefined,
      );
      this.remember(key, last ? (intakeStepOf(last) ?? null) : null);
    }
    return this.lastQuestion.get(key) ?? undefined;
  }

  private remember(key: string, step: string | null): void {
    this.lastQuestion.delete(key);
    this.lastQuestion.set(key, step);
    if (this.lastQuestion.size > REMEMBERED_CONVERSATIONS) {
      const oldest = this.lastQuestion.keys().next().value;
      if (oldest !== undefined) this.lastQuestion.delete(oldest);
    }
  }
}

/** An activity as the transcript keeps it: a shallow copy, as it goes on the wire. */
const plainOf = (activity: Activity) => plainActivity(activity) as unknown as TranscriptActivity;

/** Stamped with the time it was seen, if it carries none (as the SDK's transcript middleware does). */
function stamped(activity: TranscriptActivity): TranscriptActivity {
  if (!activity.timestamp) (activity as { timestamp?: unknown }).timestamp = new Date();
  return activity;
}

/**
 * Collects a turn's activities and records them once the turn is over, as the SDK's
 * TranscriptLoggerMiddleware does (the prospect's activity, with `role: user` when it has none;
 * each reply with the id the channel gave it, or one made up; updates as `messageUpdate`; no
 * ContinueConversation event), but handing the whole turn to the logger at once: one lock, one
 * batch, instead of a chain of promises for each activity (docs/performance.md).
 */
export class TurnTranscriptMiddleware implements Middleware {
  constructor(private readonly logger: RedactingTranscriptLogger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const turn: TranscriptActivity[] = [];
    const keep = (activity: TranscriptActivity) => {
      if (!(
        activity.type === ActivityTypes.Event && activity.name === ActivityEventNames.ContinueConversation
      ))
        turn.push(stamped(activity));
    };
    const incoming = context.activity;
    if (incoming?.from) {
      if (!incoming.from.role) incoming.from.role = RoleTypes.User;
      keep(plainOf(incoming));
    }
    context.onSendActivities(async (_context, activities, sent) => {
      const responses = await sent();
      activities.forEach((activity, index) => {
        const copy = plainOf(activity);
        copy.id = responses?.[index]?.id || copy.id || madeUpId(copy);
        keep(copy);
      });
      return responses;
    });
    context.onUpdateActivity(async (_context, activity, updated) => {
      const response = await updated();
      const copy = plainOf(activity);
      copy.type = ActivityTypes.MessageUpdate;
      keep(copy);
      return response;
    });
    await next();
    void this.logger.logTurn(turn);
  }
}

/** The SDK's id for a reply the channel gave none: a random prefix and the time in milliseconds. */
function madeUpId(activity: TranscriptActivity): string {
  const prefix = `g_${Math.random().toString(36).slice(2, 8)}`;
  const timestamp = (activity as { timestamp?: unknown }).timestamp;
  const at = timestamp ? new Date(timestamp as string | Date).getTime() : Date.now();
  return `${prefix}${at.toString()}`;
}

/** The middleware that records a bot's conversations into `store`. */
export function transcriptMiddleware(store: TranscriptStore, flows: Flows): TurnTranscriptMiddleware {
  return new TurnTranscriptMiddleware(new RedactingTranscriptLogger(store, new Redaction(flows)));
}
