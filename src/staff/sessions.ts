import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { KeyedLock } from '../storage/keyed-lock';
import type { Documents } from '../ports/store';
import type { Session, SessionsDocument } from '../ports/sessions';

/**
 * Staff sessions: a random id in an httpOnly cookie (signed with the session secret), the session
 * itself on the server (so logout really ends it, and a restart keeps people signed in). Only a
 * hash of the id is stored. The CSRF token of a session is an HMAC of its id: a synchronizer token
 * that needs no storage and changes with every session.
 */

export const SESSION_HOURS = 12;

/** The id of the one document holding every open session (by the hash of its id). */
export const SESSIONS_ID = 'sessions';

export interface ActiveSession extends Session {
  id: string;
  csrfToken: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class SessionStore {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly documents: Documents<SessionsDocument>,
    private readonly secret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  sign(value: string, purpose: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${value}`).digest('base64url');
  }

  /** Starts a session; returns the cookie value. */
  async create(email: string): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.change((sessions) => {
      sessions[sha256(id)] = {
        email,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
      };
    });
    return `${id}.${this.sign(id, 'session')}`;
  }

  /** The session of a cookie value, when the cookie is genuine and the session still open. */
  async get(cookieValue: string | undefined): Promise<ActiveSession | undefined> {
    const id = this.idOf(cookieValue);
    if (!id) return undefined;
    const session = (await this.all())[sha256(id)];
    if (!session || Date.parse(session.expiresAt) <= this.now().getTime()) return undefined;
    return { ...session, id, csrfToken: this.sign(id, 'csrf') };
  }

  checkCsrf(session: ActiveSession, token: unknown): boolean {
    return typeof token === 'string' && safeEqual(token, session.csrfToken);
  }

  async destroy(cookieValue: string | undefined): Promise<void> {
    const id = this.idOf(cookieValue);
    if (!id) return;
    await this.change((sessions) => {
      delete sessions[sha256(id)];
    });
  }

  /** Ends every session of an account (e.g. after a password change). */
  async destroyAllOf(email: string): Promise<void> {
    await this.change((sessions) => {
      for (const [key, session] of Object.entries(sessions))
        if (session.email === email) delete sessions[key];
    });
  }

  async prune(): Promise<void> {
    const nowMs = this.now().getTime();
    await this.change((sessions) => {
      for (const [key, session] of Object.entries(sessions)) {
        if (Date.parse(session.expiresAt) <= nowMs) delete sessions[key];
      }
    });
  }

  private idOf(cookieValue: string | undefined): string | undefined {
    if (!cookieValue) return undefined;
    const dot = cookieValue.indexOf('.');
    if (dot <= 0) return undefined;
    const id = cookieValue.slice(0, dot);
    return safeEqual(cookieValue.slice(dot + 1), this.sign(id, 'session')) ? id : undefined;
  }

  /**
   * Read from the store on every request: another instance sharing the store may have opened or
   * ended a session since (a cached copy would keep a signed-out session alive here).
   */
  private async all(): Promise<Record<string, Session>> {
    const stored = await this.documents.get(SESSIONS_ID).catch(() => undefined);
    return stored?.sessions ?? {};
  }

  /** A conditional update of the stored document: changes made by other instances are kept. */
  private change(edit: (sessions: Record<string, Session>) => void): Promise<void> {
    const apply = (current: SessionsDocument): SessionsDocument => {
      const sessions = { ...current.sessions };
      edit(sessions);
      return { sessions };
    };
    return this.lock.run('sessions', async () => {
      if (await this.documents.update(SESSIONS_ID, apply)) return;
      if (await this.documents.create(SESSIONS_ID, apply({ sessions: {} }))) return;
      await this.documents.update(SESSIONS_ID, apply); // created by another writer meanwhile
    });
  }
}

/**
 * Slows down password guessing: after `maxPerAccount` failures for one account, or `maxPerIp`
 * from one address, within the window, sign-in is refused (even with the right password) until
 * the oldest failure leaves the window.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly maxPerAccount: number;
  private readonly maxPerIp: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(
    options: { maxPerAccount?: number; maxPerIp?: number; windowMs?: number; now?: () => number } = {},
  ) {
    this.maxPerAccount = options.maxPerAccount ?? 5;
    this.maxPerIp = options.maxPerIp ?? 20;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds to wait before trying again, or 0 when an attempt is allowed. */
  retryAfter(email: string, ip: string): number {
    return Math.max(this.wait(`account:${email}`, this.maxPerAccount), this.wait(`ip:${ip}`, this.maxPerIp));
  }

  /**
   * Checks and counts an attempt in one step, before the (slow) password check: concurrent
   * attempts cannot all pass the check while the first are still being verified. Returns the
   * seconds to wait (nothing counted) or 0 (counted as a failure until `succeeded` says otherwise).
   */
  reserve(email: string, ip: string): number {
    const wait = this.retryAfter(email, ip);
    if (wait > 0) return wait;
    this.failed(email, ip);
    return 0;
  }

  failed(email: string, ip: string): void {
    if (this.failures.size > 10_000) for (const key of [...this.failures.keys()]) this.recent(key);
    for (const key of [`account:${email}`, `ip:${ip}`]) {
      const recent = this.recent(key);
      recent.push(this.now());
      this.failures.set(key, recent);
    }
  }

  /** A right password: the account's failures are cleared, and the address's reserved attempt. */
  succeeded(email: string, ip?: string): void {
    this.failures.delete(`account:${email}`);
    if (ip === undefined) return;
    const recent = this.recent(`ip:${ip}`);
    recent.pop();
    if (recent.length > 0) this.failures.set(`ip:${ip}`, recent);
    else this.failures.delete(`ip:${ip}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }

  private wait(key: string, max: number): number {
    const recent = this.recent(key);
    if (recent.length < max) return 0;
    const freeAt = recent[recent.length - max]! + this.windowMs;
    return Math.max(1, Math.ceil((freeAt - this.now()) / 1000));
  }
}
