import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { log } from '../logger';
import { newConversationId, newUserId } from './tokens';
import type { ResumeCodes } from './resume-codes';

/**
 * The page's token endpoint: POST /api/webchat/token. The browser never sees the channel secret:
 * it gets a token for one conversation, the domain to use it with, and the conversation's resume
 * code. With a resume code it gets a fresh token for the conversation the code opens.
 */

export interface ConversationToken {
  conversationId: string;
  userId: string;
  token: string;
  expiresIn: number;
}

/** Where tokens come from: the built-in channel, or Azure's Direct Line with the secret. */
export interface TokenSource {
  /** The Direct Line domain the page must use, or undefined for this server's own. */
  readonly domain?: string;
  start(): Promise<ConversationToken>;
  /** A token for an existing conversation; undefined when the channel no longer knows it. */
  resume(conversationId: string, userId: string): Promise<ConversationToken | undefined>;
}

export class ChatUnavailableError extends Error {}

export function builtInTokenSource(
  issue: (
    conversationId: string,
    userId: string,
  ) => {
    token: string;
    expires_in: number;
  },
): TokenSource {
  const make = (conversationId: string, userId: string): ConversationToken => {
    const issued = issue(conversationId, userId);
    return { conversationId, userId, token: issued.token, expiresIn: issued.expires_in };
  };
  return {
    domain: undefined,
    start: async () => make(newConversationId(), newUserId()),
    resume: async (conversationId, userId) => make(conversationId, userId),
  };
}

const azureTokenSchema = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().optional(),
});

/** Azure Bot Service Direct Line: tokens/generate for a new conversation, reconnect to resume. */
export function azureTokenSource(domain: string, secret: string, timeoutMs = 10_000): TokenSource {
  const base = domain.replace(/\/+$/, '');
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      log.error('direct-line-azure-unreachable', { error: error instanceof Error ? error.message : 'error' });
      throw new ChatUnavailableError('Direct Line is not reachable');
    }
    return response;
  };
  const parse = async (response: Response, userId: string): Promise<ConversationToken> => {
    const parsed = azureTokenSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new ChatUnavailableError('Direct Line answered an unexpected body');
    return {
      conversationId: parsed.data.conversationId,
      userId,
      token: parsed.data.token,
      expiresIn: parsed.data.expires_in ?? 1800,
    };
  };
  return {
    domain: base,
    async start() {
      const userId = newUserId();
      const response = await call('POST', '/tokens/generate', { user: { id: userId } });
      if (!response.ok) {
        log.error('direct-line-azure-token-refused', { status: response.status });
        throw new ChatUnavailableError(`Direct Line answered HTTP ${response.status}`);
      }
      return parse(response, userId);
    },
    async resume(conversationId, userId) {
      const response = await call('GET', `/conversations/${encodeURIComponent(conversationId)}`);
      if (response.status === 403 || response.status === 404) return undefined;
      if (!response.ok) throw new ChatUnavailableError(`Direct Line answered HTTP ${response.status}`);
      return parse(response, userId);
    },
  };
}

export interface TokenRouteOptions {
  source: TokenSource;
  resumeCodes: ResumeCodes;
  /** Why the chat cannot work with this configuration, if it cannot (answers 503). */
  unavailable?: string;
  tokensPerMinute?: number;
  failedResumesPerQuarterHour?: number;
  /** The prospect may attach documents (DOCUMENTS_KEY is set): the page shows the upload button. */
  documents?: boolean;
}

const requestSchema = z
  .object({
    resumeCode: z.string().trim().min(1).max(40).optional(),
    locale: z.string().max(20).optional(),
  })
  .strict();

export function tokenRouter(options: TokenRouteOptions): express.Router {
  const router = express.Router();
  const problem = (code: string, message: string) => ({ error: { code, message } });
  router.use(
    '/api/webchat/token',
    rateLimit({
      windowMs: 60_000,
      limit: options.tokensPerMinute ?? 20,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) =>
        res
          .status(429)
          .json(
            problem('TooManyRequests', 'Too many chat sessions from this address: please wait a minute.'),
          ),
    }),
  );
  router.post(
    '/api/webchat/token',
    express.json({ limit: '4kb' }),
    rateLimit({
      windowMs: 15 * 60_000,
      limit: options.failedResumesPerQuarterHour ?? 10,
      skipSuccessfulRequests: true,
      skip: (req) => typeof (req.body as { resumeCode?: unknown } | undefined)?.resumeCode !== 'string',
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) =>
        res
          .status(429)
          .json(
            problem(
              'TooManyAttempts',
              'Too many resume codes tried from this address: please wait 15 minutes.',
            ),
          ),
    }),
    async (req, res) => {
      if (options.unavailable) {
        res.status(503).json(problem('ChatUnavailable', options.unavailable));
        return;
      }
      const body = requestSchema.safeParse(req.body ?? {});
      if (!body.success) {
        res.status(400).json(problem('BadRequest', 'Send {"resumeCode": "…"} or an empty body.'));
        return;
      }
      try {
        let session: ConversationToken | undefined;
        let resumed = false;
        if (body.data.resumeCode) {
          const record = await options.resumeCodes.find(body.data.resumeCode);
          if (!record) {
            res.status(404).json(problem('ResumeCodeUnknown', 'That resume code is unknown or has expired.'));
            return;
          }
          session = await options.source.resume(record.conversationId, record.userId);
          if (!session) {
            res
              .status(410)
              .json(
                problem(
                  'ConversationGone',
                  'That conversation can no longer be continued: please start a new one.',
                ),
              );
            return;
          }
          resumed = true;
        } else {
          session = await options.source.start();
        }
        const code = await options.resumeCodes.renew(session.conversationId, session.userId);
        res.setHeader('Cache-Control', 'no-store');
        res.json({
          ...session,
          domain: options.source.domain,
          resumed,
          resumeCode: code.code,
          resumeCodeExpiresAt: code.expiresAt,
          documents: options.documents === true,
        });
      } catch (error) {
        if (!(error instanceof ChatUnavailableError)) throw error;
        res
          .status(503)
          .json(problem('ChatUnavailable', 'The chat is not available right now: please try again soon.'));
      }
    },
  );
  return router;
}
