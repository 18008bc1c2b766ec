import { randomUUID } from 'node:crypto';
import {
  StoreConflictError,
  type ConversationStore,
  type StoreItem,
  type StoreItems,
} from '../../ports/store';

/**
 * The file store's semantics (eTags, optimistic concurrency) without the disk. Items are deeply
 * frozen when written and handed out as they are: nothing read can be changed behind the
 * store's back (a change throws), and a replay does not pay for a copy on every turn.
 */
export class MemoryConversationStore implements ConversationStore {
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
        throw new StoreConflictError(key);
      }
      this.items.set(key, deepFreeze(Object.assign({}, change, { eTag: randomUUID() })));
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
