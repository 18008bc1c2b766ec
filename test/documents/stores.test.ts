import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileLeadFiles } from '../../src/storage/file/lead-files';
import { MemoryLeadFiles } from '../../src/storage/memory/lead-files';
import { describeLeadFilesContract } from './store-contract';

describeLeadFilesContract('memory', async () => ({ files: new MemoryLeadFiles(), cleanup: () => {} }));

describeLeadFilesContract('files under DATA_DIR', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-lead-files-'));
  return {
    files: new FileLeadFiles(path.join(dir, 'documents')),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});
