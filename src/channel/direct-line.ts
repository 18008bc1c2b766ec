import type { Server } from 'node:http';
import type express from 'express';
import { ChannelConversations, type ChannelConversation } from './conversations';
import { botSink, BotDelivery, type BotLink } from './direct-line-activities';
import { DirectLineAuth, TOKEN_LIFETIME_SECONDS } from './direct-line-auth';
import { directLineRouter } from './direct-line-routes';
import type { ChannelUploads } from './direct-line-upload';
import { DirectLineStreams } from './direct-line-streams';
import type { ForgottenConversations } from './forgotten';
import type { TokenSigner } from './tokens';

/**
 * A Direct Line 3.0–compatible channel built into the server, so the website chat needs no Azure:
 * the endpoints botframework-directlinejs (and so Web Chat) uses — tokens, start and reconnect,
 * post and poll activities with watermarks, the WebSocket stream. Client messages reach the bot
 * in-process (`connect`), never through the public /api/messages door, and the bot's replies come
 * back through `sink`: no credential of the channel ever travels over HTTP or reaches a browser.
 *
 * The parts: ./direct-line-auth.ts (tokens and who may do what), ./direct-line-routes.ts (the REST
 * endpoints), ./direct-line-streams.ts (the WebSocket streams), ./direct-line-activities.ts (what
 * travels between the conversation logs of ./conversations.ts and the bot).
 */

export type { BotLink } from './direct-line-activities';

export interface DirectLineOptions {
  signer: TokenSigner;
  /** Accepted as a bearer credential too (Direct Line clients may use the secret directly). */
  secret: string;
  botId: string;
  botName: string;
  /** Half an hour unless told: `forgotten` keeps tombstones longer (see `forgottenKeepMs`). */
  tokenLifetimeSeconds?: number;
  conversations?: ChannelConversations;
  /**
   * The conversations deleted on a privacy request, kept in storage so that every instance and
   * every later start refuses their tokens.
   */
  forgotten: ForgottenConversations;
  /** Where browsers reach this server, for stream URLs; by default the request's own host. */
  publicUrl?: string;
  /** Requests per minute per IP on the Direct Line endpoints. */
  requestsPerMinute?: number;
  /** Open WebSocket streams one client address may hold. */
  streamsPerAddress?: number;
  /** Behind a reverse proxy: how many proxies to trust for the client address. */
  trustedProxies?: number;
  /** Told when a conversation's live stream closes (the prospect may have left). */
  onStreamsClosed?: (conversation: ChannelConversation) => void;
}

export class DirectLineChannel {
  readonly conversations: ChannelConversations;
  readonly forgotten: ForgottenConversations;
  private readonly auth: DirectLineAuth;
  private readonly bot: BotDelivery;
  private readonly streams: DirectLineStreams;
  /** Where the bot's activities come in: stored in the conversation's log and pushed to its streams. */
  readonly sink: ReturnType<typeof botSink>;

  constructor(private readonly options: DirectLineOptions) {
    this.conversations = options.conversations ?? new ChannelConversations();
    this.forgotten = options.forgotten;
    const lifetime = options.tokenLifetimeSeconds ?? TOKEN_LIFETIME_SECONDS;
    this.auth = new DirectLineAuth(options.signer, options.secret, lifetime, this.forgotten);
    this.bot = new BotDelivery({ id: options.botId, name: options.botName, role: 'bot' });
    this.sink = botSink(this.conversations, this.bot.account);
    this.streams = new DirectLineStreams({
      auth: this.auth,
      conversations: this.conversations,
      maxPerAddress: options.streamsPerAddress,
      trustedProxies: options.trustedProxies,
      onStreamsClosed: options.onStreamsClosed,
    });
  }

  /** The bot this channel delivers to (in-process). */
  connect(bot: BotLink): void {
    this.bot.connect(bot);
  }

  /**
   * A privacy deletion: the conversation's log is dropped, its streams closed, and every token
   * issued for it refused, here and (through storage) on every instance and after any restart.
   */
  async forget(conversationId: string): Promise<boolean> {
    const forgotten = this.forgotten.forget(conversationId);
    this.conversations.get(conversationId)?.closeStreams();
    const held = this.conversations.delete(conversationId);
    await forgotten;
    return held;
  }

  /** Once the server listens: WebSocket upgrades for the streams. */
  attach(server: Server): void {
    this.streams.attach(server, () => {
      this.conversations.evict();
      this.auth.prune();
    });
  }

  close(): void {
    this.streams.close();
  }

  /** A token for one conversation and user, as tokens/generate gives it. */
  issue(conversationId: string, userId: string) {
    return this.auth.issue(conversationId, userId);
  }

  private uploads?: ChannelUploads;

  /** Takes the prospect's documents on the upload route (the server's wiring, once built). */
  acceptUploads(uploads: ChannelUploads): void {
    this.uploads = uploads;
  }

  /** The /v3/directline endpoints. */
  router(): express.Router {
    return directLineRouter({
      auth: this.auth,
      conversations: this.conversations,
      bot: this.bot,
      publicUrl: this.options.publicUrl,
      requestsPerMinute: this.options.requestsPerMinute,
      uploads: () => this.uploads,
    });
  }
}
