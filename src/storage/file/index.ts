import path from 'node:path';
import { recordSchemas as schemas, type Storage } from '../../ports/storage';
import { JsonLinesLog } from './append-log';
import { FileConversationStore } from './conversations';
import { FileDocuments } from './documents';
import { FileLeadIndex } from './lead-index';
import { FileOutbox } from './outbox';
import { FileLeadFiles } from './lead-files';
import { FileTranscriptStore } from './transcripts';

export { loadSessionSecret } from './secrets';

/** Where each part lives under DATA_DIR (the layout existing data folders already have). */
export function fileLayout(dataDir: string) {
  const staff = path.join(dataDir, 'staff');
  return {
    conversations: path.join(dataDir, 'conversations'),
    transcripts: path.join(dataDir, 'transcripts'),
    leads: path.join(dataDir, 'leads'),
    resumeCodes: path.join(dataDir, 'resume-codes'),
    forgottenConversations: path.join(dataDir, 'forgotten-conversations'),
    outbox: path.join(dataDir, 'outbox'),
    staff,
    workflow: path.join(staff, 'workflow'),
    handoffs: path.join(staff, 'handoffs'),
    /** `accounts.json` and `sessions.json`: one document each. */
    staffDocuments: staff,
    deletions: path.join(staff, 'deletions.jsonl'),
    signInFailures: path.join(staff, 'sign-in-failures'),
    /** Who viewed each lead and downloaded its documents. */
    leadAccess: path.join(staff, 'lead-access'),
    /**
     * The lead list's rows, saved for the next start (a cache, see ./lead-index.ts): with the
     * leads, whose names and emails they repeat; a folder, so not taken for a lead.
     */
    leadRows: path.join(dataDir, 'leads', '.rows'),
    /** The documents prospects attached: sealed only (see src/documents/). */
    documents: path.join(dataDir, 'documents'),
  };
}

export interface FileStorageOptions {
  /**
   * STORAGE_FSYNC=1: every write is flushed to the disk before it is acknowledged (fdatasync of
   * the file, fsync of its folder), so an acknowledged turn survives a power loss, not only a
   * killed process. Off by default: a write is in the kernel before the reply is sent either way.
   */
  durable?: boolean;
}

/** The default store: JSON files under DATA_DIR, one file per document, each replaced atomically. */
export function openFileStorage(dataDir: string, options: FileStorageOptions = {}): Storage {
  const where = fileLayout(dataDir);
  const durable = options.durable ?? fsyncSetting(process.env.STORAGE_FSYNC);
  const leads = new FileDocuments(where.leads, schemas.leads, { durable });
  return {
    conversations: new FileConversationStore(where.conversations, { durable }),
    transcripts: new FileTranscriptStore(where.transcripts),
    leads,
    workflow: new FileDocuments(where.workflow, schemas.workflow, { durable }),
    handoffs: new FileDocuments(where.handoffs, schemas.handoffs, { durable }),
    resumeCodes: new FileDocuments(where.resumeCodes, schemas.resumeCodes, { durable }),
    forgottenConversations: new FileDocuments(where.forgottenConversations, schemas.forgottenConversations, {
      durable,
    }),
    staffDirectory: new FileDocuments(where.staffDocuments, schemas.staffDirectory, { mode: 0o600, durable }),
    sessions: new FileDocuments(where.staffDocuments, schemas.sessions, { mode: 0o600, durable }),
    signInFailures: new FileDocuments(where.signInFailures, schemas.signInFailures, { mode: 0o600 }),
    deletions: new JsonLinesLog(where.deletions, schemas.deletions),
    outbox: new FileOutbox(where.outbox, { durable }),
    leadIndex: new FileLeadIndex({
      folder: where.leadRows,
      hasLead: (id) => leads.exists(id),
    }),
    leadFiles: new FileLeadFiles(where.documents),
    leadAccess: new FileDocuments(where.leadAccess, schemas.leadAccess, { durable }),
  };
}

/** STORAGE_FSYNC: 1/true flushes every write to the disk, 0/false or unset does not; anything else is refused. */
export function fsyncSetting(value: string | undefined): boolean {
  const setting = (value ?? '').trim().toLowerCase();
  if (setting === '' || setting === '0' || setting === 'false') return false;
  if (setting === '1' || setting === 'true') return true;
  throw new Error(`Invalid configuration: STORAGE_FSYNC: 1 or 0 (true or false), not "${value}"`);
}
