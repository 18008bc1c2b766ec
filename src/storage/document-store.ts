import fs from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { KeyedLock } from './keyed-lock';

/** A folder of JSON documents, one lowdb file each, checked by a zod schema on the way in and out. */
export class DocumentStore<T> {
  private readonly locks = new KeyedLock();

  constructor(
    readonly directory: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  private fileOf(id: string): string {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new Error(`not a document id: ${JSON.stringify(id)}`);
    return path.join(this.directory, `${id}.json`);
  }

  async get(id: string): Promise<T | undefined> {
    const db = new Low<unknown>(new JSONFile(this.fileOf(id)), null);
    await db.read();
    return db.data === null ? undefined : this.schema.parse(db.data);
  }

  /** Writes the document unless one with this id exists; returns whether it wrote. */
  async create(id: string, document: T): Promise<boolean> {
    return this.locks.run(id, async () => {
      if (await this.exists(id)) return false;
      await this.write(id, document);
      return true;
    });
  }

  async put(id: string, document: T): Promise<void> {
    await this.locks.run(id, () => this.write(id, document));
  }

  /** Reads, changes and writes one document with no other change to it in between. */
  async update(id: string, change: (current: T) => T): Promise<T | undefined> {
    return this.locks.run(id, async () => {
      const current = await this.get(id);
      if (current === undefined) return undefined;
      const next = change(current);
      await this.write(id, next);
      return next;
    });
  }

  async delete(id: string): Promise<boolean> {
    return this.locks.run(id, async () => {
      const existed = await this.exists(id);
      await fs.rm(this.fileOf(id), { force: true });
      return existed;
    });
  }

  async ids(): Promise<string[]> {
    const files = await fs.readdir(this.directory).catch(() => [] as string[]);
    return files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
  }

  async all(): Promise<T[]> {
    const documents: T[] = [];
    for (const id of await this.ids()) {
      const document = await this.get(id);
      if (document !== undefined) documents.push(document);
    }
    return documents;
  }

  private async exists(id: string): Promise<boolean> {
    return fs.access(this.fileOf(id)).then(
      () => true,
      () => false,
    );
  }

  private async write(id: string, document: T): Promise<void> {
    await fs.mkdir(this.directory, { recursive: true });
    const db = new Low<T>(new JSONFile(this.fileOf(id)), document);
    db.data = this.schema.parse(document);
    await db.write();
  }
}
