import { describeDocuments, describeEach, formatSize } from '../../src/documents/describe';

describe('how documents are mentioned in a transcript', () => {
  it('names the label, the real type and the size, never the content or file name', () => {
    expect(describeDocuments([{ label: 'offer letter', kind: 'pdf', size: 240_123 }])).toBe(
      '1 document: offer letter, PDF, 240 kB',
    );
    expect(
      describeDocuments([
        { label: 'passport', kind: 'heic', size: 2_400_000 },
        { label: '', kind: 'png', size: 300 },
      ]),
    ).toBe('2 documents: passport, HEIC, 2.4 MB; unnamed, PNG, 1 kB');
    expect(describeDocuments([])).toBe('No documents');
  });

  it('writes sizes the way people read them', () => {
    expect(formatSize(999_499)).toBe('999 kB');
    expect(formatSize(10_000_000)).toBe('10 MB');
  });
});

describe("how the bot tells the prospect what it received, in the prospect's language", () => {
  it('writes the size in French units (ko, Mo, decimal comma) for fr-CA', () => {
    const docs = [
      { label: 'offre d’emploi', kind: 'pdf' as const, size: 240_123 },
      { label: 'passeport', kind: 'jpeg' as const, size: 2_400_000 },
    ];
    expect(describeEach(docs, 'fr-CA')).toBe('offre d’emploi, PDF, 240 ko; passeport, JPEG, 2,4 Mo');
    expect(describeEach(docs, 'en-CA')).toBe('offre d’emploi, PDF, 240 kB; passeport, JPEG, 2.4 MB');
  });
});
