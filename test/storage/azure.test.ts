import { randomBytes } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { openAzureStorage } from '../../src/storage/azure';
import { startAzurite, type Azurite } from '../support/azurite';
import { describeStoreContract, row } from './contract';

/** One Azurite for the file (its data in a temp folder), a fresh container for each test. */
let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

describeStoreContract('Azure Blob (Azurite)', async () => {
  const settings = {
    connectionString: azurite.connectionString,
    container: `contract-${randomBytes(6).toString('hex')}`,
  };
  const storage = await openAzureStorage(settings);
  // a second handle as another instance opens it: its own clients and caches, the same container
  const other = await openAzureStorage(settings);
  return {
    storage,
    reopen: () => other,
    cleanup: async () => {
      await storage.transcripts.settled();
      await BlobServiceClient.fromConnectionString(settings.connectionString)
        .getContainerClient(settings.container)
        .deleteIfExists();
    },
  };
});

describe('the shared lead index (Azurite)', () => {
  it('a second instance building the index keeps the rows another instance added meanwhile', async () => {
    const settings = {
      connectionString: azurite.connectionString,
      container: `index-${randomBytes(6).toString('hex')}`,
    };
    const first = await openAzureStorage(settings);
    const second = await openAzureStorage(settings);
    try {
      await first.leadIndex.load([]);
      await first.leadIndex.upsert(row('lead-added-meanwhile'));
      // the second instance started on the empty container too, and builds from no lead
      await second.leadIndex.load([row('lead-it-read')]);
      expect((await first.leadIndex.select({})).map((r) => r.id).sort()).toEqual([
        'lead-added-meanwhile',
        'lead-it-read',
      ]);
    } finally {
      await BlobServiceClient.fromConnectionString(settings.connectionString)
        .getContainerClient(settings.container)
        .deleteIfExists();
    }
  });
});
