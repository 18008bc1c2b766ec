import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { KeyedLock } from '../keyed-lock';
import {
  StoreConflictError,
  type ConversationStore,
  type StoreItem,
  type StoreItems,
} from '../../ports/store';
import { appendDurably, forgetFolder, syncFolder, writeFileAtomic } from './atomic';
import { FileNames } from './file-names';
import { PendingWrites } from '../transcripts';

/**
 * A key-value store with eTag optimistic concurrency, one file per key.
 *
 * It has the shape of botbuilder's `Storage` (read / write / delete of `StoreItems`), so the bot
 * adapter can hand it to anything that expects one, without this folder importing botbuilder.
 * One file per key keeps a turn's cost independent of how many conversations are stored.
 *
 * Each file is a log of the item's versions, one JSON line each (`{"key":…,"item":…}`); the last
 * complete line is the item. A turn's write is one append: rewriting a file (a temporary file
 * renamed over it) costs far more on ext4, which flushes a replaced file's data at the rename
 * (docs/performance.md). A file is rewritten to its last line only now and then (COMPACT_AFTER versions),
 * and when its conversation leaves the cache, outside any turn. A line cut short by a crash is
 * skipped, and the next append starts on a new line. Files lowdb wrote (one pretty-printed JSON
 * document) still read, and are rewritten at their first write.
 *
 * The live conversations are cached (last line, the item itself, eTag, and the file's inode and
 * size), so a turn reads its conversation with one `stat` instead of opening and parsing the file.
 * As in the memory store, a cached item is deeply frozen and handed out as it is: nothing read can
 * be changed behind the store's back (a change throws), a turn does not parse its conversation
 * again, and the engine finds the snapshot it persisted last turn (no XState restore). The cache never
 * decides on its own: each read and write compares the file's inode and size (which every write
 * changes: an append grows it, a rewrite is a new inode) with the cached ones, and reads the file
 * again when anyone else (another process, a restore) changed it, so a write is never checked
 * against a stale eTag. A write is on disk (in the kernel; with `durable`, flushed to the
 * device) before `write` resolves.
 */

interface Envelope {
  key: string;
  item: StoreItem;
}

interface Cached {
  file: string;
  /**
   * The item, deeply frozen: handed out by every read while the file is the one cached. Its JSON
   * (the file's last line, what a compaction writes) is not kept beside it: serialized again at a
   * compaction, outside any turn, it keeps the cache at half the memory (and the collector's work).
   */
  item: StoreItem;
  eTag: string | undefined;
  ino: bigint;
  size: bigint;
  /** Versions in the file (Infinity for a file in lowdb's layout, rewritten at the next write). */
  versions: number;
  /** Whether the file ends with a newline (not after a crash cut an append short). */
  complete: boolean;
}

/** How many conversations stay cached (the least recently used go first): a few KB each. */
const CACHED_CONVERSATIONS = 2_000;
/** Versions a file may hold before the next write rewrites it to one line. */
const COMPACT_AFTER = 32;

/** One lock per file for the whole process: two stores opened on one folder never interleave. */
const locks = new KeyedLock();

export interface FileConversationStoreOptions {
  /** fdatasync each write (and fsync its folder when it makes a file) before it resolves. */
  durable?: boolean;
  /** How many conversations stay cached (CACHED_CONVERSATIONS unless given: tests give fewer). */
  cached?: number;
}

export class FileConversationStore implements ConversationStore {
  private readonly directory: string;
  private readonly cache = new Map<string, Cached>();
  private readonly compactions = new PendingWrites();

  constructor(
    directory: string,
    private readonly options: FileConversationStoreOptions = {},
  ) {
    this.directory = path.resolve(directory);
  }

  private readonly files = new FileNames((key) => {
    const hash = createHash('sha256').update(key).digest('hex');
    return path.join(this.directory, hash.slice(0, 2), `${hash.slice(2, 34)}.json`);
  });

