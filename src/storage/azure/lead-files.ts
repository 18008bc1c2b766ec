import type { ContainerClient } from '@azure/storage-blob';
import { checkSealed, type LeadFiles, type SealedFile } from '../../ports/documents';
import { checkDocumentId } from '../../ports/store';
import { deleteBlob, isConditionFailed, isNotFound, streamBytes } from './blobs';

/**
 * Lead files in the shared container: `documents/<lead id>/<id>.bin` and `<id>.meta`, both sealed.
 * The content is written before the metadata, and the metadata is what lists a file, so a file is
 * listed only once both are complete.
 *
 * A lead's places (`add`'s limit) are blobs `documents/<lead id>/<n>.place` holding the id of the
 * document in them, each created with If-None-Match: * (409 when another instance took it first):
 * however many instances share the container, two uploads never take the same place.
 */
export class AzureLeadFiles implements LeadFiles {
  constructor(private readonly container: ContainerClient) {}

  private prefix(leadId: string): string {
    checkDocumentId(leadId);
    return `documents/${leadId}/`;
  }

  private blob(leadId: string, id: string, part: 'bin' | 'meta'): string {
    checkDocumentId(id);
    return `${this.prefix(leadId)}${id}.${part}`;
  }

  async put(leadId: string, file: SealedFile): Promise<void> {
    checkSealed(leadId, file);
    await this.upload(this.blob(leadId, file.id, 'bin'), file.content);
    await this.upload(this.blob(leadId, file.id, 'meta'), file.meta);
  }

  async add(leadId: string, file: SealedFile, limit: number): Promise<boolean> {
    checkDocumentId(file.id);
    checkSealed(leadId, file);
    const id = Buffer.from(file.id, 'utf8');
    let place: string | undefined;
    for (let n = 0; n < limit && !place; n++) {
      const name = `${this.prefix(leadId)}${n}.place`;
      try {
        await this.container.getBlockBlobClient(name).upload(id, id.length, {
          conditions: { ifNoneMatch: '*' },
        });
        place = name;
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    if (!place) return false;
    try {
      await this.put(leadId, file);
    } catch (error) {
      await deleteBlob(this.container, place);
      throw error;
    }
    return true;
  }

  async get(leadId: string, id: string): Promise<SealedFile | undefined> {
    const meta = await this.download(this.blob(leadId, id, 'meta'));
    const content = meta && (await this.download(this.blob(leadId, id, 'bin')));
    return meta && content ? { id, meta, content } : undefined;
  }

  async list(leadId: string): Promise<Omit<SealedFile, 'content'>[]> {
    const prefix = this.prefix(leadId);
    const ids: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix })) {
      const rest = blob.name.slice(prefix.length);
      if (rest.endsWith('.meta') && !rest.includes('/')) ids.push(rest.slice(0, -'.meta'.length));
    }
    const listed: Omit<SealedFile, 'content'>[] = [];
    for (const id of ids.sort()) {
      const meta = await this.download(this.blob(leadId, id, 'meta'));
      if (meta) listed.push({ id, meta });
    }
    return listed;
  }

  async delete(leadId: string, id: string): Promise<boolean> {
    const existed = await deleteBlob(this.container, this.blob(leadId, id, 'meta'));
    await deleteBlob(this.container, this.blob(leadId, id, 'bin'));
    for await (const blob of this.container.listBlobsFlat({ prefix: this.prefix(leadId) }))
      if (blob.name.endsWith('.place') && (await this.download(blob.name))?.toString('utf8') === id)
        await deleteBlob(this.container, blob.name);
    return existed;
  }

  async deleteAll(leadId: string): Promise<number> {
    const prefix = this.prefix(leadId);
    let count = 0;
    for await (const blob of this.container.listBlobsFlat({ prefix })) {
      await deleteBlob(this.container, blob.name);
      if (blob.name.endsWith('.meta')) count++;
    }
    return count;
  }

  private async upload(name: string, bytes: Buffer): Promise<void> {
    await this.container.getBlockBlobClient(name).upload(bytes, bytes.length, {
      blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
    });
  }

  private async download(name: string): Promise<Buffer | undefined> {
    try {
      return await streamBytes((await this.container.getBlobClient(name).download()).readableStreamBody);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}
