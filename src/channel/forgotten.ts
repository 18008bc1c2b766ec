import { createHash } from 'node:crypto';
import type { Documents } from '../ports/store';
import type { ForgottenConversation } from '../ports/forgotten-conversations';

/**
 * Website conversations deleted on a privacy request, kept in storage (a tombstone per
 * conversation, named by a hash of its id) so that every instance, and every later start, refuses
 * the tokens issued for them: their log and resume code are gone, and the channel treats the
 * conversation as gone too. A tombstone is kept until every token issued before the deletion has
 * expired (`until`), then purged.
 */

export class ForgottenConversations {
  /** Tombstones this process wrote or read, by conversation id → until (ms): no storage read for them. */
  private readonly known = new Map<string, number>();

  constructor(
    private readonly store: Documents<ForgottenConversation>,
    /** How long tokens issued before a deletion may still be presented (the longest lifetime). */
    private readonly keepMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records the deletion: from now on, here and on every instance, the conversation is gone. */
  async forget(conversationId: string): Promise<void> {
    const now = this.clock();
    const until = now + this.keepMs;
    this.known.set(conversationId, until);
    await this.store.put(idOf(conversationId), {
      forgottenAt: new Date(now).toISOString(),
      until: new Date(until).toISOString(),
    });
  }

  /** Whether the conversation was deleted (by any instance, before or since this start). */
  async isForgotten(conversationId: string): Promise<boolean> {
    const cached = this.known.get(conversationId);
    if (cached !== undefined) return true;
    const stored = await this.store.get(idOf(conversationId));
    if (!stored) return false;
    this.known.set(conversationId, Date.parse(stored.until));
    return true;
  }

  /** Drops the tombstones no token can outlive any more; returns how many. */
  async purgeExpired(): Promise<number> {
    const now = this.clock();
    for (const [id, until] of this.known) if (until <= now) this.known.delete(id);
    let purged = 0;
    for (const id of await this.store.ids()) {
      const stored = await this.store.get(id).catch(() => undefined);
      if (stored && Date.parse(stored.until) <= now && (await this.store.delete(id))) purged++;
    }
    return purged;
  }
}

/** A document id for any conversation id (ids may hold characters a file or blob name may not). */
const idOf = (conversationId: string) => createHash('sha256').update(conversationId).digest('hex');
