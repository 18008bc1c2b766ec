import type { ContainerClient } from '@azure/storage-blob';
import type { z } from 'zod';
import { checkDocumentId, type Documents } from '../../ports/store';
import { readAllDocuments } from '../read-all-documents';
import { deleteBlob, isConditionFailed, readText, retryOnConflict, writeText } from './blobs';

/** How many documents `all()` reads at once. */
const READ_BATCH = 32;

/**
 * A collection of JSON documents, one blob each (`<collection>/<id>.json`), checked by a zod
 * schema on the way in and out. `create` is a PUT with If-None-Match: *, `update` a GET then a PUT
 * with If-Match on the eTag read, retried (the change is run again on the fresh document) when
 * another process wrote in between: atomic across every instance sharing the container.
 */
export class AzureDocuments<T> implements Documents<T> {
  private readonly prefix: string;

  constructor(
    private readonly container: ContainerClient,
    collection: string,
    private readonly schema: z.ZodType<T>,
  ) {
    this.prefix = `${collection}/`;
  }

  blobOf(id: string): string {
    checkDocumentId(id);
    return `${this.prefix}${id}.json`;
  }

  async get(id: string): Promise<T | undefined> {
    const stored = await readText(this.container, this.blobOf(id));
    return stored === undefined ? undefined : this.schema.parse(JSON.parse(stored.text));
  }

  async create(id: string, document: T): Promise<boolean> {
    const name = this.blobOf(id);
    const text = JSON.stringify(this.schema.parse(document));
    try {
      await writeText(this.container, name, text, { createOnly: true });
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async put(id: string, document: T): Promise<void> {
    await writeText(this.container, this.blobOf(id), JSON.stringify(this.schema.parse(document)));
  }

  async update(id: string, change: (current: T) => T): Promise<T | undefined> {
    const name = this.blobOf(id);
    return retryOnConflict(async () => {
      const stored = await readText(this.container, name);
      if (stored === undefined) return undefined;
      const next = this.schema.parse(change(this.schema.parse(JSON.parse(stored.text))));
      // If-Match: refused (412) when another process wrote or deleted it since the read
      await writeText(this.container, name, JSON.stringify(next), { ifMatch: stored.etag });
      return next;
    });
  }

  async delete(id: string): Promise<boolean> {
    return deleteBlob(this.container, this.blobOf(id));
  }

  async ids(): Promise<string[]> {
    const ids: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: this.prefix })) {
      const rest = blob.name.slice(this.prefix.length);
      if (rest.endsWith('.json') && !rest.includes('/')) ids.push(rest.slice(0, -'.json'.length));
    }
    return ids;
  }

  async all(): Promise<T[]> {
    return readAllDocuments(await this.ids(), READ_BATCH, this.schema, async (id) => {
      return (await readText(this.container, this.blobOf(id)))?.text;
    });
  }
}
