import type { ContainerClient } from '@azure/storage-blob';
import {
  newestFirst,
  type LeadIndex,
  type LeadOrder,
  type LeadPage,
  type LeadQuery,
  type LeadRow,
  type LeadSelection,
} from '../../ports/lead-list';
import { KeyedLock } from '../keyed-lock';
import { MemoryLeadIndex } from '../memory/lead-index';
import { shardOf } from '../shards';
import { isConditionFailed, readText, retryOnConflict, writeText } from './blobs';

const PREFIX = 'lead-index/';
const SHARD_PREFIX = `${PREFIX}shard-`;
const BUILT = `${PREFIX}built.json`;
/** Rows are spread over this many index blobs by a hash of the lead id. Fixed: changing it needs a rebuild. */
export const LEAD_INDEX_SHARDS = 64;

/** Listings give eTags without the quotes that GET and PUT responses have. */
const bare = (etag: string | undefined) => etag?.replace(/^"|"$/g, '');

interface Shard {
  etag: string;
  rows: Record<string, LeadRow>;
}

/**
 * The lead list shared by every instance: the rows live in 64 index blobs (a lead's row in the
 * blob its id hashes to), each changed with a PUT If-Match on the eTag it was read with, so two
 * instances writing rows at once both land. Each instance keeps a copy in memory (an in-memory
 * index answers the filter, sort and page). Before answering, it lists the index blobs — one
 * request, which carries every blob's eTag — and downloads only the blobs another instance changed.
 * A list request on 10,000 leads therefore costs one listing, never a read of every lead.
 */
export class AzureLeadIndex implements LeadIndex {
  private readonly view = new MemoryLeadIndex();
  private readonly shards = new Map<string, Shard>();
  private readonly locks = new KeyedLock();
  private refreshing: Promise<void> | undefined;

  constructor(private readonly container: ContainerClient) {}

  shardOf(id: string): string {
    const n = shardOf(id, LEAD_INDEX_SHARDS);
    return `${SHARD_PREFIX}${String(n).padStart(2, '0')}.json`;
  }

  /** Whether a start has built the index already: later starts then do not read every lead. */
  async built(): Promise<boolean> {
    return (await readText(this.container, BUILT)) !== undefined;
  }

  async load(rows: AsyncIterable<LeadRow> | Iterable<LeadRow>): Promise<void> {
    const byShard = new Map<string, Record<string, LeadRow>>();
    for (let n = 0; n < LEAD_INDEX_SHARDS; n++)
      byShard.set(`${SHARD_PREFIX}${String(n).padStart(2, '0')}.json`, {});
    for await (const row of rows) byShard.get(this.shardOf(row.id))![row.id] = row;
    // Merged into each index blob with a conditional write, never written over it: another
    // instance building at the same moment, or adding the row of a lead just submitted, keeps its rows.
    await Promise.all(
      [...byShard].map(([name, shardRows]) =>
        this.changeShard(name, (rows) => {
          Object.assign(rows, shardRows);
        }),
      ),
    );
    await writeText(this.container, BUILT, JSON.stringify({ at: new Date().toISOString() }));
  }

  async get(id: string): Promise<LeadRow | undefined> {
    await this.refresh();
    return this.view.get(id);
  }

  async size(): Promise<number> {
    await this.refresh();
    return this.view.size();
  }

  async upsert(row: LeadRow): Promise<void> {
    await this.change(row.id, (rows) => {
      rows[row.id] = row;
    });
  }

  async update(id: string, change: (row: LeadRow) => LeadRow): Promise<void> {
    await this.change(id, (rows) => {
      const row = rows[id];
      if (row) rows[id] = change(row);
    });
  }

  async remove(id: string): Promise<void> {
    await this.change(id, (rows) => {
      delete rows[id];
    });
  }

  async select(selection: LeadSelection, order: LeadOrder = newestFirst): Promise<LeadRow[]> {
    await this.refresh();
    return this.view.select(selection, order);
  }

  async query(query: LeadQuery): Promise<LeadPage> {
    await this.refresh();
    return this.view.query(query);
  }

  async streamCodes(): Promise<string[]> {
    await this.refresh();
    return this.view.streamCodes();
  }

  /**
   * Brings the copy up to date: one listing; a download for each index blob whose eTag changed.
   * Calls made while one runs share the next run (so none answers from before it was asked).
   */
  refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing.then(() => this.refresh());
    this.refreshing = this.sync().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async sync(): Promise<void> {
    const listed = new Map<string, string>();
    for await (const blob of this.container.listBlobsFlat({ prefix: SHARD_PREFIX }))
      listed.set(blob.name, blob.properties.etag);
    const stale = [...listed].filter(([name, etag]) => bare(this.shards.get(name)?.etag) !== bare(etag));
    await Promise.all(
      stale.map(([name]) =>
        this.locks.run(name, async () => {
          const stored = await readText(this.container, name);
          if (stored && bare(stored.etag) !== bare(this.shards.get(name)?.etag))
            this.apply(name, { etag: stored.etag, rows: JSON.parse(stored.text) as Record<string, LeadRow> });
        }),
      ),
    );
    for (const name of [...this.shards.keys()])
      if (!listed.has(name)) await this.locks.run(name, async () => this.apply(name, undefined));
  }

  /** Changes the rows of one index blob: from the copy's eTag first, read afresh after a conflict. */
  private change(id: string, edit: (rows: Record<string, LeadRow>) => void): Promise<void> {
    return this.changeShard(this.shardOf(id), edit);
  }

  private changeShard(name: string, edit: (rows: Record<string, LeadRow>) => void): Promise<void> {
    return this.locks.run(name, async () => {
      let fresh = false;
      await retryOnConflict(async () => {
        let current = this.shards.get(name);
        if (!current || fresh) {
          const stored = await readText(this.container, name);
          current = stored
            ? { etag: stored.etag, rows: JSON.parse(stored.text) as Record<string, LeadRow> }
            : undefined;
          if (current) this.apply(name, current);
        }
        const rows = { ...(current?.rows ?? {}) };
        edit(rows);
        try {
          const etag = await writeText(
            this.container,
            name,
            JSON.stringify(rows),
            current ? { ifMatch: current.etag } : { createOnly: true },
          );
          this.apply(name, { etag, rows });
        } catch (error) {
          if (isConditionFailed(error)) fresh = true;
          throw error;
        }
      });
    });
  }

  /** Replaces one index blob's rows in the copy (undefined: the blob is gone). */
  private apply(name: string, shard: Shard | undefined): void {
    const before = this.shards.get(name)?.rows ?? {};
    const after = shard?.rows ?? {};
    for (const id of Object.keys(before)) if (!(id in after)) void this.view.remove(id);
    for (const row of Object.values(after)) if (before[row.id] !== row) void this.view.upsert(row);
    if (shard) this.shards.set(name, shard);
    else this.shards.delete(name);
  }
}
