import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {
  claimOf,
  isFinal,
  outboxEntrySchema,
  type OutboxEntry,
  type OutboxRepository,
} from '../../notify/outbox';
import { checkDocumentId } from '../ports';
import { syncFolder } from './atomic';
import { FileDocuments } from './documents';

/** A marker older than this with no entry was left by a crash between the two writes of `add`. */
const ORPHAN_MARKER_MS = 60_000;

/**
 * The outbox as files: one document per delivery in `entries/`, and an empty marker file in
 * `pending/` for each one still to send, so the worker finds its work at start without reading
 * every delivery ever made. The marker is written before the entry and removed after the entry
 * is final: a crash leaves at worst a marker to clean up.
 *
 * Claims are conditional updates under the process-wide file lock: this store serves one process
 * (a shared deployment uses a shared store, whose conditional writes hold across processes).
 */
export class FileOutbox implements OutboxRepository {
  private readonly entries: FileDocuments<OutboxEntry>;
  private readonly pendingDir: string;

  private readonly durable: boolean;

  constructor(directory: string, options: { durable?: boolean } = {}) {
    this.durable = options.durable === true;
    this.entries = new FileDocuments(path.join(directory, 'entries'), outboxEntrySchema, options);
    this.pendingDir = path.join(directory, 'pending');
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
    const files = await fsp.readdir(this.pendingDir).catch(() => [] as string[]);
    return files.filter((file) => !file.startsWith('.'));
  }

  async dropOrphan(id: string): Promise<void> {
    const stat = await fsp.stat(this.markerOf(id)).catch(() => undefined);
    // marker ages are wall-clock file times, whatever clock the worker is given
    if (stat && Date.now() - stat.mtimeMs > ORPHAN_MARKER_MS && !(await this.entries.get(id))) {
      await this.clearPending(id);
    }
  }

  async remove(id: string): Promise<void> {
    await this.clearPending(id);
    await this.entries.delete(id);
  }

  /** The first half of `add`, public for tests of a worker that looks between the two writes. */
  async markPending(id: string): Promise<void> {
    // synchronous: an empty local file, made faster than a round trip through the thread pool
    const marker = this.markerOf(id);
    try {
      fs.writeFileSync(marker, '');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fs.mkdirSync(this.pendingDir, { recursive: true });
      fs.writeFileSync(marker, '');
    }
    if (this.durable) await syncFolder(this.pendingDir);
  }

  private async clearPending(id: string): Promise<void> {
    fs.rmSync(this.markerOf(id), { force: true });
  }

  private markerOf(id: string): string {
    checkDocumentId(id);
    return path.join(this.pendingDir, id);
  }
}
