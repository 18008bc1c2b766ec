import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Direct Line tokens of the built-in channel: JWTs (HS256) bound to one conversation and one user,
 * so a client can read and post only to its own conversation. JWT-shaped because Direct Line
 * clients (directlinejs `parseToken`) decode the `user` claim of the token they are given.
 */

export type TokenScope = 'conversation' | 'stream';

export interface TokenClaims {
  /** The conversation this token opens. */
  conv: string;
  /** The user the channel speaks for ("dl_…"): activities posted with this token come from them. */
  user: string;
  scope: TokenScope;
  iat: number;
  exp: number;
  /** This token's own id: a stream token is good for one upgrade (see direct-line-streams.ts). */
  jti?: string;
}

export type TokenCheck =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'scope' };

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export class TokenSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update('direct-line-token').digest();
  }

  issue(conversationId: string, userId: string, lifetimeSeconds: number, scope: TokenScope = 'conversation') {
    const iat = Math.floor(this.clock() / 1000);
    const claims: TokenClaims = {
      conv: conversationId,
      user: userId,
      scope,
      iat,
      exp: iat + lifetimeSeconds,
      jti: randomBytes(9).toString('base64url'),
    };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${body}.${this.sign(body)}`;
  }

  verify(token: string | undefined, scope: TokenScope = 'conversation'): TokenCheck {
    const parts = (token ?? '').split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'signature' };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims.conv !== 'string' || typeof claims.user !== 'string' || typeof claims.exp !== 'number')
      return { ok: false, reason: 'malformed' };
    if (claims.scope !== scope) return { ok: false, reason: 'scope' };
    if (claims.exp * 1000 <= this.clock()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/**
 * Compares presented secrets with the configured one without leaking where they differ (equal
 * length digests, compared in constant time); the secret's digest is computed once.
 */
export function secretMatcher(secret: string): (presented: string) => boolean {
  const digest = (value: string) => createHmac('sha256', 'compare').update(value).digest();
  const expected = digest(secret);
  return (presented) => timingSafeEqual(digest(presented), expected);
}

/** A conversation id in the Direct Line style: opaque, unguessable, URL-safe. */
export const newConversationId = () => randomBytes(18).toString('base64url');
/** "dl_" user ids are the ones Direct Line embeds in tokens so that clients cannot forge them. */
export const newUserId = () => `dl_${randomBytes(12).toString('base64url')}`;
