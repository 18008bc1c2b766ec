import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { SEALED_MAGIC, SEALED_MAGIC_V2, isSealed } from '../ports/documents';
import type { KeyWrapper } from '../ports/documents';

/**
 * Envelope encryption of documents at rest: each file gets its own random 256-bit key, which
 * encrypts it with AES-256-GCM; that key is itself encrypted (wrapped), with AES-256-GCM, by the
 * documents key (DOCUMENTS_KEY). Both are bound to where the file belongs (`context`, e.g.
 * "<lead id>/<document id>"), so a file moved to another lead or document no longer opens.
 *
 * The sealed form is one buffer:
 *   "IMPDOC1\0" (8) | key id (8) | wrap IV (12) | wrapped key (32) | wrap tag (16)
 *                   | IV (12) | tag (16) | ciphertext
 * The key id (the first 8 bytes of SHA-256 of the documents key) tells a file sealed under another
 * key from a damaged one.
 *
 * That first form (IMPDOC1) is still opened with DOCUMENTS_KEY; files are now sealed in the second,
 * whose file key any key wrapper (src/documents/key-wrap.ts: DOCUMENTS_KEY, or Azure Key Vault)
 * wraps, and which records which one did:
 *   "IMPDOC2\0" (8) | key ref length (2) | key ref (UTF-8: "local:<key id>" or
 *                   "keyvault:<key identifier with its version>") | wrapped length (2) | wrapped key
 *                   | IV (12) | tag (16) | ciphertext
 * The content's authenticated data is that whole header and the context.
 */

/** The mark and header length stores check are declared with the port (src/ports/documents.ts). */
export const MAGIC = SEALED_MAGIC;
export { isSealed };
const KEY_ID = 8;
export const IV = 12;
export const TAG = 16;
const KEY = 32;

export class DocumentsKeyError extends Error {
  constructor(message: string) {
    super(`Invalid configuration: DOCUMENTS_KEY ${message}`);
    this.name = 'DocumentsKeyError';
  }
}

/** A sealed document that does not open: changed, truncated, or sealed for another place or key. */
export class TamperedDocumentError extends Error {
  constructor(reason: string) {
    super(`The document cannot be decrypted: ${reason}.`);
    this.name = 'TamperedDocumentError';
  }
}

export interface DocumentsKey {
  readonly id: Buffer;
  readonly key: Buffer;
}

const HOW = 'Make one with `openssl rand -base64 32`.';

/**
 * DOCUMENTS_KEY: 32 random bytes, written as base64 (44 characters, or 43 in base64url) or hex (64).
 * Unset: refused in production (NODE_ENV=production); elsewhere undefined, for the caller to decide.
 * A key that does not decode to 32 bytes, or is plainly not random, is refused everywhere.
 */
export function documentsKeyFrom(value: string | undefined, production: boolean): DocumentsKey | undefined {
  const text = value?.trim();
  if (!text) {
    if (production)
      throw new DocumentsKeyError(`is not set: uploaded documents are encrypted with it. ${HOW}`);
    return undefined;
  }
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(text)) key = Buffer.from(text, 'hex');
  else if (/^[A-Za-z0-9+/]{43}=$/.test(text)) key = Buffer.from(text, 'base64');
  else if (/^[A-Za-z0-9_-]{43}$/.test(text)) key = Buffer.from(text, 'base64url');
  if (!key || key.length !== KEY)
    throw new DocumentsKeyError(`must be 32 bytes, written as base64 (44 characters) or hex (64). ${HOW}`);
  // 32 random bytes hold about 30 different values; fewer than 16 is a typed or repeated pattern
  if (new Set(key).size < 16) throw new DocumentsKeyError(`is too weak (not random bytes). ${HOW}`);
  return { key, id: createHash('sha256').update(key).digest().subarray(0, KEY_ID) };
}

/** AES-256-GCM, the one cipher of the envelope and of the local key wrapper (key-wrap.ts). */
export function gcm(key: Buffer, iv: Buffer, aad: Buffer, data: Buffer): { ciphertext: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
}

export function ungcm(key: Buffer, iv: Buffer, aad: Buffer, data: Buffer, tag: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

export function seal(plaintext: Uint8Array, master: DocumentsKey, context: string): Buffer {
  const aad = Buffer.concat([MAGIC, master.id, Buffer.from(context, 'utf8')]);
  const fileKey = randomBytes(KEY);
  const wrapIv = randomBytes(IV);
  const wrapped = gcm(master.key, wrapIv, aad, fileKey);
  const iv = randomBytes(IV);
  const body = gcm(
    fileKey,
    iv,
    aad,
    Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength),
  );
  fileKey.fill(0);
  return Buffer.concat([
    MAGIC,
    master.id,
    wrapIv,
    wrapped.ciphertext,
    wrapped.tag,
    iv,
    body.tag,
    body.ciphertext,
  ]);
}

