import type { NextFunction, Request, Response } from 'express';
import { log } from '../logger';
import type { ForgottenConversations } from './forgotten';
import { secretMatcher, type TokenClaims, type TokenSigner } from './tokens';

/**
 * Who may do what on the built-in channel: the tokens it issues (a conversation token, a stream
 * token for one WebSocket upgrade), the bearer credential of each REST request, and the
 * conversations deleted on a privacy request, whose tokens are refused here and on every instance.
 */

export type Caller = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

interface Locals {
  caller: Caller;
}

export const STREAM_TOKEN_SECONDS = 120;
export const TOKEN_LIFETIME_SECONDS = 30 * 60;

/** How long a deletion's tombstone must be kept: until every token issued before it has expired. */
export const forgottenKeepMs = (tokenLifetimeSeconds = TOKEN_LIFETIME_SECONDS) =>
  (Math.max(tokenLifetimeSeconds, STREAM_TOKEN_SECONDS) + 60) * 1000;

export function directLineError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export function callerOf(res: Response): Caller {
  return (res.locals as Locals).caller;
}

export class DirectLineAuth {
  /** Whether a bearer credential is the channel's secret (compared in constant time). */
  private readonly isSecret: (presented: string) => boolean;
  /** Stream tokens already used for an upgrade, by token id → when the token expires (ms). */
  private readonly usedStreamTokens = new Map<string, number>();

  constructor(
    private readonly signer: TokenSigner,
    secret: string,
    readonly tokenLifetime: number,
    readonly forgotten: ForgottenConversations,
    private readonly clock: () => number = Date.now,
  ) {
    this.isSecret = secretMatcher(secret);
  }

  /** A token for one conversation and user, as tokens/generate gives it. */
  issue(conversationId: string, userId: string) {
    return {
      conversationId,
      userId,
      token: this.signer.issue(conversationId, userId, this.tokenLifetime),
      expires_in: this.tokenLifetime,
    };
  }

  /** A token for the conversation's stream URL: good for one upgrade, within two minutes. */
  streamToken(conversationId: string, userId: string): string {
    return this.signer.issue(conversationId, userId, STREAM_TOKEN_SECONDS, 'stream');
  }

  /** Express middleware: the caller of a REST request, from its bearer token or the secret. */
  readonly authenticate = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
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
    const check = this.signer.verify(bearer);
    if (!check.ok && this.isSecret(bearer)) {
      (res.locals as Locals).caller = { kind: 'secret' };
      return next();
    }
    if (!check.ok) {
      const expired = check.reason === 'expired';
      const message = expired
        ? 'The token has expired: get a new one.'
        : 'The token is not valid for this channel.';
      directLineError(res, 403, expired ? 'TokenExpired' : 'Forbidden', message);
      return;
    }
    if (await this.isForgotten(check.claims.conv, res)) return;
    (res.locals as Locals).caller = { kind: 'token', claims: check.claims };
    next();
  };

  /**
   * The claims of a stream URL's token when it opens `conversationId` and was never used before
   * (it is used by this call); undefined otherwise.
   */
  useStreamToken(token: string | undefined, conversationId: string): TokenClaims | undefined {
    const check = this.signer.verify(token, 'stream');
    if (!check.ok || check.claims.conv !== conversationId || !check.claims.jti) return undefined;
    if (this.usedStreamTokens.has(check.claims.jti)) return undefined;
    this.usedStreamTokens.set(check.claims.jti, check.claims.exp * 1000);
    return check.claims;
  }

  /** Forgets the used stream tokens that have expired anyway. */
  prune(): void {
    const now = this.clock();
    for (const [id, expires] of this.usedStreamTokens) if (expires <= now) this.usedStreamTokens.delete(id);
  }

  /** Answers 403 (or 503 when storage cannot tell) for a deleted conversation; true when it answered. */
  private async isForgotten(conversationId: string, res: Response): Promise<boolean> {
    try {
      if (!(await this.forgotten.isForgotten(conversationId))) return false;
      directLineError(res, 403, 'Forbidden', 'The token is not valid for this channel.');
    } catch (error) {
      log.error('direct-line-forgotten-unreadable', { error: error instanceof Error ? error.name : 'error' });
      directLineError(
        res,
        503,
        'ServiceUnavailable',
        'The chat is not available right now: please try again soon.',
      );
    }
    return true;
  }
}
