import { isSealed } from './envelope';

/**
 * The documents a prospect attached to a lead, as storage keeps them: sealed (encrypted, see
 * envelope.ts) before they reach a store, so no backend ever holds one in clear. A file is two
 * opaque parts: its sealed metadata (kind, size, label) and its sealed content. The backends live
 * under src/storage/ (file, memory) and pass test/documents/store-contract.ts.
 */

export interface SealedFile {
  id: string;
  /** Sealed metadata: small, read for the lead's document list. */
  meta: Buffer;
  /** Sealed content. */
  content: Buffer;
}

export interface LeadFiles {
  /** Keeps (or replaces) one file of a lead. Refuses bytes that are not sealed. */
  put(leadId: string, file: SealedFile): Promise<void>;
  get(leadId: string, id: string): Promise<SealedFile | undefined>;
  /** The lead's files, without their content, in id order. */
  list(leadId: string): Promise<Omit<SealedFile, 'content'>[]>;
  /** Returns whether there was such a file. */
  delete(leadId: string, id: string): Promise<boolean>;
  /** Every file of the lead (privacy deletion, the retention purge); returns how many there were. */
  deleteAll(leadId: string): Promise<number>;
}

/**
 * Refuses any part that is not sealed (never a file in clear). Backends also check that the lead
 * and file ids are safe names (storage's `checkDocumentId`).
 */
export function checkSealed(leadId: string, file: SealedFile): void {
  if (!isSealed(file.meta) || !isSealed(file.content))
    throw new Error(
      `lead file ${leadId}/${file.id} is not sealed: refused (documents are kept encrypted only)`,
    );
}
