import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openFileStorage } from '../../src/storage/file';
import { openMemoryStorage } from '../../src/storage/memory';
import { describeStoreContract } from './contract';

describeStoreContract('lowdb file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-store-contract-'));
  const storage = openFileStorage(dir);
  return {
    storage,
    // a second handle on the same folder, as another server or CLI would open it
    reopen: () => ({ ...openFileStorage(dir), leadIndex: storage.leadIndex }),
    cleanup: async () => {
      await storage.transcripts.settled();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeStoreContract('in-memory', () => {
  const storage = openMemoryStorage();
  return { storage, reopen: () => storage, cleanup: () => undefined };
});
