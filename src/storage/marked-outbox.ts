import { claimOf, isFinal, type OutboxEntry, type OutboxRepository } from '../ports/outbox';
import type { Documents } from '../ports/store';

/** A marker older than this with no entry was left by a crash between the two writes of `add`. */
const ORPHAN_MARKER_MS = 60_000;

/**
 * The outbox of a store that keeps each delivery as a document and an empty marker for each one
 * still to send (a file in src/storage/file/, a blob in src/storage/azure/), so a worker finds its
 * work with one listing instead of reading every delivery ever made. The marker is written before
 * the entry and removed once the entry is final: a crash leaves at worst a marker to clean up.
 * A claim is a conditional update of the entry (see `claimOf`). Subclasses say how a marker is
 * written, removed, listed and dated.
 */
export abstract class MarkedOutbox implements OutboxRepository {
  constructor(protected readonly entries: Documents<OutboxEntry>) {}

  /** The first half of `add`, public for tests of a worker that looks between the two writes. */
  abstract markPending(id: string): Promise<void>;
  protected abstract clearPending(id: string): Promise<void>;
  abstract pendingIds(): Promise<string[]>;
  /** When the marker was written (ms since the epoch, the store's clock); undefined when there is none. */
  protected abstract markerTime(id: string): Promise<number | undefined>;

  async add(entries: OutboxEntry[]): Promise<string[]> {
    const created: string[] = [];
    for (const entry of entries) {
      if (!isFinal(entry.status)) await this.markPending(entry.id);
      if (await this.entries.create(entry.id, entry)) created.push(entry.id);
    }
    return created;
  }

  get(id: string): Promise<OutboxEntry | undefined> {
    return this.entries.get(id);
  }

  async update(id: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<OutboxEntry | undefined> {
    let wasFinal = false;
    const updated = await this.entries.update(id, (entry) => {
      wasFinal = isFinal(entry.status);
      return change(entry);
    });
    if (updated && isFinal(updated.status)) await this.clearPending(id);
    else if (updated && wasFinal) await this.markPending(id);
    return updated;
  }

  async claim(id: string, owner: string, now: Date, leaseMs: number): Promise<OutboxEntry | undefined> {
    let claimed: OutboxEntry | undefined;
    const current = await this.entries.update(id, (entry) => {
      claimed = claimOf(entry, owner, now, leaseMs);
      return claimed ?? entry;
    });
    if (current && isFinal(current.status)) await this.clearPending(id);
    return claimed;
  }

  async dropOrphan(id: string): Promise<void> {
    const written = await this.markerTime(id);
    // marker ages are the store's clock, whatever clock the worker is given
    if (written !== undefined && Date.now() - written > ORPHAN_MARKER_MS && !(await this.entries.get(id))) {
      await this.clearPending(id);
    }
  }

  async remove(id: string): Promise<void> {
    await this.clearPending(id);
    await this.entries.delete(id);
  }
}
