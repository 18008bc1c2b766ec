import type { ContainerClient } from '@azure/storage-blob';
import { outboxEntrySchema } from '../../ports/outbox';
import { MarkedOutbox } from '../marked-outbox';
import { checkDocumentId } from '../../ports/store';
import { deleteBlob, isNotFound, writeText } from './blobs';
import { AzureDocuments } from './documents';

const PENDING = 'outbox/pending/';

/**
 * The outbox shared by every instance: one blob per delivery (`outbox/entries/`), and an empty
 * marker blob (`outbox/pending/`) for each one still to send, so a worker finds its work with one
 * listing. A claim is the entry's lease written with If-Match on the eTag it was read with: of two
 * instances claiming at once, one wins and the other sees the lease on its retry; a crashed
 * instance's lease expires (see `claimOf`) and any instance then takes the delivery over.
 */
export class AzureOutbox extends MarkedOutbox {
  constructor(private readonly container: ContainerClient) {
    super(new AzureDocuments(container, 'outbox/entries', outboxEntrySchema));
  }

  async pendingIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: PENDING }))
      ids.push(blob.name.slice(PENDING.length));
    return ids;
  }

  protected async markerTime(id: string): Promise<number | undefined> {
    try {
      return (await this.container.getBlobClient(this.markerOf(id)).getProperties()).lastModified?.getTime();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async markPending(id: string): Promise<void> {
    await writeText(this.container, this.markerOf(id), '');
  }

  protected async clearPending(id: string): Promise<void> {
    await deleteBlob(this.container, this.markerOf(id));
  }

  private markerOf(id: string): string {
    checkDocumentId(id);
    return `${PENDING}${id}`;
  }
}
