import { randomBytes } from 'node:crypto';
import { documentsKeyFrom, open, seal, TamperedDocumentError } from '../../src/documents/envelope';
import { pdfBytes } from './samples';

const keyText = randomBytes(32).toString('base64');
const key = documentsKeyFrom(keyText, true)!;

describe('DOCUMENTS_KEY', () => {
  it('accepts 32 random bytes as base64, base64url or hex', () => {
    const bytes = randomBytes(32);
    for (const text of [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')])
      expect(documentsKeyFrom(text, true)!.key.equals(bytes)).toBe(true);
  });

  it('is required in production, naming the variable', () => {
    expect(() => documentsKeyFrom(undefined, true)).toThrow(/DOCUMENTS_KEY is not set/);
    expect(() => documentsKeyFrom('  ', true)).toThrow(/DOCUMENTS_KEY/);
    expect(documentsKeyFrom(undefined, false)).toBeUndefined();
  });

  it('refuses a key of the wrong length or that is not random', () => {
    expect(() => documentsKeyFrom('secret', false)).toThrow(/DOCUMENTS_KEY must be 32 bytes/);
    expect(() => documentsKeyFrom(randomBytes(16).toString('hex'), false)).toThrow(/DOCUMENTS_KEY/);
    expect(() => documentsKeyFrom('00'.repeat(32), false)).toThrow(/DOCUMENTS_KEY is too weak/);
    expect(() =>
      documentsKeyFrom(Buffer.from('passwordpasswordpasswordpassword').toString('base64'), true),
    ).toThrow(/too weak/);
  });
});

describe('sealing a document (AES-256-GCM, a per-file key wrapped by DOCUMENTS_KEY)', () => {
  const context = 'lead-1/doc-1/content';

  it('opens what it sealed', () => {
    expect(open(seal(pdfBytes, key, context), key, context).equals(pdfBytes)).toBe(true);
  });

  it('holds none of the plaintext, and seals the same file differently each time', () => {
    const sealed = seal(pdfBytes, key, context);
    expect(sealed.includes(pdfBytes.subarray(0, 16))).toBe(false);
    expect(sealed.includes(Buffer.from('Ana Perez'))).toBe(false);
    expect(sealed.includes(Buffer.from('%PDF'))).toBe(false);
    expect(seal(pdfBytes, key, context).equals(sealed)).toBe(false);
  });

  it('detects any changed byte: in the content, the wrapped key, or the tags', () => {
    const sealed = seal(pdfBytes, key, context);
    for (const at of [20, 40, 70, 90, sealed.length - 1]) {
      const changed = Buffer.from(sealed);
      changed[at]! ^= 0x01;
      expect(() => open(changed, key, context)).toThrow(TamperedDocumentError);
    }
    expect(() => open(sealed.subarray(0, sealed.length - 10), key, context)).toThrow(TamperedDocumentError);
  });

  it('does not open for another lead or document, or under another key', () => {
    const sealed = seal(pdfBytes, key, context);
    expect(() => open(sealed, key, 'lead-2/doc-1/content')).toThrow(TamperedDocumentError);
    const other = documentsKeyFrom(randomBytes(32).toString('hex'), true)!;
    expect(() => open(sealed, other, context)).toThrow(/another DOCUMENTS_KEY/);
  });
});
