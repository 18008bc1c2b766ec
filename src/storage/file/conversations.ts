import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { KeyedLock } from '../keyed-lock';
import { StoreConflictError, type ConversationStore, type StoreItem, type StoreItems } from '../ports';
import { currentStamp, forgetFolder, sameStamp, syncFolder, writeFileAtomic, type FileStamp } from './atomic';

/**
 * A key-value store with eTag optimistic concurrency, one JSON file per key
 * (`{ "key": …, "item": … }`, the layout lowdb wrote, so existing data folders still read).
 *
 * It has the shape of botbuilder's `Storage` (read / write / delete of `StoreItems`), so the bot
 * adapter can hand it to anything that expects one, without this folder importing botbuilder.
 * One file per key keeps a turn's cost independent of how many conversations are stored.
 *
 * The live conversations are cached (their file's text, eTag and stamp), so a turn reads its
 * conversation with one `stat` instead of opening and parsing the file. The cache never decides
 * on its own: each use compares the stamp (inode, modification time, size) with the file's, and a
 * file rewritten by anyone else (another process, a restore tool) is read again, so a write is
 * never checked against a stale eTag. A write is atomic (temporary file + rename) and on disk
 * (in the kernel; with `durable`, flushed to the device) before `write` resolves.
 */

interface Envelope {
  key: string;
  item: StoreItem;
}

interface Cached {
  /** The file's text: each read parses it, so callers never share an object. */
  text: string;
  eTag: string | undefined;
  stamp: FileStamp;
}

/** How many conversations stay cached (the least recently used go first): about 2 KB each. */
const CACHED_CONVERSATIONS = 2_000;

/** One lock per file for the whole process: two stores opened on one folder never interleave. */
const locks = new KeyedLock();

export interface FileConversationStoreOptions {
  /** fdatasync each write (and fsync its folder) before it resolves: survives a power loss. */
  durable?: boolean;
}

export class FileConversationStore implements ConversationStore {
  private readonly directory: string;
  private readonly cache = new Map<string, Cached>();

  constructor(
    directory: string,
    private readonly options: FileConversationStoreOptions = {},
  ) {
    this.directory = path.resolve(directory);
  }

  fileOf(key: string): string {
    const hash = createHash('sha256').update(key).digest('hex');
    return path.join(this.directory, hash.slice(0, 2), `${hash.slice(2, 34)}.json`);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const current = this.load(key, this.fileOf(key));
      if (current) items[key] = (JSON.parse(current.text) as Envelope).item;
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
        const text = JSON.stringify({ key, item: { ...change, eTag } } satisfies Envelope);
        const stamp = await writeFileAtomic(file, text, { durable: this.options.durable });
        this.remember(key, { text, eTag, stamp });
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
        if (!raw) continue;
        try {
          yield (JSON.parse(raw) as Envelope).key;
        } catch {
          // files are replaced whole (rename), never cut short: anything else is not ours
        }
      }
    }
  }

  /** The stored version of `key`: from the cache when the file is the one cached, else read. */
  private load(key: string, file: string): Cached | undefined {
    const stamp = currentStamp(file);
    if (!stamp) {
      this.cache.delete(key);
      return undefined;
    }
    const cached = this.cache.get(key);
    if (cached && sameStamp(cached.stamp, stamp)) {
      this.remember(key, cached);
      return cached;
    }
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const envelope = JSON.parse(text) as Envelope | null;
    if (!envelope || envelope.key !== key) return undefined;
    // Stamped as seen before reading: if the file changed in between, the next use reads it again.
    const fresh: Cached = { text, eTag: envelope.item.eTag, stamp };
    this.remember(key, fresh);
    return fresh;
  }

  private remember(key: string, entry: Cached): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > CACHED_CONVERSATIONS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
