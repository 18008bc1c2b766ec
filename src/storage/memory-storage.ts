import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DocumentStore } from './document-store';
import { ETagConflictError, type StoreItem, type StoreItems } from './file-storage';
import type { KeyValueStorage } from './key-value-storage';

/**
 * `FileStorage` semantics (eTags, optimistic concurrency) without the disk. Items are deeply
 * frozen when written and handed out as they are: nothing read can be changed behind the
 * store's back (a change throws), and a replay does not pay for a copy on every turn.
 */
export class MemoryStorage implements KeyValueStorage {
  private readonly items = new Map<string, StoreItem>();

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (item !== undefined) found[key] = item;
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      if (!change) continue;
      const expected = change.eTag;
      if (expected !== undefined && expected !== '*' && this.items.get(key)?.eTag !== expected) {
        throw new ETagConflictError(key);
      }
      this.items.set(key, deepFreeze({ ...change, eTag: randomUUID() }));
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  async *keys(): AsyncGenerator<string> {
    yield* [...this.items.keys()];
  }

  get size(): number {
    return this.items.size;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * A `DocumentStore` held in memory, for in-process replays. Documents are checked by the schema
 * when put or updated; `create` trusts its caller, the lead recorder, whose `buildLead` has just
 * checked the lead against the same schema (a second check would double a replay's lead cost).
 */
export class MemoryDocumentStore<T> extends DocumentStore<T> {
  private readonly documents = new Map<string, T>();

  constructor(private readonly documentSchema: z.ZodType<T>) {
    super('(memory)', documentSchema);
  }

  override async get(id: string): Promise<T | undefined> {
    checkId(id);
    const document = this.documents.get(id);
    // Checked on the way in; a copy keeps the stored one safe from the caller's changes.
    return document === undefined ? undefined : structuredClone(document);
  }

  override async create(id: string, document: T): Promise<boolean> {
    checkId(id);
    if (this.documents.has(id)) return false;
    this.documents.set(id, structuredClone(document));
    return true;
  }

  override async put(id: string, document: T): Promise<void> {
    checkId(id);
    this.documents.set(id, this.documentSchema.parse(document));
  }

  override async update(id: string, change: (current: T) => T): Promise<T | undefined> {
    const current = await this.get(id);
    if (current === undefined) return undefined;
    const next = this.documentSchema.parse(change(current));
    this.documents.set(id, next);
    return next;
  }

  override async delete(id: string): Promise<boolean> {
    return this.documents.delete(id);
  }

  override async ids(): Promise<string[]> {
    return [...this.documents.keys()];
  }

  override async all(): Promise<T[]> {
    return Promise.all([...this.documents.keys()].map(async (id) => (await this.get(id))!));
  }
}

function checkId(id: string): void {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new Error(`not a document id: ${JSON.stringify(id)}`);
}
