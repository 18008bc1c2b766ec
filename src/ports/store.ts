/**
 * What the rest of the system needs of storage, and nothing of how it is kept: the generic
 * stores (conversation items, documents, append-only logs). Every backend (src/storage/file/ —
 * files under DATA_DIR, the default; src/storage/azure/ — one Blob Storage container;
 * src/storage/memory/ — in-process replays and tests) implements these, and one contract suite
 * (test/storage/contract.ts) checks each against the same behaviour. The records kept in them
 * are declared beside this file (src/ports/), and the set a backend builds in ./storage.ts.
 *
 * Everything is async and keyed: a backend may be a disk, memory or a blob container where each
 * write is a conditional PUT on an eTag.
 */

/** A conversation item as botbuilder's `Storage` shapes it: any JSON with an optional eTag. */
export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}
export type StoreItems = Record<string, StoreItem | undefined>;

/**
 * A write was refused because the item changed since it was read (its eTag is not the one given).
 * Store-neutral: every backend throws this one class, so the caller's retry does not depend on
 * which store it runs on.
 */
export class StoreConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StoreConflictError';
  }
}

export const isConflict = (error: unknown): error is StoreConflictError =>
  error instanceof StoreConflictError;

/**
 * Conversation state: botbuilder's `Storage` shape (read, write, delete of `StoreItems`) with
 * eTag optimistic concurrency. A write whose item carries an eTag other than '*' succeeds only
 * when the stored item has that eTag (and exists); each write gives the item a new eTag.
 */
export interface ConversationStore {
  read(keys: string[]): Promise<StoreItems>;
  /** Throws `StoreConflictError` when an item's eTag (other than '*') is not the stored one. */
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Every stored key, for maintenance (retention purges, privacy deletions); not for the turn path. */
  keys(): AsyncIterable<string>;
}

/** Document ids are safe as file and blob names: letters, digits, `_` and `-`, 1–100 long. */
export const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,100}$/;

export function checkDocumentId(id: string): void {
  if (!DOCUMENT_ID.test(id)) throw new Error(`not a document id: ${JSON.stringify(id)}`);
}

/**
 * A collection of JSON documents by id, each checked by the collection's zod schema on the way in
 * and out. `create` and `update` are atomic per document: a backend shared by several processes
 * implements them with conditional writes (create-if-absent, write-if-eTag-matches).
 */
export interface Documents<T> {
  get(id: string): Promise<T | undefined>;
  /** Writes the document unless one with this id exists; returns whether it wrote. */
  create(id: string, document: T): Promise<boolean>;
  put(id: string, document: T): Promise<void>;
  /**
   * Reads, changes and writes one document with no other change to it in between; undefined
   * (and nothing written) when there is no such document. `change` may throw to write nothing,
   * and may be called again when the backend retries after a conflict.
   */
  update(id: string, change: (current: T) => T): Promise<T | undefined>;
  /** Returns whether there was such a document. */
  delete(id: string): Promise<boolean>;
  ids(): Promise<string[]>;
  /** Every document, in no particular order; for start-up and maintenance, not per request. */
  all(): Promise<T[]>;
}

/** An append-only log of small JSON entries (the deletion log): never rewritten, read newest first. */
export interface AppendLog<T> {
  append(entry: T): Promise<void>;
  /** The latest entries, newest first. */
  latest(limit: number): Promise<T[]>;
}
