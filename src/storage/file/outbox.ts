import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { outboxEntrySchema } from '../../ports/outbox';
import { MarkedOutbox } from '../marked-outbox';
import { checkDocumentId } from '../../ports/store';
import { syncFolder } from './atomic';
import { FileDocuments } from './documents';

/**
 * The outbox as files: one document per delivery in `entries/`, and an empty marker file in
 * `pending/` for each one still to send, so the worker finds its work at start without reading
 * every delivery ever made (see MarkedOutbox).
 *
 * Claims are conditional updates under the process-wide file lock: this store serves one process
 * (a shared deployment uses a shared store, whose conditional writes hold across processes).
 */
export class FileOutbox extends MarkedOutbox {
  private readonly pendingDir: string;

  private readonly durable: boolean;

  constructor(directory: string, options: { durable?: boolean } = {}) {
    super(new FileDocuments(path.join(directory, 'entries'), outboxEntrySchema, options));
    this.durable = options.durable === true;
    this.pendingDir = path.join(directory, 'pending');
  }

  async pendingIds(): Promise<string[]> {
    const files = await fsp.readdir(this.pendingDir).catch(() => [] as string[]);
    return files.filter((file) => !file.startsWith('.'));
  }

  protected async markerTime(id: string): Promise<number | undefined> {
    return (await fsp.stat(this.markerOf(id)).catch(() => undefined))?.mtimeMs;
  }

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

  protected async clearPending(id: string): Promise<void> {
    fs.rmSync(this.markerOf(id), { force: true });
  }

  private markerOf(id: string): string {
    checkDocumentId(id);
    return path.join(this.pendingDir, id);
  }
}
