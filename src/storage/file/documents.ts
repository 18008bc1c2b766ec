import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { z } from 'zod';
import { writeFileAtomic, type WriteOptions } from './atomic';
import { KeyedLock } from '../keyed-lock';
import { checkDocumentId, type Documents } from '../../ports/store';
import { readAllDocuments } from '../read-all-documents';

/** One lock per file for the whole process: two collections opened on one folder never interleave. */
const locks = new KeyedLock();

/** How many documents `all()` reads at once: enough to keep the disk busy, few enough file handles. */
const READ_BATCH = 64;

export interface FileDocumentsOptions {
  /** File permissions of each document (e.g. 0o600 for the staff accounts). */
  mode?: number;
  /** fdatasync each write (and fsync its folder) before it resolves: survives a power loss. */
  durable?: boolean;
}

/**
 * lowdb's JSON file adapter, made for many small documents on a busy server: read synchronously (a
 * small local file is read faster than a round trip through the thread pool, which on a busy server
 * waits behind every other turn's work) and replaced atomically through a temporary file with a
 * name no other writer uses, flushed to the device with STORAGE_FSYNC (see ./atomic.ts).
 */
class AtomicJSONFile<T> implements Adapter<T | null> {
  constructor(
    private readonly file: string,
    private readonly options: WriteOptions = {},
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T | null;
  }

  async write(data: T | null): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(data, null, 2), this.options);
  }
}

/** A folder of JSON documents, one JSON file each (`<id>.json`, replaced atomically), checked by a zod schema on the way in and out. */
export class FileDocuments<T> implements Documents<T> {
  readonly directory: string;

  constructor(
    directory: string,
    private readonly schema: z.ZodType<T>,
    private readonly options: FileDocumentsOptions = {},
  ) {
    this.directory = path.resolve(directory);
  }

  private fileOf(id: string): string {
    checkDocumentId(id);
    return path.join(this.directory, `${id}.json`);
  }

  /**
   * Whether `id`'s document is on disk now, checked synchronously (one local stat); an id that
   * cannot name a document has none.
   */
  exists(id: string): boolean {
    try {
      return fs.existsSync(this.fileOf(id));
    } catch {
      return false;
    }
  }

  async get(id: string): Promise<T | undefined> {
    const db = new Low<T | null>(new AtomicJSONFile<T>(this.fileOf(id)), null);
    await db.read();
    return db.data === null ? undefined : this.schema.parse(db.data);
  }

  async create(id: string, document: T): Promise<boolean> {
    const file = this.fileOf(id);
    return locks.run(file, async () => {
      if (fs.existsSync(file)) return false;
      await this.write(file, document, false);
      return true;
    });
  }

  async put(id: string, document: T): Promise<void> {
    const file = this.fileOf(id);
    await locks.run(file, () => this.write(file, document));
  }

  async update(id: string, change: (current: T) => T): Promise<T | undefined> {
    const file = this.fileOf(id);
    return locks.run(file, async () => {
      const current = await this.get(id);
      if (current === undefined) return undefined;
      const next = change(current);
      await this.write(file, next);
      return next;
    });
  }

  async delete(id: string): Promise<boolean> {
    const file = this.fileOf(id);
    return locks.run(file, async () => {
      const existed = fs.existsSync(file);
      await fsp.rm(file, { force: true });
      return existed;
    });
  }

  async ids(): Promise<string[]> {
    const files = await fsp.readdir(this.directory).catch(() => [] as string[]);
    return files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
  }

  /** Reads in parallel batches; a document that cannot be read or fails its schema is left out. */
  async all(): Promise<T[]> {
    // a file that cannot be read (removed meanwhile) is left out, like one that is not JSON
    return readAllDocuments(await this.ids(), READ_BATCH, this.schema, (id) =>
      fsp.readFile(this.fileOf(id), 'utf8').catch(() => undefined),
    );
  }

  /** Replaces the whole file atomically (temporary file + rename): a crash leaves the old or the new. */
  private async write(file: string, document: T, replacing = true): Promise<void> {
    // Replacing a file costs a flush of its data on ext4 (at the rename): done in the thread
    // pool, so that it does not hold up the turns under way. A new file is written at once.
    const adapter = new AtomicJSONFile<T>(file, {
      durable: this.options.durable,
      mode: this.options.mode,
      background: replacing,
    });
    await new Low<T | null>(adapter, this.schema.parse(document)).write();
    if (this.options.mode !== undefined) await fsp.chmod(file, this.options.mode).catch(() => undefined);
  }
}
