import {
  claimOf,
  isFinal,
  outboxEntrySchema,
  type OutboxEntry,
  type OutboxRepository,
} from '../../ports/outbox';
import { MemoryDocuments } from './documents';

/** The outbox in memory: the pending list is the entries that are not final. */
export class MemoryOutbox implements OutboxRepository {
  private readonly entries = new MemoryDocuments<OutboxEntry>(outboxEntrySchema);

  async add(entries: OutboxEntry[]): Promise<string[]> {
    const created: string[] = [];
    for (const entry of entries) if (await this.entries.create(entry.id, entry)) created.push(entry.id);
    return created;
  }

  get(id: string): Promise<OutboxEntry | undefined> {
    return this.entries.get(id);
  }

  update(id: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<OutboxEntry | undefined> {
    return this.entries.update(id, change);
  }

  async claim(id: string, owner: string, now: Date, leaseMs: number): Promise<OutboxEntry | undefined> {
    let claimed: OutboxEntry | undefined;
    await this.entries.update(id, (entry) => {
      claimed = claimOf(entry, owner, now, leaseMs);
      return claimed ?? entry;
    });
    return claimed;
  }

  async pendingIds(): Promise<string[]> {
    return (await this.entries.all()).filter((entry) => !isFinal(entry.status)).map((entry) => entry.id);
  }

  async dropOrphan(): Promise<void> {}

  async remove(id: string): Promise<void> {
    await this.entries.delete(id);
  }
}
