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
