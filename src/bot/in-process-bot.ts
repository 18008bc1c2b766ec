import { randomUUID } from 'node:crypto';
import { Activity } from '@microsoft/agents-activity';
import {
  BaseAdapter,
  TurnContext,
  type AttachmentInfo,
  type ResourceResponse,
} from '@microsoft/agents-hosting';
import { extend } from '../intake/objects';
import { IntakeEngine, type StoredConversation } from '../intake/conversation';
import { loadFlows, type Flows } from '../intake/flows';
import type { Catalogue } from '../intake/machine';
import { IntakeService, type IntakeObserver } from '../service/intake-service';
import type { Lead } from '../screening/lead';
import { SubmitLead } from '../service/submit-lead';
import { openMemoryStorage } from '../storage/memory';
import type { TranscriptStore } from '../ports/transcripts';
import { plainActivity, trustedActivity, useSdkShortcuts } from './adapter';
import { conversationKeyOf, IntakeBot } from './intake-bot';
import { transcriptMiddleware } from './transcript-logger';

/**
 * The whole bot in this process — IntakeBot on an adapter that keeps its replies, the intake
 * service and "submit a lead" — with conversations and leads in memory, so thousands of recorded
 * conversations replay in seconds. Its clock is the recorded time of each activity (or a fixed
 * date when a file has none), so a replayed lead is screened on the day the original was.
 */

/** The clock of activities without a timestamp (hand-written .chat files). */
export const REPLAY_EPOCH = '2026-01-15T17:00:00.000Z';

export interface InProcessBotOptions {
  flows?: Flows;
  /** Another questionnaire or wording: the engine built from it (with `flows`). */
  engine?: IntakeEngine;
  catalogue?: Catalogue;
  retentionDays?: number;
  /** Records every conversation into this store, as the server does. */
  record?: TranscriptStore;
  /** Told of every turn (the replay tooling's machine coverage). */
  coverage?: TurnObserver;
}

/** What the bot sends back: an activity as the channel would receive it (channelId and all). */
export type BotActivity = Partial<Activity> & { channelId?: string };

/** An activity as a transcript or a test writes it: plain JSON, the timestamp an ISO string. */
export interface JsonActivity {
  type: string;
  timestamp?: string;
  [key: string]: unknown;
}

export interface TurnObserver {
  observeTurn(before: StoredConversation | undefined, activity: JsonActivity): void;
}

export class InProcessBot {
  readonly flows: Flows;
  readonly engine: IntakeEngine;
  private readonly stored = openMemoryStorage();
  private readonly storage = this.stored.conversations;
  private readonly leads = this.stored.leads;
  private readonly lastLead = new Map<string, string>();
  private readonly adapter: ReplyKeepingAdapter;
  private readonly coverage?: TurnObserver;
  private clock = new Date(REPLAY_EPOCH);

  constructor(options: InProcessBotOptions = {}) {
    useSdkShortcuts(); // as on the server
    this.flows = options.flows ?? loadFlows();
    this.engine =
      options.engine ??
      new IntakeEngine(this.flows, {
        retentionDays: options.retentionDays ?? 365,
        catalogue: options.catalogue,
      });
    this.coverage = options.coverage;
    const submitLead = new SubmitLead(this.leads); // no staff desk: the lead is only stored
    const observer: IntakeObserver = {
      submitted: async (intake) => {
        const lead = await submitLead.run(intake);
        this.lastLead.set(intake.conversationKey, lead.id);
      },
    };
    const intake = new IntakeService(this.engine, this.storage, observer, { now: () => this.clock });
    const bot = new IntakeBot(intake);
    this.adapter = new ReplyKeepingAdapter((context) => bot.run(context));
    if (options.record) this.adapter.use(transcriptMiddleware(options.record, this.flows));
  }

  /** Starts the clock again at the replay epoch, for a conversation without timestamps. */
  resetClock(): void {
    this.clock = new Date(REPLAY_EPOCH);
  }

