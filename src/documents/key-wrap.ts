import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TamperedDocumentError, type DocumentsKey } from './envelope';
import type { KeyWrapper } from '../ports/documents';

const IV = 12;
const TAG = 16;

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
    const cipher = createCipheriv('aes-256-gcm', this.key.key, iv);
    cipher.setAAD(Buffer.from(this.keyRef, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(fileKey), cipher.final()]);
    return { keyRef: this.keyRef, wrapped: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]) };
  }

  owns(keyRef: string): boolean {
    return keyRef === this.keyRef;
  }

  async unwrap(keyRef: string, wrapped: Buffer): Promise<Buffer> {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key.key, wrapped.subarray(0, IV));
      decipher.setAAD(Buffer.from(keyRef, 'utf8'));
      decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG));
      return Buffer.concat([decipher.update(wrapped.subarray(IV, wrapped.length - TAG)), decipher.final()]);
    } catch {
      throw new TamperedDocumentError('its wrapped key was changed');
    }
  }
}
