import { checkDocumentId } from '../../ports/store';
import { checkSealed, type LeadFiles, type SealedFile } from '../../ports/documents';

/** Lead files in this process's memory (replays, tests). */
export class MemoryLeadFiles implements LeadFiles {
  private readonly leads = new Map<string, Map<string, SealedFile>>();

  /** Counts and keeps in one synchronous step: no other add runs in between. */
  async add(leadId: string, file: SealedFile, limit: number): Promise<boolean> {
    checkDocumentId(leadId);
    checkDocumentId(file.id);
    checkSealed(leadId, file);
    if ((this.leads.get(leadId)?.size ?? 0) >= limit) return false;
    await this.put(leadId, file);
    return true;
  }

  async put(leadId: string, file: SealedFile): Promise<void> {
    checkDocumentId(leadId);
    checkDocumentId(file.id);
    checkSealed(leadId, file);
    let files = this.leads.get(leadId);
    if (!files) this.leads.set(leadId, (files = new Map()));
    files.set(file.id, { id: file.id, meta: Buffer.from(file.meta), content: Buffer.from(file.content) });
  }

  async get(leadId: string, id: string): Promise<SealedFile | undefined> {
    const file = this.leads.get(leadId)?.get(id);
    return file && { id, meta: Buffer.from(file.meta), content: Buffer.from(file.content) };
  }

  async list(leadId: string): Promise<Omit<SealedFile, 'content'>[]> {
    return [...(this.leads.get(leadId)?.values() ?? [])]
      .map(({ id, meta }) => ({ id, meta: Buffer.from(meta) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async delete(leadId: string, id: string): Promise<boolean> {
    return this.leads.get(leadId)?.delete(id) ?? false;
  }

  async deleteAll(leadId: string): Promise<number> {
    const count = this.leads.get(leadId)?.size ?? 0;
    this.leads.delete(leadId);
    return count;
  }
}
