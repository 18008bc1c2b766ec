import express, { type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { depthOf, MAX_DEPTH } from '../http/activity-check';
import { turnBatches } from '../http/turn-batches';
import { extend } from '../intake/objects';
import { log, logRef } from '../logger';
import { clientFields, type BotDelivery } from './direct-line-activities';
import { callerOf, directLineError, type DirectLineAuth } from './direct-line-auth';
import { watermarkNumber, type ChannelConversation, type ChannelConversations } from './conversations';
import { handleUpload, type ChannelUploads } from './direct-line-upload';
import { newConversationId, newUserId } from './tokens';

/**
 * The /v3/directline REST endpoints botframework-directlinejs (and so Web Chat) uses: tokens,
 * start and reconnect, post and poll activities with watermarks.
 */

export interface RouteParts {
  auth: DirectLineAuth;
  conversations: ChannelConversations;
  bot: BotDelivery;
  /** Where browsers reach this server, for stream URLs; by default the request's own host. */
  publicUrl?: string;
  /** Requests per minute per IP on the Direct Line endpoints. */
  requestsPerMinute?: number;
  /** The prospect's documents (the upload route); absent: the channel takes no files. */
  uploads?: () => ChannelUploads | undefined;
}

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

export function directLineRouter(parts: RouteParts): express.Router {
  const router = express.Router();
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: parts.requestsPerMinute ?? 600,
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
  router.use(parts.auth.authenticate);
  tokenRoutes(router, parts);
  conversationRoutes(router, parts);
  activityRoutes(router, parts);
  router.post('/conversations/:conversationId/upload', async (req, res) => {
    const uploads = parts.uploads?.();
    if (!uploads) {
      directLineError(res, 400, 'BadArgument', 'This channel does not accept file uploads.');
      return;
    }
    const conversation = conversationFor(parts.conversations, req, res);
    if (!conversation || !withinPostRate(conversation, res)) return;
    await handleUpload(req, res, conversation, uploads, parts.bot);
  });
  router.get('/session/getsessionid', (_req, res) => res.json({ sessionId: '' }));
  router.use((_req, res) => directLineError(res, 404, 'NotFound', 'No such Direct Line endpoint.'));
  return router;
}

function tokenRoutes(router: express.Router, { auth, conversations }: RouteParts): void {
  router.post('/tokens/generate', (req, res) => {
    if (callerOf(res).kind !== 'secret') {
      directLineError(res, 403, 'Forbidden', 'Generating a token needs the channel secret.');
      return;
    }
    const parsed = startSchema.safeParse(req.body ?? {});
    const userId =
      parsed.success && parsed.data.user?.id?.startsWith('dl_') ? parsed.data.user.id : newUserId();
    res.json(auth.issue(newConversationId(), userId));
  });

  // a token of a deleted conversation never gets here: `authenticate` refused it
  router.post('/tokens/refresh', (_req, res) => {
    const caller = callerOf(res);
    if (caller.kind !== 'token') {
      directLineError(res, 403, 'Forbidden', 'Only a token can be refreshed.');
      return;
    }
    conversations.get(caller.claims.conv)?.touch();
    res.json(auth.issue(caller.claims.conv, caller.claims.user));
  });
}

function conversationRoutes(router: express.Router, parts: RouteParts): void {
  router.post('/conversations', async (req, res) => {
    const caller = callerOf(res);
    const body = startSchema.safeParse(req.body ?? {});
    if (!body.success) {
      directLineError(res, 400, 'BadArgument', 'The conversation start body is not valid.');
      return;
    }
    const [conversationId, userId] =
      caller.kind === 'token' ? [caller.claims.conv, caller.claims.user] : [newConversationId(), newUserId()];
    const conversation = parts.conversations.ensure(conversationId, userId);
    if (body.data.locale) conversation.locale = body.data.locale;
    const source = (body.data.channelData as { source?: unknown } | null | undefined)?.source;
    if (source !== undefined && !conversation.started) conversation.source = source;
    const created = !conversation.started;
    if (!(await start(parts.bot, conversation, res))) return;
    res.status(created ? 201 : 200).json(describe(parts, conversation, req, undefined));
  });

  router.get('/conversations/:conversationId', async (req, res) => {
    const conversation = conversationFor(parts.conversations, req, res);
    if (!conversation) return;
    const watermark = watermarkOf(req, res);
    if (watermark === null) return;
    if (!(await start(parts.bot, conversation, res))) return;
    res.json(describe(parts, conversation, req, watermark));
  });
}

function activityRoutes(router: express.Router, { conversations, bot }: RouteParts): void {
  router.get('/conversations/:conversationId/activities', (req, res) => {
    const conversation = conversationFor(conversations, req, res);
    if (!conversation) return;
    const watermark = watermarkOf(req, res);
    if (watermark === null) return;
    res.json(conversation.since(watermark));
  });

  // the turns that arrived together run together, step by step (see turn-batches.ts)
  router.post('/conversations/:conversationId/activities', turnBatches(), async (req, res) => {
    const conversation = conversationFor(conversations, req, res);
    if (!conversation) return;
    const posted = postedActivity(req, res);
    if (!posted || !withinPostRate(conversation, res)) return;
    const stored = conversation.append(
      extend(clientFields(posted), {
        type: posted.type,
        from: { id: conversation.userId, name: posted.from?.name, role: 'user' as const },
        recipient: { ...bot.account },
      }),
    );
    try {
      await bot.deliver(conversation, stored);
      // the turn's activities reach the stream before the POST is answered, as they did when
      // each went out on its own
      conversation.flushStreams();
      res.json({ id: stored.id });
    } catch (error) {
      log.error('direct-line-delivery-failed', { ref: logRef(conversation.id), error: messageOf(error) });
      directLineError(
        res,
        502,
        'BotError',
        'The assistant did not receive your message: please send it again.',
      );
    }
  });
}

/** The posted activity, checked (400 answered otherwise). */
function postedActivity(req: Request, res: Response): z.infer<typeof postedActivitySchema> | undefined {
  if (depthOf(req.body) > MAX_DEPTH) {
    directLineError(res, 400, 'BadArgument', `The activity is nested deeper than ${MAX_DEPTH} levels.`);
    return undefined;
  }
  const parsed = postedActivitySchema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  const reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  directLineError(res, 400, 'BadArgument', `The activity is not valid (${reason}).`);
  return undefined;
}

/** Whether the conversation may post now (429 with Retry-After answered otherwise). */
function withinPostRate(conversation: ChannelConversation, res: Response): boolean {
  const wait = conversation.posts.take();
  if (wait <= 0) return true;
  res.setHeader('Retry-After', String(wait));
  directLineError(
    res,
    429,
    'TooManyRequests',
    'You are sending messages faster than the assistant can read them: please wait a moment.',
  );
  return false;
}

/** The watermark of the query; null (400 answered) when it is not one. */
function watermarkOf(req: Request, res: Response): string | undefined | null {
  const watermark = req.query.watermark === undefined ? undefined : String(req.query.watermark);
  if (!Number.isNaN(watermarkNumber(watermark))) return watermark;
  directLineError(res, 400, 'BadArgument', 'The watermark is not valid.');
  return null;
}

/** The conversation in the URL, if the caller's token opens it (403 otherwise). */
function conversationFor(
  conversations: ChannelConversations,
  req: Request,
  res: Response,
): ChannelConversation | undefined {
  const conversationId = String(req.params.conversationId);
  const caller = callerOf(res);
  if (caller.kind === 'token' && caller.claims.conv !== conversationId) {
    directLineError(res, 403, 'Forbidden', 'This token does not open that conversation.');
    return undefined;
  }
  if (caller.kind === 'token') return conversations.ensure(conversationId, caller.claims.user);
  const existing = conversations.get(conversationId);
  if (!existing) directLineError(res, 404, 'NotFound', 'Conversation not found.');
  return existing;
}

/** Starts the conversation with the bot unless it is started; false (502 answered) when the bot failed. */
async function start(bot: BotDelivery, conversation: ChannelConversation, res: Response): Promise<boolean> {
  try {
    await bot.start(conversation);
    return true;
  } catch (error) {
    log.error('direct-line-start-failed', { ref: logRef(conversation.id), error: messageOf(error) });
    directLineError(
      res,
      502,
      'BotError',
      'The assistant is not available right now: please try again shortly.',
    );
    return false;
  }
}

/** What a start or a reconnect answers: a token, and a stream URL good for one upgrade. */
function describe(parts: RouteParts, conversation: ChannelConversation, req: Request, watermark?: string) {
  const base = (parts.publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/^http/, 'ws');
  const query = new URLSearchParams({ t: parts.auth.streamToken(conversation.id, conversation.userId) });
  if (watermark) query.set('watermark', watermark);
  const streamUrl = `${base}/v3/directline/conversations/${encodeURIComponent(conversation.id)}/stream?${query}`;
  return { ...parts.auth.issue(conversation.id, conversation.userId), streamUrl };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
