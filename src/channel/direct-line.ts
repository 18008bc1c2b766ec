import { extend } from '../intake/objects';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { depthOf, MAX_DEPTH } from '../http/activity-check';
import { log, logRef } from '../logger';
import {
  ChannelConversations,
  watermarkNumber,
  type ActivitySet,
  type ChannelActivity,
  type ChannelConversation,
} from './conversations';
import { newConversationId, newUserId, secretMatcher, type TokenClaims, type TokenSigner } from './tokens';

/**
 * A Direct Line 3.0–compatible channel built into the server, so the website chat needs no Azure:
 * the endpoints botframework-directlinejs (and so Web Chat) uses — tokens, start and reconnect,
 * post and poll activities with watermarks, the WebSocket stream. Client messages reach the bot
 * in-process (`connect`), never through the public /api/messages door, and the bot's replies come
 * back through `sink`: no credential of the channel ever travels over HTTP or reaches a browser.
 */

/** Hands an activity to the bot and resolves when its turn is over. */
export type BotLink = (activity: Record<string, unknown>) => Promise<void>;

export interface DirectLineOptions {
  signer: TokenSigner;
  /** Accepted as a bearer credential too (Direct Line clients may use the secret directly). */
  secret: string;
  botId: string;
  botName: string;
  tokenLifetimeSeconds?: number;
  conversations?: ChannelConversations;
  /** Where browsers reach this server, for stream URLs; by default the request's own host. */
  publicUrl?: string;
  /** Requests per minute per IP on the Direct Line endpoints. */
  requestsPerMinute?: number;
  /** Told when a conversation's last live stream closes (the prospect may have left). */
  onStreamsClosed?: (conversation: ChannelConversation) => void;
}

type Caller = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

interface Locals {
  caller: Caller;
}

const STREAM_TOKEN_SECONDS = 120;
const BOT_TIMEOUT_MS = 15_000;

const postedActivitySchema = z
  .object({
    type: z.string().min(1).max(50),
    text: z.string().max(10_000).optional(),
    textFormat: z.string().max(20).optional(),
    locale: z.string().max(20).optional(),
    value: z.unknown().optional(),
    name: z.string().max(200).optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
    from: z
      .object({ id: z.string().optional(), name: z.string().max(200).optional() })
      .loose()
      .optional(),
    entities: z.array(z.unknown()).max(20).optional(),
    attachments: z.array(z.unknown()).max(0, 'this channel does not accept attachments').optional(),
  })
  .loose();

const startSchema = z
  .object({
    user: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional() }).optional(),
    locale: z.string().max(20).optional(),
    /** May carry the page's `source` (referrer host, utm tags, landing path): the bot checks it. */
    channelData: z.unknown().optional(),
  })
  .loose();

