import { extend } from '../intake/objects';
import { TokenBucket } from './token-bucket';

/** An activity as the channel stores and sends it to clients (Direct Line 3.0 JSON). */
export interface ChannelActivity {
  id: string;
  type: string;
  timestamp: string;
  channelId: 'directline';
  conversation: { id: string };
  from: { id: string; name?: string; role: 'user' | 'bot' };
  [field: string]: unknown;
}

/** What a client or the bot sends: the channel adds the id, timestamp and conversation. */
export interface NewActivity {
  type: string;
  from: ChannelActivity['from'];
  [field: string]: unknown;
}

export interface ActivitySet {
  activities: ChannelActivity[];
  watermark?: string;
}

/** Anything that can receive a conversation's new activities as they arrive (a WebSocket). */
export interface Subscriber {
  send(set: ActivitySet): void;
  /** Sends at once what `send` was given and has not sent yet (a subscriber may gather a turn's). */
  flush?(): void;
  /** Ends the subscription (the conversation was deleted, or a newer stream replaces this one). */
  close?(reason: string): void;
}

export interface ConversationLimits {
  /** Activities kept per conversation for reconnects and polling; the oldest go first. */
  maxActivities: number;
  /** Conversations kept in memory; the least recently used without a live stream go first. */
  maxConversations: number;
  /** A conversation with no live stream is forgotten after this long without use. */
  idleMs: number;
  /** Posts per conversation: burst, then per second. */
  postBurst: number;
  postsPerSecond: number;
}

export const defaultLimits: ConversationLimits = {
  maxActivities: 1000,
  maxConversations: 5000,
  idleMs: 2 * 60 * 60 * 1000,
  postBurst: 20,
  postsPerSecond: 2,
};

/**
 * One channel conversation: its activity log with watermarks, and its live subscribers. The log
 * lives in memory: it only lets a reloaded page or a reconnecting client catch up. What the
 * prospect answered is in the intake service's storage, and a conversation the channel forgot is
 * greeted again by the bot at the question it was on.
 */
export class ChannelConversation {
  readonly subscribers = new Set<Subscriber>();
  readonly posts: TokenBucket;
  started = false;
  locale?: string;
  /** What the page told of where the visitor came from, when it started the conversation (untrusted). */
  source?: unknown;
  lastUsed: number;
  private readonly log: { seq: number; activity: ChannelActivity }[] = [];
  private nextSeq = 1;

  constructor(
    readonly id: string,
    readonly userId: string,
    private readonly limits: ConversationLimits,
    private readonly clock: () => number,
  ) {
    this.lastUsed = clock();
    this.posts = new TokenBucket(limits.postBurst, limits.postsPerSecond, clock);
  }

  /** Stores an activity, gives it its id and timestamp, and pushes it to the live subscribers. */
  append(activity: NewActivity): ChannelActivity {
    const seq = this.nextSeq++;
    const stored = extend(activity, {
      id: `${this.id}|${String(seq).padStart(7, '0')}`,
      timestamp: new Date(this.clock()).toISOString(),
      channelId: 'directline',
      conversation: { id: this.id },
    }) as ChannelActivity;
    this.log.push({ seq, activity: stored });
    if (this.log.length > this.limits.maxActivities) this.log.shift();
    this.touch();
    for (const subscriber of this.subscribers)
      subscriber.send({ activities: [stored], watermark: String(seq) });
    return stored;
  }

  /** The activities after `watermark` (all of them for an empty one). */
  since(watermark: string | undefined): ActivitySet {
    const after = watermarkNumber(watermark);
    const activities = this.log.filter((entry) => entry.seq > after).map((entry) => entry.activity);
    const last = this.log.at(-1)?.seq;
    return { activities, watermark: last !== undefined ? String(last) : watermark || undefined };
  }

  /** Sends what the live subscribers are still gathering. */
  flushStreams(): void {
    for (const subscriber of this.subscribers) subscriber.flush?.();
  }

  /** Closes every live stream of this conversation. */
  closeStreams(reason = 'conversation deleted'): void {
    for (const subscriber of [...this.subscribers]) subscriber.close?.(reason);
    this.subscribers.clear();
  }

  get isEmpty(): boolean {
    return this.log.length === 0;
  }

  touch(): void {
    this.lastUsed = this.clock();
  }
}

export function watermarkNumber(watermark: string | undefined): number {
  if (watermark === undefined || watermark === '' || watermark === '-') return 0;
  const value = Number(watermark);
  return Number.isSafeInteger(value) && value >= 0 ? value : Number.NaN;
}

export class ChannelConversations {
  private readonly byId = new Map<string, ChannelConversation>();

  constructor(
    private readonly limits: ConversationLimits = defaultLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  get(id: string): ChannelConversation | undefined {
    const conversation = this.byId.get(id);
    conversation?.touch();
    return conversation;
  }

  /** The conversation, created (not yet started) when the channel does not hold it. */
  ensure(id: string, userId: string): ChannelConversation {
    const existing = this.get(id);
    if (existing) return existing;
    this.evict();
    const created = new ChannelConversation(id, userId, this.limits, this.clock);
    this.byId.set(id, created);
    return created;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Forgets a conversation and its log; true when the channel held it. */
  delete(id: string): boolean {
    return this.byId.delete(id);
  }

  /** Forgets idle conversations, and the least recently used ones beyond the maximum. */
  evict(): void {
    const now = this.clock();
    for (const [id, conversation] of this.byId) {
      if (conversation.subscribers.size === 0 && now - conversation.lastUsed > this.limits.idleMs)
        this.byId.delete(id);
    }
    if (this.byId.size < this.limits.maxConversations) return;
    const idle = [...this.byId.values()]
      .filter((c) => c.subscribers.size === 0)
      .sort((a, b) => a.lastUsed - b.lastUsed);
    for (const conversation of idle.slice(0, this.byId.size - this.limits.maxConversations + 1))
      this.byId.delete(conversation.id);
  }
}
