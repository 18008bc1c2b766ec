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
import { AppendHandles } from './append-handles';
import {
  appendDurably,
  forgetFolder,
  openNewFile,
  stampOf,
  syncFolder,
  writeFileAtomic,
  type FileStamp,
} from './atomic';
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
 * complete line is the item. A turn's write is one append, one `write` through a handle kept
 * open on the file (see append-handles.ts); a conversation's first write makes its file in place.
 * Rewriting a file (a temporary file renamed over it) costs far more on ext4, which flushes a
 * replaced file's data at the rename (docs/performance.md): a file is rewritten to its last line
 * only after COMPACT_AFTER versions and when its conversation leaves the cache, and always after
 * the turn, never in it. A line cut short by a crash is skipped, and the next append starts on a
 * new line. Files lowdb wrote (one pretty-printed JSON document) still read, and are rewritten at
 * their first write.
 *
 * The live conversations are cached (the item itself, eTag, and the file's inode and size), so a
 * turn reads its conversation with one `stat` instead of opening and parsing the file.
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
  private readonly handles = new AppendHandles();

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
        const frozen = deepFreeze(item);
        if (current && current.versions !== Number.POSITIVE_INFINITY) {
          const line = `${current.complete ? '' : '\n'}${text}\n`;
          if (!(await this.append(file, current.ino, line))) throw new StoreConflictError(key);
          const entry: Cached = {
            file,
            item: frozen,
            eTag,
            ino: current.ino,
            // if anyone else appended meanwhile, the size differs and the next use reads the file
            size: current.size + BigInt(Buffer.byteLength(line)),
            versions: current.versions + 1,
            complete: true,
          };
          this.remember(key, entry);
          // rewritten to one line after the reply, outside the turn (a rename costs far more)
          if (entry.versions >= COMPACT_AFTER) this.compactLater(key, entry);
        } else {
          const stamp = current
            ? await writeFileAtomic(file, `${text}\n`, { durable: this.options.durable })
            : await this.create(key, file, `${text}\n`);
          this.remember(key, {
            file,
            item: frozen,
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

  /**
   * Appends a version to the file (the inode `ino`, as `load` just saw it): through a handle kept
   * open, or with `durable` opened, written, flushed and closed. False when the path names
   * another inode by now (another process replaced the file).
   */
  private async append(file: string, ino: bigint, line: string): Promise<boolean> {
    if (!this.options.durable) return this.handles.append(file, ino, line);
    await appendDurably(file, line, true);
    return true;
  }

  /**
   * A conversation's first version: a new file made and written in place (O_EXCL: never over
   * one another writer made meanwhile, which is a conflict). No temporary file and rename: a
   * crash mid-write leaves a line cut short, which reads as no conversation, and that write was
   * never acknowledged.
   */
  private async create(key: string, file: string, text: string): Promise<FileStamp> {
    if (this.options.durable) return writeFileAtomic(file, text, { durable: true });
    let fd: number;
    try {
      fd = openNewFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another writer made it meanwhile (a conflict), or a crash cut this very write short
      // before (a file with no complete version, which reads as none): replaced then.
      if (this.load(key, file, false)) throw new StoreConflictError(key);
      return writeFileAtomic(file, text);
    }
    try {
      fs.writeSync(fd, text);
      return stampOf(fs.fstatSync(fd, { bigint: true }));
    } finally {
      fs.closeSync(fd);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const file = this.fileOf(key);
      await locks.run(file, async () => {
        this.cache.delete(key);
        this.handles.close(file);
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
      this.handles.close(file);
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

  /**
   * Rewrites a conversation's file to its last version, after the turn that asked (the lock
   * orders it after that turn's write); skipped if the file changed since.
   */
  private compactLater(key: string, evicted: Cached): void {
    const { file } = evicted;
    const scheduled = new Promise((resolve) => setImmediate(resolve)).then(
      () =>
        locks
          .run(file, async () => {
            // the live version by now (turns may have been written since), or the evicted one
            const live = this.cache.get(key);
            const entry = live ?? evicted;
            const stats = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
            if (!stats || stats.ino !== entry.ino || stats.size !== entry.size || entry.versions <= 1) return;
            const text = JSON.stringify({ key, item: entry.item } satisfies Envelope);
            // synchronous (without `durable`): the lock is held for a few system calls, not for
            // round trips through the thread pool behind a busy event loop, which the
            // conversation's next turn would wait for
            const stamp = await writeFileAtomic(file, `${text}\n`, { durable: this.options.durable });
            this.handles.close(file); // open on the replaced inode
            // still the live version (this ran under the file's lock): same item, new file
            if (live && this.cache.get(key) === live)
              this.cache.set(key, { ...live, ino: stamp.ino, size: stamp.size, versions: 1 });
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
      return isEnvelope(envelope) ? { envelope, versions: Number.POSITIVE_INFINITY } : undefined;
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
