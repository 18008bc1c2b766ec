import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { log } from '../../logger';
import { LEAD_ROW_FORMAT, type LeadRow } from '../../staff/lead-index';
import { MemoryLeadIndex } from '../memory/lead-index';
import { writeFileAtomic } from './atomic';

/**
 * The saved file's first line: the row format of the code that wrote it. Then one row per line
 * (JSON Lines).
 */
interface SavedHeader {
  format: number;
}

const NEWLINE = 0x0a;
const LINES_PER_WRITE = 256;

/** The lead's part of a row: the workflow's part (owner, follow-up) is read from its records. */
const leadPart = (key: string, value: unknown) => (key === 'owner' || key === 'followUp' ? undefined : value);

export interface FileLeadIndexOptions {
  /** Where the rows are saved (`DATA_DIR/leads/.index`). */
  file: string;
  /** The ids of the leads stored now: a saved row whose lead is gone is not written again. */
  leadIds: () => Promise<string[]>;
}

/**
 * The file store's lead list: the rows in memory (MemoryLeadIndex), and saved to one file after
 * each load, so that the next start reads only the leads written since instead of every lead
 * (a lead never changes once written; its workflow status, owner and follow-up are read from
 * their own records at each start). The file is a cache: a missing, unreadable or older-format
 * file only means the next start reads every lead.
 *
 * It holds each lead's name, email and phone, so an erased lead leaves it at once: `remove` (the
 * privacy deletion and the retention purge) saves the file again before it resolves, several
 * removals in a row sharing one write; when that write fails, the file is deleted instead.
 */
export class FileLeadIndex extends MemoryLeadIndex {
  /** A save that has not started yet: later callers share it. */
  private queued: Promise<void> | undefined;
  /** The save under way (or the last one), which a queued save waits for. */
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: FileLeadIndexOptions) {
    super();
  }

  /** The rows a previous process saved, in this code's row format; undefined when there are none. */
  async saved(): Promise<ReadonlyMap<string, LeadRow> | undefined> {
    let bytes: Buffer;
    try {
      bytes = await fsp.readFile(this.options.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log.warn('lead-index-file-unreadable', { error: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      return undefined;
    }
    // One JSON line per row, decoded one at a time: the whole file as one string (twice its size
    // when a name has a character outside Latin-1) would be held at once beside every row.
    const rows = new Map<string, LeadRow>();
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
          return undefined;
        }
        const row = value as LeadRow | null;
        if (typeof row?.id === 'string') rows.set(row.id, row);
      }
    } catch {
      log.warn('lead-index-file-unreadable', { error: 'not JSON lines' });
      return undefined;
    }
    return rows;
  }

  override async load(rows: AsyncIterable<LeadRow> | Iterable<LeadRow>): Promise<void> {
    await super.load(rows);
    await this.save();
  }

  override async remove(id: string): Promise<void> {
    const had = (await this.get(id)) !== undefined;
    await super.remove(id);
    if (had) await this.save();
  }

  /** Saves the rows once more, after every change made before this call. */
  private save(): Promise<void> {
    if (!this.queued) {
      const next = this.running.then(() => {
        this.queued = undefined;
        return this.write();
      });
      this.queued = next;
      this.running = next.catch(() => undefined);
    }
    return this.queued;
  }

  private async write(): Promise<void> {
    const present = new Set(await this.options.leadIds());
    const rows = (await this.select({})).filter((row) => present.has(row.id));
    const header: SavedHeader = { format: LEAD_ROW_FORMAT };
    // in parts of a few hundred rows: neither a copy of every row nor the file as one string
    function* lines(): Iterable<string> {
      yield `${JSON.stringify(header)}\n`;
      for (let from = 0; from < rows.length; from += LINES_PER_WRITE) {
        let part = '';
        for (const row of rows.slice(from, from + LINES_PER_WRITE))
          part += `${JSON.stringify(row, leadPart)}\n`;
        yield part;
      }
    }
    try {
      await writeFileAtomic(this.options.file, lines, { mode: 0o600, background: true });
    } catch (error) {
      // a stale file could keep an erased lead's name: none is better
      log.warn('lead-index-file-not-saved', { error: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      fs.rmSync(this.options.file, { force: true });
    }
  }
}