export function directLineError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export class DirectLineChannel {
  readonly conversations: ChannelConversations;
  private readonly tokenLifetime: number;
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private bot?: BotLink;
  private heartbeat?: NodeJS.Timeout;
  /** Conversations deleted on a privacy request: tokens issued before then no longer open them. */
  private readonly revoked = new Map<string, number>();
  /** Whether a bearer credential is the channel's secret (compared in constant time). */
  private readonly isSecret: (presented: string) => boolean;

  constructor(private readonly options: DirectLineOptions) {
    this.conversations = options.conversations ?? new ChannelConversations();
    this.tokenLifetime = options.tokenLifetimeSeconds ?? 30 * 60;
    this.isSecret = secretMatcher(options.secret);
  }

  /** The bot this channel delivers to (in-process). */
  connect(bot: BotLink): void {
    this.bot = bot;
  }

  /** Where the bot's activities come in: stored in the conversation's log and pushed to its streams. */
  readonly sink = {
    receive: (conversationId: string, activity: Record<string, unknown>): { id: string } | undefined => {
      const conversation = this.conversations.get(conversationId);
      if (!conversation || typeof activity.type !== 'string') return undefined;
      const from = (activity.from ?? {}) as { id?: unknown; name?: unknown };
      return conversation.append(
        extend(clientFields(activity), {
          type: activity.type,
          from: {
            id: typeof from.id === 'string' ? from.id : this.options.botId,
            name: typeof from.name === 'string' ? from.name : this.options.botName,
            role: 'bot' as const,
          },
        }),
      );
    },
  };

  /**
   * A privacy deletion: the conversation's log is dropped, its streams closed, and every token
   * issued for it so far refused (a new one can only come from its resume code, deleted too).
   */
  forget(conversationId: string): boolean {
    this.revoked.set(conversationId, Date.now());
    const conversation = this.conversations.get(conversationId);
    conversation?.closeStreams();
    return this.conversations.delete(conversationId);
  }

  /** Once the server listens: WebSocket upgrades for the streams. */
  attach(server: Server): void {
    server.on('upgrade', (req, socket, head) => {
      try {
        this.upgrade(req, socket, head, server);
      } catch (error) {
        log.warn('direct-line-upgrade-refused', { error: describe(error).slice(0, 100) });
        refuse(socket, 400, 'Bad Request');
      }
    });
    this.heartbeat = setInterval(() => {
      for (const client of this.sockets.clients) {
        const live = client as WebSocket & { alive?: boolean };
        if (live.alive === false) live.terminate();
        else {
          live.alive = false;
          live.ping();
        }
      }
      this.conversations.evict();
      // Past a token's lifetime no token issued before the deletion can still be presented.
      const since = Date.now() - (this.tokenLifetime + STREAM_TOKEN_SECONDS) * 1000;
      for (const [id, at] of this.revoked) if (at < since) this.revoked.delete(id);
    }, 30_000);
    this.heartbeat.unref();
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
  }

  /** A token for one conversation and user, as tokens/generate gives it. */
  issue(conversationId: string, userId: string) {
    return {
      conversationId,
      userId,
      token: this.options.signer.issue(conversationId, userId, this.tokenLifetime),
      expires_in: this.tokenLifetime,
    };
  }

  /** The /v3/directline endpoints. */
  router(): express.Router {
    const router = express.Router();
    router.use(
      rateLimit({
        windowMs: 60_000,
        limit: this.options.requestsPerMinute ?? 600,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, res) =>
          directLineError(
            res,
            429,
            'TooManyRequests',
            'Too many requests from this address: please wait a minute and try again.',
          ),
      }),
    );
    router.use(express.json({ limit: '64kb' }));
    router.use((req, res, next) => this.authenticate(req, res, next));

    router.post('/tokens/generate', (req, res) => {
      const caller = callerOf(res);
      if (caller.kind !== 'secret') {
        directLineError(res, 403, 'Forbidden', 'Generating a token needs the channel secret.');
        return;
      }
      const parsed = startSchema.safeParse(req.body ?? {});
      const userId =
        parsed.success && parsed.data.user?.id?.startsWith('dl_') ? parsed.data.user.id : newUserId();
      res.json(this.issue(newConversationId(), userId));
    });

    router.post('/tokens/refresh', (_req, res) => {
      const caller = callerOf(res);
      if (caller.kind !== 'token') {
        directLineError(res, 403, 'Forbidden', 'Only a token can be refreshed.');
        return;
      }
      this.conversations.get(caller.claims.conv)?.touch();
      res.json(this.issue(caller.claims.conv, caller.claims.user));
    });

    router.post('/conversations', async (req, res) => {
      const caller = callerOf(res);
      const body = startSchema.safeParse(req.body ?? {});
      if (!body.success) {
        directLineError(res, 400, 'BadArgument', 'The conversation start body is not valid.');
        return;
      }
      const [conversationId, userId] =
        caller.kind === 'token'
          ? [caller.claims.conv, caller.claims.user]
          : [newConversationId(), newUserId()];
      const conversation = this.conversations.ensure(conversationId, userId);
      if (body.data.locale) conversation.locale = body.data.locale;
      const source = (body.data.channelData as { source?: unknown } | null | undefined)?.source;
      if (source !== undefined && !conversation.started) conversation.source = source;
      const created = !conversation.started;
      if (!(await this.start(conversation, res))) return;
      res.status(created ? 201 : 200).json(this.describe(conversation, req, undefined));
    });

    router.get('/conversations/:conversationId', async (req, res) => {
      const conversation = this.conversationFor(req, res);
      if (!conversation) return;
      const watermark = req.query.watermark === undefined ? undefined : String(req.query.watermark);
      if (Number.isNaN(watermarkNumber(watermark))) {
        directLineError(res, 400, 'BadArgument', 'The watermark is not valid.');
        return;
      }
      if (!(await this.start(conversation, res))) return;
      res.json(this.describe(conversation, req, watermark));
    });

    router.get('/conversations/:conversationId/activities', (req, res) => {
      const conversation = this.conversationFor(req, res);
      if (!conversation) return;
      const watermark = req.query.watermark === undefined ? undefined : String(req.query.watermark);
      if (Number.isNaN(watermarkNumber(watermark))) {
        directLineError(res, 400, 'BadArgument', 'The watermark is not valid.');
        return;
      }
      res.json(conversation.since(watermark));
    });

    router.post('/conversations/:conversationId/activities', async (req, res) => {
      const conversation = this.conversationFor(req, res);
      if (!conversation) return;
      if (depthOf(req.body) > MAX_DEPTH) {
        directLineError(res, 400, 'BadArgument', `The activity is nested deeper than ${MAX_DEPTH} levels.`);
        return;
      }
      const parsed = postedActivitySchema.safeParse(req.body);
      if (!parsed.success) {
        const reason = parsed.error.issues
          .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ');
        directLineError(res, 400, 'BadArgument', `The activity is not valid (${reason}).`);
        return;
      }
      const wait = conversation.posts.take();
      if (wait > 0) {
        res.setHeader('Retry-After', String(wait));
        directLineError(
          res,
          429,
          'TooManyRequests',
          'You are sending messages faster than the assistant can read them: please wait a moment.',
        );
        return;
      }
      const posted = parsed.data;
      const stored = conversation.append(
        extend(clientFields(posted), {
          type: posted.type,
          from: { id: conversation.userId, name: posted.from?.name, role: 'user' as const },
          recipient: this.botAccount(),
        }),
      );
      try {
        await this.deliver(conversation, stored);
        // the turn's activities reach the stream before the POST is answered, as they did when
        // each went out on its own
        conversation.flushStreams();
        res.json({ id: stored.id });
      } catch (error) {
        log.error('direct-line-delivery-failed', { ref: logRef(conversation.id), error: describe(error) });
        directLineError(
          res,
          502,
          'BotError',
          'The assistant did not receive your message: please send it again.',
        );
      }
    });

    router.post('/conversations/:conversationId/upload', (_req, res) =>
      directLineError(res, 400, 'BadArgument', 'This channel does not accept file uploads.'),
    );
    router.get('/session/getsessionid', (_req, res) => res.json({ sessionId: '' }));
    router.use((_req, res) => directLineError(res, 404, 'NotFound', 'No such Direct Line endpoint.'));
    return router;
  }

  private authenticate(req: Request, res: Response, next: NextFunction): void {
    const header = req.get('authorization') ?? '';
    const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!bearer) {
      directLineError(
        res,
        401,
        'Unauthorized',
        'A Direct Line token is needed (Authorization: Bearer <token>).',
      );
      return;
    }
    // a token first (one HMAC): what a browser presents on every request
    const check = this.options.signer.verify(bearer);
    if (!check.ok && this.isSecret(bearer)) {
      (res.locals as Locals).caller = { kind: 'secret' };
      return next();
    }
    if (!check.ok) {
      const message =
        check.reason === 'expired'
          ? 'The token has expired: get a new one.'
          : 'The token is not valid for this channel.';
      directLineError(res, 403, check.reason === 'expired' ? 'TokenExpired' : 'Forbidden', message);
      return;
    }
    if (this.isRevoked(check.claims)) {
      directLineError(res, 403, 'Forbidden', 'The token is not valid for this channel.');
      return;
    }
    (res.locals as Locals).caller = { kind: 'token', claims: check.claims };
    next();
  }

  /** The conversation in the URL, if the caller's token opens it (403 otherwise). */
  private conversationFor(req: Request, res: Response): ChannelConversation | undefined {
    const conversationId = String(req.params.conversationId);
    const caller = callerOf(res);
    if (caller.kind === 'token' && caller.claims.conv !== conversationId) {
      directLineError(res, 403, 'Forbidden', 'This token does not open that conversation.');
      return undefined;
    }
    if (caller.kind === 'token') return this.conversations.ensure(conversationId, caller.claims.user);
    const existing = this.conversations.get(conversationId);
    if (!existing) directLineError(res, 404, 'NotFound', 'Conversation not found.');
    return existing;
  }

  /**
   * Tells the bot the prospect joined (once per conversation the channel holds): the bot then
   * welcomes a new prospect, or greets a returning one at the question they were on.
   */
  private async start(conversation: ChannelConversation, res: Response): Promise<boolean> {
    if (conversation.started) return true;
    conversation.started = true;
    // Sent to the bot only: clients see what the bot answers to it.
    const joined: ChannelActivity = {
      id: `${conversation.id}|joined-${Date.now()}`,
      type: 'conversationUpdate',
      timestamp: new Date().toISOString(),
      channelId: 'directline',
      conversation: { id: conversation.id },
      from: { id: conversation.userId, role: 'user' },
      membersAdded: [this.botAccount(), { id: conversation.userId, role: 'user' }],
      locale: conversation.locale,
      ...(conversation.source ? { channelData: { source: conversation.source } } : {}),
    };
    try {
      await this.deliver(conversation, joined);
      return true;
    } catch (error) {
      conversation.started = false;
      log.error('direct-line-start-failed', { ref: logRef(conversation.id), error: describe(error) });
      directLineError(
        res,
        502,
        'BotError',
        'The assistant is not available right now: please try again shortly.',
      );
      return false;
    }
  }

  /** Delivers an activity to the bot, in-process; resolves when its turn is over (replies stored). */
  private async deliver(conversation: ChannelConversation, activity: ChannelActivity): Promise<void> {
    if (!this.bot) throw new Error('the channel is not connected to a bot');
    // The channel decides how replies travel, not the client: no deliveryMode, no serviceUrl.
    const { from, ...rest } = activity;
    // a website visitor cannot mark their own intake as test traffic (see IntakeBotOptions)
    const { testTraffic: _testTraffic, ...channelData } = (rest.channelData ?? {}) as Record<string, unknown>;
    const body = extend(rest, {
      type: activity.type,
      id: activity.id,
      timestamp: activity.timestamp,
      channelId: 'directline',
      conversation: { id: conversation.id },
      from: from.name ? { id: from.id, name: from.name, role: 'user' } : { id: from.id, role: 'user' },
      recipient: this.botAccount(),
      locale: activity.locale ?? conversation.locale,
      ...(rest.channelData ? { channelData } : {}),
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the bot did not answer in time')), BOT_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.bot(body), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private describe(conversation: ChannelConversation, req: Request, watermark: string | undefined) {
    const streamToken = this.options.signer.issue(
      conversation.id,
      conversation.userId,
      STREAM_TOKEN_SECONDS,
      'stream',
    );
    const base = (this.options.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/^http/, 'ws');
    const query = new URLSearchParams({ t: streamToken });
    if (watermark) query.set('watermark', watermark);
    const streamUrl = `${base}/v3/directline/conversations/${encodeURIComponent(conversation.id)}/stream?${query}`;
    return { ...this.issue(conversation.id, conversation.userId), streamUrl };
  }

  private isRevoked(claims: TokenClaims): boolean {
    return this.revoked.has(claims.conv);
  }

  private botAccount() {
    return { id: this.options.botId, name: this.options.botName, role: 'bot' as const };
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, server: Server): void {
    // Any malformed URL throws here: the caller answers 400 and closes the socket.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/.exec(url.pathname);
    if (!match) {
      // Leave other upgrades to whoever else listens; refuse them when nobody does.
      if (server.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    const conversationId = decodeURIComponent(match[1]!);
    const check = this.options.signer.verify(url.searchParams.get('t') ?? undefined, 'stream');
    if (!check.ok || check.claims.conv !== conversationId || this.isRevoked(check.claims)) {
      refuse(socket, 403, 'Forbidden');
      return;
    }
    const watermark = url.searchParams.get('watermark') ?? undefined;
    const watermarkValue = watermark === undefined ? 0 : watermarkNumber(watermark);
    if (Number.isNaN(watermarkValue)) {
      refuse(socket, 400, 'Bad Request');
      return;
    }
    this.sockets.handleUpgrade(req, socket, head, (ws) => {
      const conversation = this.conversations.ensure(conversationId, check.claims.user);
      const live = ws as WebSocket & { alive?: boolean };
      live.alive = true;
      ws.on('pong', () => (live.alive = true));
      ws.on('error', () => ws.terminate());
      // What a turn appends (the prospect's message, the replies, the prompt) goes out as one
      // activity set, once the turn's synchronous work is done: one frame, not one per activity.
      let pending: ActivitySet | undefined;
      const flush = () => {
        if (!pending) return;
        const set = pending;
        pending = undefined;
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(set));
      };
      const subscriber = {
        flush,
        send: (set: ActivitySet) => {
          if (!pending) {
            pending = { activities: [...set.activities], watermark: set.watermark };
            setImmediate(flush);
            return;
          }
          pending.activities.push(...set.activities);
          pending.watermark = set.watermark;
        },
        close: () => ws.close(1000, 'conversation deleted'),
      };
      const backlog = conversation.since(watermark);
      if (backlog.activities.length > 0) subscriber.send(backlog);
      conversation.subscribers.add(subscriber);
      ws.on('message', () => conversation.touch());
      ws.on('close', () => {
        conversation.subscribers.delete(subscriber);
        conversation.touch();
        if (conversation.subscribers.size === 0) this.options.onStreamsClosed?.(conversation);
      });
    });
  }
}

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

function callerOf(res: Response): Caller {
  return (res.locals as Locals).caller;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export { newConversationId, newUserId };
