import { extend } from '../intake/objects';
import { TranscriptLoggerMiddleware, type Activity, type TranscriptLogger } from 'botbuilder';
import type { Flows } from '../intake/flows';
import { log, logRef } from '../logger';
import { intakeStepOf, Redaction } from '../intake/redaction';
import { KeyedLock } from '../storage/keyed-lock';
import type { TranscriptActivity, TranscriptStore } from '../ports/transcripts';

/** Conversations whose last question is remembered; older ones are looked up in their file. */
const REMEMBERED_CONVERSATIONS = 10_000;

/**
 * Records every activity of every conversation (botbuilder's transcript middleware calls it at
 * the end of each turn, in order) into the transcript store, with the prospect's admissibility
 * and contact answers redacted. A prospect's message is redacted according to the question it
 * answers: the step of the bot's last question in that conversation.
 *
 * Recording never fails a turn: a write error is logged (with ids only) and the turn goes on.
 */
export class RedactingTranscriptLogger implements TranscriptLogger {
  private readonly locks = new KeyedLock();
  private readonly lastQuestion = new Map<string, string | null>();

  constructor(
    private readonly store: TranscriptStore,
    private readonly redaction: Redaction,
  ) {}

  logActivity(activity: Activity): Promise<void> {
    if (activity.type === 'typing') return Promise.resolve();
    // botbuilder hands each activity over as its own shallow copy; the store serializes it at once
    const plain = { ...activity } as unknown as TranscriptActivity;
    const conversationId = plain.conversation?.id;
    const key = `${plain.channelId}/${conversationId}`;
    let appended: Promise<void> | undefined;
    const work = this.locks
      .run(key, async () => {
        const fromProspect = plain.from?.role === 'user';
        let stored: TranscriptActivity;
        if (fromProspect) {
          const step = await this.questionAnswered(key, plain);
          stored = this.redaction.redactUserActivity(plain, step);
        } else {
          if (plain.from) plain.from = extend(plain.from, { role: plain.from.role ?? 'bot' });
          const step = intakeStepOf(plain);
          if (step !== undefined) this.remember(key, step);
          stored = this.redaction.redactBotActivity(plain);
        }
        // appended in this conversation's order; the store writes a turn's activities together
        appended = this.store.append(stored);
      })
      .then(() => appended)
      .catch((error: unknown) => {
        log.error('transcript-not-recorded', {
          ref: logRef(`${plain.channelId}/conversations/${conversationId}`),
          channel: plain.channelId,
          error: error instanceof Error ? error.name : 'unknown',
        });
      });
    return this.store.track(work);
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

/** The middleware that records a bot's conversations into `store`. */
export function transcriptMiddleware(store: TranscriptStore, flows: Flows): TranscriptLoggerMiddleware {
  return new TranscriptLoggerMiddleware(new RedactingTranscriptLogger(store, new Redaction(flows)));
}
