import { extend } from '../intake/objects';
import type { ChannelActivity, ChannelConversation, ChannelConversations } from './conversations';

/**
 * The activities of the built-in channel between the conversation logs and the bot: what a client
 * may see of an activity, the bot's replies coming in (`botSink`), and the client's activities
 * going out to the bot in-process (`BotDelivery`).
 */

/** Hands an activity to the bot and resolves when its turn is over. */
export type BotLink = (activity: Record<string, unknown>) => Promise<void>;

export interface BotAccount {
  id: string;
  name: string;
  role: 'bot';
}

const BOT_TIMEOUT_MS = 15_000;

/**
 * The fields of an activity a Direct Line client may see, and the only ones stored: nothing
 * internal to the bot or the channel (service URLs, keys, callers) is kept or sent to a browser.
 */
const CLIENT_FIELDS = [
  'id',
  'type',
  'timestamp',
  'localTimestamp',
  'localTimezone',
  'channelId',
  'conversation',
  'from',
  'recipient',
  'text',
  'textFormat',
  'speak',
  'inputHint',
  'summary',
  'locale',
  'attachmentLayout',
  'attachments',
  'suggestedActions',
  'entities',
  'channelData',
  'value',
  'name',
  'replyToId',
] as const;

export function clientFields(activity: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of CLIENT_FIELDS) {
    if (Object.hasOwn(activity, field) && activity[field] !== undefined) picked[field] = activity[field];
  }
  for (const field of ['conversation', 'from', 'recipient'] as const) {
    const account = picked[field] as { id?: unknown; name?: unknown; role?: unknown } | undefined;
    if (account && typeof account === 'object')
      picked[field] = Object.fromEntries(
        Object.entries({ id: account.id, name: account.name, role: account.role }).filter(
          ([, value]) => typeof value === 'string',
        ),
      );
  }
  return picked;
}

/** Where the bot's activities come in: stored in the conversation's log and pushed to its streams. */
export function botSink(conversations: ChannelConversations, bot: BotAccount) {
  return {
    receive: (conversationId: string, activity: Record<string, unknown>): { id: string } | undefined => {
      const conversation = conversations.get(conversationId);
      if (!conversation || typeof activity.type !== 'string') return undefined;
      const from = (activity.from ?? {}) as { id?: unknown; name?: unknown };
      return conversation.append(
        extend(clientFields(activity), {
          type: activity.type,
          from: {
            id: typeof from.id === 'string' ? from.id : bot.id,
            name: typeof from.name === 'string' ? from.name : bot.name,
            role: 'bot' as const,
          },
        }),
      );
    },
  };
}

/** Delivers the client's activities to the bot, in-process, each turn bounded in time. */
export class BotDelivery {
  private bot?: BotLink;

  constructor(readonly account: BotAccount) {}

  connect(bot: BotLink): void {
    this.bot = bot;
  }

  /**
   * Tells the bot the prospect joined (once per conversation the channel holds): the bot then
   * welcomes a new prospect, or greets a returning one at the question they were on. Throws when
   * the bot could not take it (the conversation is then not started).
   */
  async start(conversation: ChannelConversation): Promise<void> {
    if (conversation.started) return;
    conversation.started = true;
    // Sent to the bot only: clients see what the bot answers to it.
    const joined: ChannelActivity = {
      id: `${conversation.id}|joined-${Date.now()}`,
      type: 'conversationUpdate',
      timestamp: new Date().toISOString(),
      channelId: 'directline',
      conversation: { id: conversation.id },
      from: { id: conversation.userId, role: 'user' },
      membersAdded: [{ ...this.account }, { id: conversation.userId, role: 'user' }],
      locale: conversation.locale,
      ...(conversation.source ? { channelData: { source: conversation.source } } : {}),
    };
    try {
      await this.deliver(conversation, joined);
    } catch (error) {
      conversation.started = false;
      throw error;
    }
  }

  /** Delivers an activity to the bot; resolves when its turn is over (replies stored). */
  async deliver(conversation: ChannelConversation, activity: ChannelActivity): Promise<void> {
    if (!this.bot) throw new Error('the channel is not connected to a bot');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the bot did not answer in time')), BOT_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.bot(this.toBot(conversation, activity)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The channel decides how replies travel, not the client: no deliveryMode, no serviceUrl. */
  private toBot(conversation: ChannelConversation, activity: ChannelActivity): Record<string, unknown> {
    const { from, ...rest } = activity;
    // a website visitor cannot mark their own intake as test traffic (see IntakeBotOptions)
    const { testTraffic: _testTraffic, ...channelData } = (rest.channelData ?? {}) as Record<string, unknown>;
    return extend(rest, {
      type: activity.type,
      id: activity.id,
      timestamp: activity.timestamp,
      channelId: 'directline',
      conversation: { id: conversation.id },
      from: from.name ? { id: from.id, name: from.name, role: 'user' } : { id: from.id, role: 'user' },
      recipient: { ...this.account },
      locale: activity.locale ?? conversation.locale,
      ...(rest.channelData ? { channelData } : {}),
    });
  }
}
