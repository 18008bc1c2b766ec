import type { ContainerClient } from '@azure/storage-blob';
import {
  claimOf,
  isFinal,
  outboxEntrySchema,
  type OutboxEntry,
  type OutboxRepository,
} from '../../notify/outbox';
import { checkDocumentId } from '../ports';
import { deleteBlob, isNotFound, writeText } from './blobs';
import { AzureDocuments } from './documents';

/** A marker older than this with no entry was left by a crash between the two writes of `add`. */
const ORPHAN_MARKER_MS = 60_000;
const PENDING = 'outbox/pending/';

/**
 * The outbox shared by every instance: one blob per delivery (`outbox/entries/`), and an empty
 * marker blob (`outbox/pending/`) for each one still to send, so a worker finds its work with one
 * listing. A claim is the entry's lease written with If-Match on the eTag it was read with: of two
 * instances claiming at once, one wins and the other sees the lease on its retry; a crashed
 * instance's lease expires (see `claimOf`) and any instance then takes the delivery over.
 */
export class AzureOutbox implements OutboxRepository {
  private readonly entries: AzureDocuments<OutboxEntry>;

  constructor(private readonly container: ContainerClient) {
    this.entries = new AzureDocuments(container, 'outbox/entries', outboxEntrySchema);
  }

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

  async pendingIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: PENDING }))
      ids.push(blob.name.slice(PENDING.length));
    return ids;
  }

  async dropOrphan(id: string): Promise<void> {
    let modified: Date | undefined;
    try {
      modified = (await this.container.getBlobClient(this.markerOf(id)).getProperties()).lastModified;
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    // marker ages are the store's clock, whatever clock the worker is given
    if (modified && Date.now() - modified.getTime() > ORPHAN_MARKER_MS && !(await this.entries.get(id))) {
      await this.clearPending(id);
    }
  }

  async remove(id: string): Promise<void> {
    await this.clearPending(id);
    await this.entries.delete(id);
  }

  async markPending(id: string): Promise<void> {
    await writeText(this.container, this.markerOf(id), '');
  }

  private async clearPending(id: string): Promise<void> {
    await deleteBlob(this.container, this.markerOf(id));
  }

  private markerOf(id: string): string {
    checkDocumentId(id);
    return `${PENDING}${id}`;
  }
}
