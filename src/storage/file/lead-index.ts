import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { log } from '../../logger';
import { LEAD_ROW_FORMAT, type LeadRow } from '../../staff/lead-index';
import { MemoryLeadIndex } from '../memory/lead-index';
import { writeFileAtomic } from './atomic';

/** What the saved file holds: the rows, in the row format of the code that wrote them. */
interface SavedRows {
  format: number;
  rows: LeadRow[];
}

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
    let text: string;
    try {
      text = await fsp.readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log.warn('lead-index-file-unreadable', { error: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      return undefined;
    }
    let saved: Partial<SavedRows>;
    try {
      saved = JSON.parse(text) as Partial<SavedRows>;
    } catch {
      log.warn('lead-index-file-unreadable', { error: 'not JSON' });
      return undefined;
    }
    if (saved.format !== LEAD_ROW_FORMAT || !Array.isArray(saved.rows)) {
      log.info('lead-index-file-outdated', { format: String(saved.format) });
      return undefined;
    }
    const rows = new Map<string, LeadRow>();
    for (const row of saved.rows) if (typeof row?.id === 'string') rows.set(row.id, row);
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
    // the lead's part of each row: the workflow's part is read from its records at each start
    const rows = (await this.select({}))
      .filter((row) => present.has(row.id))
      .map(({ owner: _owner, followUp: _followUp, ...leadPart }) => leadPart);
    const saved: SavedRows = { format: LEAD_ROW_FORMAT, rows };
    try {
      await writeFileAtomic(this.options.file, JSON.stringify(saved), { mode: 0o600, background: true });
    } catch (error) {
      // a stale file could keep an erased lead's name: none is better
      log.warn('lead-index-file-not-saved', { error: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      fs.rmSync(this.options.file, { force: true });
    }
  }
}
