import { randomBytes } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import type { z } from 'zod';
import type { AppendLog } from '../../ports/store';
import { readText, writeText } from './blobs';

/** Larger than any time in ms for millennia: `MAX - time`, padded, sorts newest first. */
const MAX_TIME = 9_999_999_999_999;

/**
 * An append-only log as one small blob per entry, never rewritten. A blob's name starts with the
 * time of its append counted down (`MAX - ms`), so the container's name-ordered listing gives the
 * newest first: `latest(n)` lists one page of n names and reads those n entries, whatever the
 * length of the log. Within one process, times are made strictly increasing so that entries
 * appended in the same millisecond keep their order.
 */
export class AzureAppendLog<T> implements AppendLog<T> {
  private readonly prefix: string;
  private last = 0;

  constructor(
    private readonly container: ContainerClient,
    collection: string,
    private readonly schema: z.ZodType<T>,
  ) {
    this.prefix = `${collection}/`;
  }

  async append(entry: T): Promise<void> {
    const text = JSON.stringify(this.schema.parse(entry));
    this.last = Math.max(Date.now(), this.last + 1);
    const name = `${this.prefix}${String(MAX_TIME - this.last).padStart(13, '0')}-${randomBytes(6).toString('hex')}.json`;
    await writeText(this.container, name, text, { createOnly: true });
  }

  async latest(limit: number): Promise<T[]> {
    if (limit <= 0) return [];
    const names: string[] = [];
    const pages = this.container.listBlobsFlat({ prefix: this.prefix }).byPage({ maxPageSize: limit });
    for await (const page of pages) {
      for (const blob of page.segment.blobItems) names.push(blob.name);
      if (names.length >= limit) break;
    }
    const read = await Promise.all(names.slice(0, limit).map((name) => readText(this.container, name)));
    const entries: T[] = [];
    for (const stored of read) {
      if (!stored) continue;
      try {
        const parsed = this.schema.safeParse(JSON.parse(stored.text));
        if (parsed.success) entries.push(parsed.data);
      } catch {
        // not one of ours
      }
    }
    return entries;
  }
}
