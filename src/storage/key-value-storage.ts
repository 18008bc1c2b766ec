import type { StoreItems } from './file-storage';

/**
 * What the intake service needs of a conversation store: botbuilder's `Storage` shape (read,
 * write, delete of `StoreItems`) with eTag optimistic concurrency. `FileStorage` is the durable
 * one; `MemoryStorage` serves in-process replays, where thousands of conversations run in seconds.
 */
export interface KeyValueStorage {
  read(keys: string[]): Promise<StoreItems>;
  /** Throws `ETagConflictError` when an item's eTag (other than '*') is not the stored one. */
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}