  /** Sends one activity of a conversation and returns the bot's replies. */
  async send(
    activity: JsonActivity,
    conversation: { channelId: string; id: string },
  ): Promise<BotActivity[]> {
    const recorded = activity.timestamp ? Date.parse(activity.timestamp) : NaN;
    this.clock = new Date(Number.isNaN(recorded) ? this.clock.getTime() + 1000 : recorded);
    const incoming = extend(activity, {
      channelId: conversation.channelId,
      conversation: { id: conversation.id },
      serviceUrl: 'https://replay.invalid',
      timestamp: this.clock.toISOString(),
    }) as unknown as Partial<Activity>;
    const key = conversationKeyOf(incoming);
    const before = this.coverage
      ? ((await this.storage.read([key]))[key] as StoredConversation | undefined)
      : undefined;
    const replies = await this.adapter.send(incoming);
    this.coverage?.observeTurn(before, activity);
    return replies.map(plainActivity) as BotActivity[];
  }

  /** The last lead the conversation submitted, as stored. */
  async leadOf(conversation: { channelId: string; id: string }): Promise<Lead | undefined> {
    const id = this.lastLead.get(
      conversationKeyOf({
        channelId: conversation.channelId,
        conversation: { id: conversation.id },
      } as Partial<Activity>),
    );
    return id === undefined ? undefined : this.leads.get(id);
  }

  /** Drops a finished conversation and its leads, so memory stays flat over thousands of replays. */
  async forget(conversation: { channelId: string; id: string }): Promise<void> {
    const key = conversationKeyOf({
      channelId: conversation.channelId,
      conversation: { id: conversation.id },
    } as Partial<Activity>);
    const lead = this.lastLead.get(key);
    if (lead !== undefined) await this.leads.delete(lead);
    this.lastLead.delete(key);
    await this.storage.delete([key]);
  }
}

/**
 * Runs turns in this process and keeps what the bot sends, in order (delays and traces aside). An
 * activity gets what botbuilder's TestAdapter gave one that lacks it: an id, the "test" channel,
 * a conversation, the default prospect and bot.
 */
export class ReplyKeepingAdapter extends BaseAdapter {
  readonly replies: Activity[] = [];
  private nextId = 0;

  constructor(private readonly logic: (context: TurnContext) => Promise<void>) {
    super();
  }

  /** Runs one turn and returns the replies it sent (taken from `replies`). */
  async send(activity: string | Partial<Activity> | Record<string, unknown>): Promise<Activity[]> {
    const given = (typeof activity === 'string' ? { type: 'message', text: activity } : activity) as {
      id?: unknown;
      from?: { id?: string; role?: string };
    } & Record<string, unknown>;
    const from = given.from;
    const incoming = {
      type: 'message',
      channelId: 'test',
      conversation: { id: 'Convo1', name: 'Convo1', isGroup: false },
      recipient: { id: 'bot', name: 'Bot' },
      serviceUrl: 'https://test.com',
      ...given,
      id: typeof given.id === 'string' && given.id !== '' ? given.id : String(this.nextId++),
      from: !from?.id || from.id === 'unknown' || from.role === 'bot' ? { id: 'user1', name: 'User1' } : from,
    };
    await this.runMiddleware(new TurnContext(this, trustedActivity(incoming)), this.logic);
    return this.replies.splice(0);
  }

  override sendActivities(_context: TurnContext, activities: Activity[]): Promise<ResourceResponse[]> {
    return Promise.resolve(
      activities.map((activity) => {
        activity.id ??= randomUUID();
        activity.timestamp ??= new Date();
        if (activity.type !== 'delay' && activity.type !== 'trace') this.replies.push(activity);
        return { id: activity.id };
      }),
    );
  }

  override updateActivity(): Promise<void> {
    return Promise.reject(new Error('replies are not updated in process'));
  }

  override deleteActivity(): Promise<void> {
    return Promise.reject(new Error('replies are not deleted in process'));
  }

  override continueConversation(): Promise<void> {
    return Promise.reject(new Error('no turn outside a request in process'));
  }

  override uploadAttachment(): Promise<ResourceResponse> {
    return Promise.reject(new Error('no attachments in process'));
  }

  override getAttachmentInfo(): Promise<AttachmentInfo> {
    return Promise.reject(new Error('no attachments in process'));
  }

  override getAttachment(): Promise<NodeJS.ReadableStream> {
    return Promise.reject(new Error('no attachments in process'));
  }
}
