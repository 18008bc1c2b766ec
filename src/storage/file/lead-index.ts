import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { log } from '../../logger';
import { LEAD_ROW_FORMAT, type LeadRow } from '../../ports/lead-list';
import { MemoryLeadIndex } from '../memory/lead-index';
import { shardOf } from '../shards';
import { writeFileAtomic } from './atomic';

/**
 * Each saved file's first line: the row format of the code that wrote it. Then one row per line
 * (JSON Lines).
 */
interface SavedHeader {
  format: number;
}

/** Rows are saved in this many files by a hash of the lead id: an erasure rewrites one of them. */
export const SAVED_ROW_FILES = 64;
const NEWLINE = 0x0a;
const LINES_PER_WRITE = 256;

const fileName = (shard: number) => `rows-${String(shard).padStart(2, '0')}.jsonl`;
const isRowFile = (name: string) => /^rows-\d{2}\.jsonl$/.test(name);

/** The lead's part of a row: the workflow's part (owner, follow-up) is read from its records. */
const leadPart = (key: string, value: unknown) => (key === 'owner' || key === 'followUp' ? undefined : value);

export interface FileLeadIndexOptions {
  /** The folder the rows are saved in (`DATA_DIR/leads/.rows`). */
  folder: string;
  /** Whether a lead is stored now: a row whose lead another process deleted is not written again. */
  hasLead: (id: string) => boolean;
}

/**
 * The file store's lead list: the rows in memory (MemoryLeadIndex), and saved to files after each
 * load, so that the next start reads only the leads written since instead of every lead (a lead
 * never changes once written; its workflow status, owner and follow-up are read from their own
 * records at each start). The files are a cache: a missing, unreadable or older-format file only
 * means the next start reads the leads whose rows it held.
 *
 * They hold each lead's name, email and phone, so an erased lead leaves them at once: `remove`
 * (the privacy deletion and the retention purge) rewrites the one file (of 64) that held the row
 * before it resolves, removals at the same time sharing the writes; when a write fails, that file
 * is deleted instead.
 */
export class FileLeadIndex extends MemoryLeadIndex {
  /** Files to write at the next save. */
  private dirty = new Set<number>();
  /** A save that has not started yet: later callers share it. */
  private queued: Promise<void> | undefined;
  /** The save under way (or the last one), which a queued save waits for. */
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: FileLeadIndexOptions) {
    super();
  }

  /** The rows a previous process saved, in this code's row format; undefined when there are none. */
  async saved(): Promise<ReadonlyMap<string, LeadRow> | undefined> {
    const names = (await fsp.readdir(this.options.folder).catch(() => [] as string[])).filter(isRowFile);
    if (names.length === 0) return undefined;
    const rows = new Map<string, LeadRow>();
    for (const name of names) await this.readFile(path.join(this.options.folder, name), rows);
    return rows;
  }

  /** Adds a file's rows to `rows`; a file that is unreadable or of another format adds none. */
  private async readFile(file: string, rows: Map<string, LeadRow>): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await fsp.readFile(file);
    } catch (error) {
      log.warn('lead-index-file-unreadable', { error: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      return;
    }
    // One JSON line per row, decoded one at a time: never the whole file as one string.
    const found: LeadRow[] = [];
    let start = 0;
    try {
      for (let line = 0; start < bytes.length; line++) {
        let end = bytes.indexOf(NEWLINE, start);
        if (end === -1) end = bytes.length;
        const value = JSON.parse(bytes.toString('utf8', start, end)) as unknown;
        start = end + 1;
        if (line === 0) {
          const format = (value as Partial<SavedHeader> | null)?.format;
          if (format === LEAD_ROW_FORMAT) continue;
          log.info('lead-index-file-outdated', { format: String(format) });
          return;
        }
        const row = value as LeadRow | null;
        if (typeof row?.id === 'string') found.push(row);
      }
    } catch {
      log.warn('lead-index-file-unreadable', { error: 'not JSON lines' });
      return;
    }
    for (const row of found) rows.set(row.id, row);
  }

  override async load(rows: AsyncIterable<LeadRow> | Iterable<LeadRow>): Promise<void> {
    await super.load(rows);
    await this.save(Array.from({ length: SAVED_ROW_FILES }, (_, shard) => shard));
  }

  override async remove(id: string): Promise<void> {
    await super.remove(id);
    // whether or not this process held the row: another process may have saved it
    await this.save([shardOf(id, SAVED_ROW_FILES)]);
  }

  /** Writes these files again, after every change made before this call. */
  private save(shards: number[]): Promise<void> {
    for (const shard of shards) this.dirty.add(shard);
    if (!this.queued) {
      const next = this.running.then(() => {
        this.queued = undefined;
        const shards = this.dirty;
        this.dirty = new Set();
        return this.write(shards);
      });
      this.queued = next;
      this.running = next.catch(() => undefined);
    }
    return this.queued;
  }

  private async write(shards: Set<number>): Promise<void> {
    const byShard = new Map<number, LeadRow[]>([...shards].map((shard) => [shard, []]));
    for (const row of this.allRows()) byShard.get(shardOf(row.id, SAVED_ROW_FILES))?.push(row);
    const header = `${JSON.stringify({ format: LEAD_ROW_FORMAT } satisfies SavedHeader)}\n`;
    for (const [shard, all] of byShard) {
      const rows = all.filter((row) => this.options.hasLead(row.id));
      // in parts of a few hundred rows: neither a copy of every row nor a file as one string
      function* lines(): Iterable<string> {
        yield header;
        for (let from = 0; from < rows.length; from += LINES_PER_WRITE) {
          let part = '';
          for (const row of rows.slice(from, from + LINES_PER_WRITE))
            part += `${JSON.stringify(row, leadPart)}\n`;
          yield part;
        }
      }
      const file = path.join(this.options.folder, fileName(shard));
      try {
        await writeFileAtomic(file, lines, { mode: 0o600, background: true });
      } catch (error) {
        // a stale file could keep an erased lead's name: none is better
        log.warn('lead-index-file-not-saved', { error: (error as NodeJS.ErrnoException).code ?? 'unknown' });
        fs.rmSync(file, { force: true });
      }
    }
  }
}
