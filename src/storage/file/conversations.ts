import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { KeyedLock } from '../keyed-lock';
import { StoreConflictError, type ConversationStore, type StoreItem, type StoreItems } from '../ports';

/**
 * A key-value store with eTag optimistic concurrency, one lowdb file per key.
 *
 * It has the shape of botbuilder's `Storage` (read / write / delete of `StoreItems`), so the bot
 * adapter can hand it to anything that expects one, without this folder importing botbuilder.
 * One file per key keeps a turn's cost independent of how many conversations are stored:
 * lowdb rewrites a whole file on every write.
 */

interface Envelope {
  key: string;
  item: StoreItem;
}

/** One lock per file for the whole process: two stores opened on one folder never interleave. */
const locks = new KeyedLock();

export class FileConversationStore implements ConversationStore {
  private readonly directory: string;

  constructor(directory: string) {
    this.directory = path.resolve(directory);
  }

  fileOf(key: string): string {
    const hash = createHash('sha256').update(key).digest('hex');
    return path.join(this.directory, hash.slice(0, 2), `${hash.slice(2, 34)}.json`);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const envelope = await this.load(key);
      if (envelope) items[key] = envelope.item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      if (!change) continue;
      await locks.run(this.fileOf(key), async () => {
        const current = await this.load(key);
        const expected = change.eTag;
        if (expected !== undefined && expected !== '*' && current && current.item.eTag !== expected) {
          throw new StoreConflictError(key);
        }
        if (expected !== undefined && expected !== '*' && !current) throw new StoreConflictError(key);
        const db = this.db(key);
        db.data = { key, item: { ...change, eTag: randomUUID() } };
        await fs.mkdir(path.dirname(this.fileOf(key)), { recursive: true });
        await db.write();
      });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      await locks.run(this.fileOf(key), () => fs.rm(this.fileOf(key), { force: true }));
    }
  }

  /** Every stored key, for maintenance (retention purges, privacy deletions); not for the turn path. */
  async *keys(): AsyncGenerator<string> {
    let shards: string[];
    try {
      shards = await fs.readdir(this.directory);
    } catch {
      return;
    }
    for (const shard of shards) {
      const files = await fs.readdir(path.join(this.directory, shard)).catch(() => [] as string[]);
      for (const file of files) {
        if (!file.endsWith('.json')) continue;
        const raw = await fs.readFile(path.join(this.directory, shard, file), 'utf8').catch(() => undefined);
        if (!raw) continue;
        try {
          yield (JSON.parse(raw) as Envelope).key;
        } catch {
          // a file cut short by a crash before steno's rename cannot exist; anything else is not ours
        }
      }
    }
  }

  private db(key: string): Low<Envelope | null> {
    return new Low<Envelope | null>(new JSONFile(this.fileOf(key)), null);
  }

  private async load(key: string): Promise<Envelope | undefined> {
    const db = this.db(key);
    await db.read();
    return db.data && db.data.key === key ? db.data : undefined;
  }
}
