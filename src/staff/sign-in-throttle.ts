import { createHash } from 'node:crypto';
import type { Documents } from '../ports/store';
import { MAX_SIGN_IN_FAILURES_KEPT as MAX_KEPT, type SignInFailures } from '../ports/sign-in-failures';

/**
 * Slows down password guessing: after `maxPerAccount` failures for one account, or `maxPerIp`
 * from one address, within the window, sign-in is refused (even with the right password) until
 * the oldest failure leaves the window. The failures are counted in storage, one document per
 * account or address (named by a hash: no email in a file or blob name), with the store's atomic
 * updates: every instance on the same storage counts against the same limit, so the limit holds
 * for the deployment whatever INSTANCES is.
 */

export interface ThrottleOptions {
  maxPerAccount?: number;
  maxPerIp?: number;
  windowMs?: number;
  now?: () => number;
}

/** Thrown inside an update to write nothing: the limit is reached. */
class LimitReached extends Error {
  constructor(readonly waitSeconds: number) {
    super('sign-in limit reached');
  }
}

export class LoginThrottle {
  private readonly maxPerAccount: number;
  private readonly maxPerIp: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Documents<SignInFailures>,
    options: ThrottleOptions = {},
  ) {
    this.maxPerAccount = options.maxPerAccount ?? 5;
    this.maxPerIp = options.maxPerIp ?? 20;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Checks and counts an attempt in one step, before the (slow) password check: concurrent
   * attempts, on this instance or another, cannot all pass the check while the first are still
   * being verified. Returns the seconds to wait (nothing counted) or 0 (counted as a failure
   * until `succeeded` says otherwise).
   */
  async reserve(email: string, ip: string): Promise<number> {
    // the address first: an address over its limit cannot make documents for ever more accounts
    const ipWait = await this.take(`ip:${ip}`, this.maxPerIp);
    if (ipWait > 0) return ipWait;
    const accountWait = await this.take(`account:${email}`, this.maxPerAccount);
    if (accountWait > 0) await this.untake(`ip:${ip}`);
    return accountWait;
  }

  /** A right password: the account's failures are cleared, and the address's reserved attempt. */
  async succeeded(email: string, ip?: string): Promise<void> {
    await this.store.delete(idOf(`account:${email}`));
    if (ip !== undefined) await this.untake(`ip:${ip}`);
  }

  /** Deletes the documents whose failures have all left the window; returns how many. */
  async prune(): Promise<number> {
    const since = this.now() - this.windowMs;
    let pruned = 0;
    for (const id of await this.store.ids()) {
      const stored = await this.store.get(id).catch(() => undefined);
      if (stored && stored.failures.every((at) => at <= since) && (await this.store.delete(id))) pruned++;
    }
    return pruned;
  }

  /** Counts one attempt for `key` unless `max` are already in the window (then: seconds to wait). */
  private async take(key: string, max: number): Promise<number> {
    const id = idOf(key);
    const add = (current: SignInFailures): SignInFailures => {
      const recent = this.recent(current.failures);
      if (recent.length >= max) {
        const freeAt = recent[recent.length - max]! + this.windowMs;
        throw new LimitReached(Math.max(1, Math.ceil((freeAt - this.now()) / 1000)));
      }
      return { failures: [...recent, this.now()].slice(-MAX_KEPT) };
    };
    try {
      if (await this.store.update(id, add)) return 0;
      if (await this.store.create(id, add({ failures: [] }))) return 0;
      await this.store.update(id, add); // created by another attempt meanwhile
      return 0;
    } catch (error) {
      if (error instanceof LimitReached) return error.waitSeconds;
      throw error;
    }
  }

  /** Gives back the attempt `take` counted last for `key`. */
  private async untake(key: string): Promise<void> {
    await this.store.update(idOf(key), (current) => ({ failures: current.failures.slice(0, -1) }));
  }

  private recent(failures: number[]): number[] {
    const since = this.now() - this.windowMs;
    return failures.filter((at) => at > since);
  }
}

const idOf = (key: string) => createHash('sha256').update(`sign-in\n${key}`).digest('hex');
