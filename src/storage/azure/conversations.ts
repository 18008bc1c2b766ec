import { createHash } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import {
  StoreConflictError,
  type ConversationStore,
  type StoreItem,
  type StoreItems,
} from '../../ports/store';
import {
  deleteBlob,
  fromMetadata,
  isConditionFailed,
  isNotFound,
  readText,
  toMetadata,
  writeText,
} from './blobs';

const PREFIX = 'conversations/';

/**
 * Conversation state, one blob per key. The item's eTag is the blob's: a write carrying an eTag is
 * a PUT with If-Match, so of two instances holding the same eTag exactly one wins, the other gets
 * the store-neutral `StoreConflictError` (and the turn is retried by the service). A turn costs one
 * GET and one PUT whatever the number of stored conversations. The key is kept in the blob's
 * metadata (base64url) so that `keys()` lists without reading any blob.
 */
export class AzureConversationStore implements ConversationStore {
  constructor(private readonly container: ContainerClient) {}

  blobOf(key: string): string {
    return `${PREFIX}${createHash('sha256').update(key).digest('hex')}.json`;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    const found = await Promise.all(keys.map((key) => readText(this.container, this.blobOf(key))));
    keys.forEach((key, i) => {
      const stored = found[i];
      if (!stored) return;
      const envelope = JSON.parse(stored.text) as { key: string; item: StoreItem };
      if (envelope.key === key) items[key] = { ...envelope.item, eTag: stored.etag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      if (!change) continue;
      const { eTag, ...item } = change;
      const ifMatch = eTag !== undefined && eTag !== '*' ? eTag : undefined;
      try {
        await writeText(this.container, this.blobOf(key), JSON.stringify({ key, item }), {
          ...(ifMatch ? { ifMatch } : {}),
          metadata: { key: toMetadata(key) },
        });
      } catch (error) {
        // If-Match on a blob that does not exist is refused too: the item was deleted meanwhile
        if (isConditionFailed(error) || (ifMatch && isNotFound(error))) throw new StoreConflictError(key);
        throw error;
      }
    }
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => deleteBlob(this.container, this.blobOf(key))));
  }

  async *keys(): AsyncGenerator<string> {
    for await (const blob of this.container.listBlobsFlat({ prefix: PREFIX, includeMetadata: true })) {
      const key = fromMetadata(blob.metadata?.key);
      if (key !== undefined) yield key;
    }
  }
}
