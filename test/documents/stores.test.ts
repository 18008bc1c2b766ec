import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AzureLeadFiles } from '../../src/storage/azure/lead-files';
import { openContainer, streamBytes } from '../../src/storage/azure/blobs';
import { documentsKeyFrom } from '../../src/documents/envelope';
import { DocumentVault } from '../../src/documents/vault';
import { FileLeadFiles } from '../../src/storage/file/lead-files';
import { MemoryLeadFiles } from '../../src/storage/memory/lead-files';
import { startAzurite, type Azurite } from '../support/azurite';
import { describeLeadFilesContract } from './store-contract';
import { pdfBytes } from './samples';

describeLeadFilesContract('memory', async () => ({ files: new MemoryLeadFiles(), cleanup: () => {} }));

describeLeadFilesContract('files under DATA_DIR', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-lead-files-'));
  return {
    files: new FileLeadFiles(path.join(dir, 'documents')),
    another: new FileLeadFiles(path.join(dir, 'documents')),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

describe('on Azure Blob Storage (Azurite)', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.stop();
  });

  describeLeadFilesContract('Azure Blob (Azurite)', async () => {
    const settings = {
      connectionString: azurite.connectionString,
      container: `files-${randomBytes(6).toString('hex')}`,
    };
    const container = await openContainer(settings);
    return {
      files: new AzureLeadFiles(container),
      another: new AzureLeadFiles(await openContainer(settings)),
      cleanup: async () => void (await container.deleteIfExists()),
    };
  });
  it('keeps a PDF added through the vault with none of its plaintext in any blob', async () => {
    const container = await openContainer({
      connectionString: azurite.connectionString,
      container: `plain-${randomBytes(6).toString('hex')}`,
    });
    try {
      const key = documentsKeyFrom(randomBytes(32).toString('base64'), true)!;
      const vault = new DocumentVault(new AzureLeadFiles(container), key, {
        scan: async () => ({ clean: true }),
      });
      const info = await vault.add('lead-1', { body: pdfBytes, label: 'offer letter' });
      expect((await vault.read('lead-1', info.id))!.bytes.equals(pdfBytes)).toBe(true);
      const blobs: Buffer[] = [];
      for await (const blob of container.listBlobsFlat())
        blobs.push(
          await streamBytes((await container.getBlobClient(blob.name).download()).readableStreamBody),
        );
      // its content and metadata, sealed, and the place it holds (only its id)
      expect(blobs).toHaveLength(3);
      expect(blobs.map(String)).toContain(info.id);
      for (const bytes of blobs) {
        expect(bytes.includes(Buffer.from('%PDF'))).toBe(false);
        expect(bytes.includes(Buffer.from('Ana Perez'))).toBe(false);
      }
      expect(await vault.deleteAll('lead-1')).toBe(1);
      const left: string[] = [];
      for await (const blob of container.listBlobsFlat()) left.push(blob.name);
      expect(left).toEqual([]);
    } finally {
      await container.deleteIfExists();
    }
  });
});
