import { randomUUID } from 'node:crypto';
import { intakeStepOf } from '../../src/intake/redaction';
import type { Account, ActivityJson } from './script';
import type { TranscriptActivity, TranscriptStore } from '../../src/ports/transcripts';
import type { BotActivity, InProcessBot } from '../../src/bot/in-process-bot';

export interface SessionOptions {
  channelId?: string;
  conversationId?: string;
  locale?: string;
  user?: Account;
  bot?: Account;
  /** The time of the first activity; later ones follow `secondsPerTurn` apart. Now by default. */
  startAt?: Date;
  secondsPerTurn?: number;
}

/**
 * One conversation with an in-process bot that records into a transcript store: what
 * `npm run chat`, the corpus recorder and the path generator use to produce `.transcript` files
 * through the same recording (and redaction) as the server.
 */
export class TranscriptSession {
  readonly channelId: string;
  readonly conversationId: string;
  readonly locale: string;
  readonly user: Account;
  readonly bot: Account;
  /** The bot's replies to the last activity sent. */
  lastReplies: BotActivity[] = [];
  private clock: number | undefined;
  private readonly secondsPerTurn: number;
  private sent = 0;

  constructor(
    private readonly inProcess: InProcessBot,
    private readonly store: TranscriptStore,
    options: SessionOptions = {},
  ) {
    this.channelId = options.channelId ?? 'directline';
    this.conversationId = options.conversationId ?? randomUUID();
    this.locale = options.locale ?? 'en-CA';
    this.user = { id: 'prospect', name: 'Prospect', ...options.user, role: 'user' };
    this.bot = { id: 'imp-intake', name: 'IMP intake', ...options.bot, role: 'bot' };
    this.clock = options.startAt?.getTime();
    this.secondsPerTurn = options.secondsPerTurn ?? 9;
  }

  /** The step of the bot's last question ('review', 'submitted'… included). */
  get step(): string | undefined {
    for (const reply of [...this.lastReplies].reverse()) {
      const step = intakeStepOf(reply);
      if (step) return step;
    }
    return undefined;
  }

  get lastText(): string {
    return this.lastReplies.map((r) => r.text ?? '').join('\n\n');
  }

  async send(activity: Partial<ActivityJson>): Promise<BotActivity[]> {
    const timestamp = new Date(this.clock ?? Date.now());
    if (this.clock !== undefined) this.clock += this.secondsPerTurn * 1000;
    const full: ActivityJson = {
      type: 'message',
      id: `${this.conversationId.slice(0, 8)}-${++this.sent}`,
      locale: this.locale,
      from: this.user,
      recipient: this.bot,
      ...activity,
      timestamp: timestamp.toISOString(),
    } as ActivityJson;
    this.lastReplies = await this.inProcess.send(full, {
      channelId: this.channelId,
      id: this.conversationId,
    });
    return this.lastReplies;
  }

  say(text: string): Promise<BotActivity[]> {
    return this.send({ type: 'message', text });
  }

  /** The prospect opens the conversation (a channel's conversationUpdate adding them). */
  join(): Promise<BotActivity[]> {
    return this.send({ type: 'conversationUpdate', membersAdded: [this.user], text: undefined });
  }

  /** Everything recorded so far, as a `.transcript` holds it. */
  async transcript(): Promise<TranscriptActivity[]> {
    await this.store.settled();
    return this.store.read(this.channelId, this.conversationId);
  }
}
