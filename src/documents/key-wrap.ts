import { randomBytes } from 'node:crypto';
import { gcm, IV, TAG, TamperedDocumentError, ungcm, type DocumentsKey } from './envelope';
import type { KeyWrapper } from '../ports/documents';

/**
 * The key-wrapping port's local implementation (the port: `KeyWrapper`, src/ports/documents.ts;
 * Azure Key Vault's is src/documents/key-vault.ts). DOCUMENTS_KEY wraps file keys here, with AES-256-GCM: wrapped = IV | ciphertext | tag, the key
 * reference ("local:" and the key's id, the first 8 bytes of its SHA-256) authenticated with it.
 */
export class LocalKeyWrapper implements KeyWrapper {
  readonly keyRef: string;

  constructor(private readonly key: DocumentsKey) {
    this.keyRef = `local:${key.id.toString('hex')}`;
  }

  async wrap(fileKey: Buffer): Promise<{ keyRef: string; wrapped: Buffer }> {
    const iv = randomBytes(IV);
    const { ciphertext, tag } = gcm(this.key.key, iv, Buffer.from(this.keyRef, 'utf8'), fileKey);
    return { keyRef: this.keyRef, wrapped: Buffer.concat([iv, ciphertext, tag]) };
  }

  owns(keyRef: string): boolean {
    return keyRef === this.keyRef;
  }

  async unwrap(keyRef: string, wrapped: Buffer): Promise<Buffer> {
    try {
      return ungcm(
        this.key.key,
        wrapped.subarray(0, IV),
        Buffer.from(keyRef, 'utf8'),
        wrapped.subarray(IV, wrapped.length - TAG),
        wrapped.subarray(wrapped.length - TAG),
      );
    } catch {
      throw new TamperedDocumentError('its wrapped key was changed');
    }
  }
}