/** Whether these bytes are a sealed document (what the stores check before keeping anything). */
export function open(sealed: Uint8Array, master: DocumentsKey, context: string): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (!isSealed(bytes)) throw new TamperedDocumentError('not a sealed document');
  let at = MAGIC.length;
  const take = (length: number) => bytes.subarray(at, (at += length));
  const keyId = take(KEY_ID);
  if (!keyId.equals(master.id)) throw new TamperedDocumentError('it was sealed with another DOCUMENTS_KEY');
  const wrapIv = take(IV);
  const wrappedKey = take(KEY);
  const wrapTag = take(TAG);
  const iv = take(IV);
  const tag = take(TAG);
  const ciphertext = bytes.subarray(at);
  const aad = Buffer.concat([MAGIC, master.id, Buffer.from(context, 'utf8')]);
  let fileKey: Buffer | undefined;
  try {
    fileKey = ungcm(master.key, wrapIv, aad, wrappedKey, wrapTag);
    return ungcm(fileKey, iv, aad, ciphertext, tag);
  } catch {
    throw new TamperedDocumentError('it was changed, or belongs to another document');
  } finally {
    fileKey?.fill(0);
  }
}

/**
 * What seals and opens documents: the wrapper new files' keys are wrapped with, wrappers that
 * still open older files (the local key after moving to Key Vault), and DOCUMENTS_KEY for files in
 * the first form (IMPDOC1).
 */
export interface DocumentKeys {
  sealWith: KeyWrapper;
  openAlso?: KeyWrapper[];
  legacy?: DocumentsKey;
}

const u16 = (value: number) => {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
};

/** Seals with a fresh file key, wrapped by `keys.sealWith`, in the second form (IMPDOC2). */
export async function sealWrapped(
  plaintext: Uint8Array,
  keys: DocumentKeys,
  context: string,
): Promise<Buffer> {
  const fileKey = randomBytes(KEY);
  try {
    const { keyRef, wrapped } = await keys.sealWith.wrap(fileKey);
    const ref = Buffer.from(keyRef, 'utf8');
    const header = Buffer.concat([SEALED_MAGIC_V2, u16(ref.length), ref, u16(wrapped.length), wrapped]);
    const iv = randomBytes(IV);
    const body = gcm(
      fileKey,
      iv,
      Buffer.concat([header, Buffer.from(context, 'utf8')]),
      Buffer.from(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength),
    );
    return Buffer.concat([header, iv, body.tag, body.ciphertext]);
  } finally {
    fileKey.fill(0);
  }
}

/** Opens either form: the first with DOCUMENTS_KEY, the second with the wrapper its key ref names. */
export async function openSealed(sealed: Uint8Array, keys: DocumentKeys, context: string): Promise<Buffer> {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (!isSealed(bytes)) throw new TamperedDocumentError('not a sealed document');
  if (bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    if (!keys.legacy) throw new TamperedDocumentError('it was sealed with DOCUMENTS_KEY, which is not set');
    return open(bytes, keys.legacy, context);
  }
  let at = SEALED_MAGIC_V2.length;
  const take = (length: number) => {
    if (at + length > bytes.length) throw new TamperedDocumentError('it is truncated');
    return bytes.subarray(at, (at += length));
  };
  const keyRef = take(take(2).readUInt16BE()).toString('utf8');
  const wrapped = take(take(2).readUInt16BE());
  const header = bytes.subarray(0, at);
  const iv = take(IV);
  const tag = take(TAG);
  const ciphertext = bytes.subarray(at);
  const wrapper = [keys.sealWith, ...(keys.openAlso ?? [])].find((w) => w.owns(keyRef));
  if (!wrapper)
    throw new TamperedDocumentError(
      keyRef.startsWith('local:')
        ? 'it was sealed with another DOCUMENTS_KEY'
        : `it was sealed with a key this server does not use (${keyRef.slice(0, 200)})`,
    );
  const fileKey = await wrapper.unwrap(keyRef, wrapped);
  try {
    return ungcm(fileKey, iv, Buffer.concat([header, Buffer.from(context, 'utf8')]), ciphertext, tag);
  } catch {
    throw new TamperedDocumentError('it was changed, or belongs to another document');
  } finally {
    fileKey.fill(0);
  }
}
