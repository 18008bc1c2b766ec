import type { z } from 'zod';
import { checkDocumentId, type Documents } from '../../ports/store';

export interface MemoryDocumentsOptions {
  /**
   * `create` trusts its caller instead of checking the schema: for in-process replays, where
   * "submit a lead" (src/service/submit-lead.ts) has just checked the lead against the same
   * schema (a second check would double a replay's lead cost).
   */
  trustCreate?: boolean;
}

/** Documents held in memory, checked by the schema on the way in, copied on the way out. */
export class MemoryDocuments<T> implements Documents<T> {
  private readonly documents = new Map<string, T>();

  constructor(
    private readonly schema: z.ZodType<T>,
    private readonly options: MemoryDocumentsOptions = {},
  ) {}

  async get(id: string): Promise<T | undefined> {
    checkDocumentId(id);
    const document = this.documents.get(id);
    // a copy keeps the stored one safe from the caller's changes
    return document === undefined ? undefined : structuredClone(document);
  }

  async create(id: string, document: T): Promise<boolean> {
    checkDocumentId(id);
    if (this.documents.has(id)) return false;
    this.documents.set(
      id,
      this.options.trustCreate ? structuredClone(document) : this.schema.parse(document),
    );
    return true;
  }

  async put(id: string, document: T): Promise<void> {
    checkDocumentId(id);
    this.documents.set(id, this.schema.parse(document));
  }

  /** No await between the read and the write: atomic against every other call in this process. */
  async update(id: string, change: (current: T) => T): Promise<T | undefined> {
    checkDocumentId(id);
    const stored = this.documents.get(id);
    if (stored === undefined) return undefined;
    const next = this.schema.parse(change(structuredClone(stored)));
    this.documents.set(id, next);
    return structuredClone(next);
  }

  async delete(id: string): Promise<boolean> {
    checkDocumentId(id);
    return this.documents.delete(id);
  }

  async ids(): Promise<string[]> {
    return [...this.documents.keys()];
  }

  async all(): Promise<T[]> {
    return [...this.documents.values()].map((document) => structuredClone(document));
  }
}
