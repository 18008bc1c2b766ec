/**
 * The documents a prospect attached to a lead, as storage keeps them: sealed (encrypted, see
 * src/documents/envelope.ts) before they reach a store, so no backend ever holds one in clear. A
 * file is two opaque parts: its sealed metadata (kind, size, label) and its sealed content. The
 * backends live under src/storage/ (file, memory, azure) and pass test/documents/store-contract.ts.
 */

export interface SealedFile {
  id: string;
  /** Sealed metadata: small, read for the lead's document list. */
  meta: Buffer;
  /** Sealed content. */
  content: Buffer;
}

export interface LeadFiles {
  /**
   * Keeps a new file of a lead only if the lead holds fewer than `limit`: it first claims one of
   * the lead's `limit` places (atomically, also between processes sharing the store: a file
   * created only if absent, a blob written with If-None-Match), then writes the file. Resolves
   * false, writing nothing, when every place is taken. Refuses bytes that are not sealed.
   */
  add(leadId: string, file: SealedFile, limit: number): Promise<boolean>;
  /**
   * Keeps (or replaces) one file of a lead without claiming a place (tests, repairs): the
   * documents a prospect sends go through `add`, the only way the per-lead limit holds.
   */
  put(leadId: string, file: SealedFile): Promise<void>;
  get(leadId: string, id: string): Promise<SealedFile | undefined>;
  /** The lead's files, without their content, in id order. */
  list(leadId: string): Promise<Omit<SealedFile, 'content'>[]>;
  /** Returns whether there was such a file; frees its place. */
  delete(leadId: string, id: string): Promise<boolean>;
  /** Every file of the lead (privacy deletion, the retention purge); returns how many there were. */
  deleteAll(leadId: string): Promise<number>;
}

/**
 * The sealed forms' marks and the least length of their headers (src/documents/envelope.ts writes
 * the layouts). First form: "IMPDOC1\0" (8) | key id (8) | wrap IV (12) | wrapped key (32) | wrap
 * tag (16) | IV (12) | tag (16). Second: "IMPDOC2\0" (8) | key ref length (2) | key ref (1 or
 * more) | wrapped length (2) | wrapped key (1 or more) | IV (12) | tag (16). A store tells sealed
 * bytes from anything else by these alone, without the key.
 */
export const SEALED_MAGIC = Buffer.from('IMPDOC1\0', 'latin1');
export const SEALED_HEADER_LENGTH = SEALED_MAGIC.length + 8 + 12 + 32 + 16 + 12 + 16;
export const SEALED_MAGIC_V2 = Buffer.from('IMPDOC2\0', 'latin1');
const SEALED_V2_LEAST_LENGTH = SEALED_MAGIC_V2.length + 2 + 1 + 2 + 1 + 12 + 16;

export function isSealed(bytes: Uint8Array): boolean {
  if (bytes.length < SEALED_MAGIC.length) return false;
  const magic = Buffer.from(bytes.buffer, bytes.byteOffset, SEALED_MAGIC.length);
  if (magic.equals(SEALED_MAGIC)) return bytes.length >= SEALED_HEADER_LENGTH;
  return magic.equals(SEALED_MAGIC_V2) && bytes.length >= SEALED_V2_LEAST_LENGTH;
}

/**
 * Refuses any part that is not sealed (never a file in clear). Backends also check that the lead
 * and file ids are safe names (the ports' `checkDocumentId`).
 */
export function checkSealed(leadId: string, file: SealedFile): void {
  if (!isSealed(file.meta) || !isSealed(file.content))
    throw new Error(
      `lead file ${leadId}/${file.id} is not sealed: refused (documents are kept encrypted only)`,
    );
}

/**
 * The key-wrapping port: what encrypts each document's own key (envelope encryption,
 * src/documents/envelope.ts). Two implementations: the local one (src/documents/key-wrap.ts),
 * with DOCUMENTS_KEY, and Azure Key Vault's (`KeyVaultKeyWrapper`, src/documents/key-vault.ts, loaded only when
 * DOCUMENTS_KEY_VAULT_KEY_ID is set). A sealed file records `keyRef`, which wrapper and which key
 * (and version) wrapped its key, so a file still opens after the key was rotated or the wrapper
 * changed, as long as the server still has that key.
 */
export interface KeyWrapper {
  /** Wraps a new file key: the wrapped bytes, and the reference of the key that wrapped them. */
  wrap(fileKey: Buffer): Promise<{ keyRef: string; wrapped: Buffer }>;
  /** Whether a file whose key `keyRef` wrapped is this wrapper's to open. */
  owns(keyRef: string): boolean;
  /** The file key back (only for a `keyRef` this wrapper owns). */
  unwrap(keyRef: string, wrapped: Buffer): Promise<Buffer>;
}
