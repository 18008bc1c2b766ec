import { randomBytes } from 'node:crypto';
import { documentsKeyFrom, seal } from '../../src/documents/envelope';
import type { LeadFiles, SealedFile } from '../../src/ports/documents';

/**
 * What every lead-files backend owes: it keeps sealed files by lead, lists and returns them,
 * deletes one or all of a lead's, and refuses anything not sealed or an unsafe id.
 */
export interface LeadFilesUnderTest {
  files: LeadFiles;
  /** Another instance on the same store, as a second server has (none for memory). */
  another?: LeadFiles;
  cleanup(): Promise<void> | void;
}

const key = documentsKeyFrom(randomBytes(32).toString('base64'), true)!;
const sealed = (id: string, text: string): SealedFile => ({
  id,
  meta: seal(Buffer.from(`{"id":"${id}"}`), key, `${id}/meta`),
  content: seal(Buffer.from(text), key, `${id}/content`),
});

export function describeLeadFilesContract(name: string, open: () => Promise<LeadFilesUnderTest>) {
  describe(`lead files contract: ${name}`, () => {
    let store: LeadFilesUnderTest;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.cleanup();
    });

    it('returns a file as it was put, and lists the lead’s files in id order without content', async () => {
      const b = sealed('doc-b', 'second');
      const a = sealed('doc-a', 'first');
      await store.files.put('lead-1', b);
      await store.files.put('lead-1', a);
      const got = await store.files.get('lead-1', 'doc-a');
      expect(got?.content.equals(a.content)).toBe(true);
      expect(got?.meta.equals(a.meta)).toBe(true);
      const listed = await store.files.list('lead-1');
      expect(listed.map((f) => f.id)).toEqual(['doc-a', 'doc-b']);
      expect(listed[1]!.meta.equals(b.meta)).toBe(true);
      expect(listed[0]).not.toHaveProperty('content');
    });

    it('keeps each lead’s files apart', async () => {
      await store.files.put('lead-1', sealed('doc-a', 'one'));
      expect(await store.files.get('lead-2', 'doc-a')).toBeUndefined();
      expect(await store.files.list('lead-2')).toEqual([]);
    });

    it('deletes one file, then all of a lead’s, saying what there was', async () => {
      await store.files.put('lead-1', sealed('doc-a', 'one'));
      await store.files.put('lead-1', sealed('doc-b', 'two'));
      await store.files.put('lead-2', sealed('doc-c', 'three'));
      expect(await store.files.delete('lead-1', 'doc-a')).toBe(true);
      expect(await store.files.delete('lead-1', 'doc-a')).toBe(false);
      expect(await store.files.deleteAll('lead-1')).toBe(1);
      expect(await store.files.list('lead-1')).toEqual([]);
      expect(await store.files.get('lead-1', 'doc-b')).toBeUndefined();
      expect(await store.files.deleteAll('lead-1')).toBe(0);
      expect((await store.files.list('lead-2')).map((f) => f.id)).toEqual(['doc-c']);
    });

    it('keeps at most `limit` files of a lead when adds run at once, and a deleted file frees its place', async () => {
      const ids = Array.from({ length: 8 }, (_, i) => `doc-${i}`);
      const stores = [store.files, store.another ?? store.files];
      const kept = await Promise.all(ids.map((id, i) => stores[i % 2]!.add('lead-1', sealed(id, id), 5)));
      expect(kept.filter(Boolean)).toHaveLength(5);
      const listed = (await store.files.list('lead-1')).map((f) => f.id);
      expect(listed).toEqual(ids.filter((_, i) => kept[i]));
      expect(await store.files.add('lead-2', sealed('doc-x', 'x'), 5)).toBe(true);

      expect(await store.files.delete('lead-1', listed[0]!)).toBe(true);
      expect(await store.files.add('lead-1', sealed('doc-new', 'new'), 5)).toBe(true);
      expect(await store.files.add('lead-1', sealed('doc-more', 'more'), 5)).toBe(false);
      expect(await store.files.list('lead-1')).toHaveLength(5);
      await store.files.deleteAll('lead-1');
      expect(await store.files.add('lead-1', sealed('doc-again', 'again'), 5)).toBe(true);
    });

    it('refuses a file in clear, and ids that are not safe names', async () => {
      const clear = { id: 'doc-a', meta: Buffer.from('{}'), content: Buffer.from('%PDF-1.4 secret') };
      await expect(store.files.put('lead-1', clear)).rejects.toThrow(/not sealed/);
      await expect(store.files.put('lead-1', { ...sealed('doc-a', 'x'), meta: clear.meta })).rejects.toThrow(
        /not sealed/,
      );
      await expect(store.files.put('../etc', sealed('doc-a', 'x'))).rejects.toThrow(/not a document id/);
      await expect(store.files.put('lead-1', sealed('../../x', 'x'))).rejects.toThrow(/not a document id/);
      expect(await store.files.list('lead-1')).toEqual([]);
    });
  });
}