  fileOf(key: string): string {
    return this.files.of(key);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      // a read alone does not cache: a maintenance scan of every conversation must not evict
      // the live ones (a turn's write caches its conversation)
      const current = this.load(key, this.fileOf(key), false);
      if (current) items[key] = current.item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      if (!change) continue;
      const file = this.fileOf(key);
      await locks.run(file, async () => {
        const current = this.load(key, file);
        const expected = change.eTag;
        if (expected !== undefined && expected !== '*' && current?.eTag !== expected) {
          throw new StoreConflictError(key);
        }
        const eTag = randomUUID();
        const item: StoreItem = Object.assign({}, change, { eTag });
        const text = JSON.stringify({ key, item } satisfies Envelope);
        const durable = this.options.durable === true;
        if (current && current.versions < COMPACT_AFTER) {
          const line = `${current.complete ? '' : '\n'}${text}\n`;
          await appendDurably(file, line, durable);
          this.remember(key, {
            file,
            item: deepFreeze(item),
            eTag,
            ino: current.ino,
            // if anyone else appended meanwhile, the size differs and the next use reads the file
            size: current.size + BigInt(Buffer.byteLength(line)),
            versions: current.versions + 1,
            complete: true,
          });
        } else {
          const stamp = await writeFileAtomic(file, `${text}\n`, { durable });
          this.remember(key, {
            file,
            item: deepFreeze(item),
            eTag,
            ino: stamp.ino,
            size: stamp.size,
            versions: 1,
            complete: true,
          });
        }
      });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const file = this.fileOf(key);
      await locks.run(file, async () => {
        this.cache.delete(key);
        await fsp.rm(file, { force: true });
        if (this.options.durable) await syncFolder(path.dirname(file)).catch(() => undefined);
      });
    }
  }

  /** Every stored key, for maintenance (retention purges, privacy deletions); not for the turn path. */
  async *keys(): AsyncGenerator<string> {
    let shards: string[];
    try {
      shards = await fsp.readdir(this.directory);
    } catch {
      forgetFolder(this.directory);
      return;
    }
    for (const shard of shards) {
      const files = await fsp.readdir(path.join(this.directory, shard)).catch(() => [] as string[]);
      for (const file of files) {
        if (!file.endsWith('.json') || file.startsWith('.')) continue;
        const raw = await fsp.readFile(path.join(this.directory, shard, file), 'utf8').catch(() => undefined);
        const stored = raw ? lastVersion(raw) : undefined;
        if (stored) yield stored.envelope.key;
      }
    }
  }

  /** The stored version of `key`: from the cache when the file is the one cached, else read. */
  private load(key: string, file: string, cache = true): Cached | undefined {
    const stats = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
    if (!stats) {
      this.cache.delete(key);
      return undefined;
    }
    const cached = this.cache.get(key);
    if (cached && cached.ino === stats.ino && cached.size === stats.size) {
      if (cache) this.remember(key, cached);
      return cached;
    }
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const stored = lastVersion(raw);
    if (!stored || stored.envelope.key !== key) return undefined;
    // Stamped as seen before reading: if the file changed in between, the next use reads it again.
    const fresh: Cached = {
      file,
      item: deepFreeze(stored.envelope.item),
      eTag: stored.envelope.item.eTag,
      ino: stats.ino,
      size: stats.size,
      versions: stored.versions,
      complete: raw.endsWith('\n'),
    };
    if (cache) this.remember(key, fresh);
    else this.cache.delete(key);
    return fresh;
  }

  private remember(key: string, entry: Cached): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > (this.options.cached ?? CACHED_CONVERSATIONS)) {
      const [oldest, evicted] = this.cache.entries().next().value!;
      this.cache.delete(oldest);
      if (evicted.versions > 1) this.compactLater(oldest, evicted);
    }
  }

  /** Rewrites a conversation gone quiet to its last version, outside any turn; skipped if it changed. */
  private compactLater(key: string, entry: Cached): void {
    const { file } = entry;
    const scheduled = new Promise((resolve) => setImmediate(resolve)).then(() =>
      locks
        .run(file, async () => {
          const stats = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
          if (!stats || stats.ino !== entry.ino || stats.size !== entry.size) return;
          const text = JSON.stringify({ key, item: entry.item } satisfies Envelope);
          await writeFileAtomic(file, `${text}\n`, { durable: this.options.durable, background: true });
        })
        .catch(() => undefined), // a later write compacts it
    );
    void this.compactions.track(scheduled);
  }

  /** Resolves once the compactions scheduled so far are done (for tests and shutdown). */
  settled(): Promise<void> {
    return this.compactions.settled();
  }
}

/** The last complete version in a file's text, and how many versions it holds. */
function lastVersion(raw: string): { envelope: Envelope; versions: number } | undefined {
  if (raw.startsWith('{\n')) {
    // lowdb's layout: one pretty-printed document (rewritten one line at the next write)
    try {
      const envelope = JSON.parse(raw) as Envelope;
      return isEnvelope(envelope)
        ? { envelope, versions: Number.POSITIVE_INFINITY }
        : undefined;
    } catch {
      return undefined;
    }
  }
  const lines = raw.split('\n');
  let versions = 0;
  for (const line of lines) if (line !== '') versions++;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line === '') continue;
    try {
      const envelope = JSON.parse(line) as Envelope;
      if (isEnvelope(envelope)) return { envelope, versions };
    } catch {
      // a line cut short by a crash mid-append: the version before it stands
    }
  }
  return undefined;
}

/** Freezes an item and everything in it (what is frozen already is left as it is: its contents are). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function isEnvelope(value: unknown): value is Envelope {
  const envelope = value as Envelope | null;
  return (
    typeof envelope === 'object' &&
    envelope !== null &&
    typeof envelope.key === 'string' &&
    typeof envelope.item === 'object' &&
    envelope.item !== null
  );
}
