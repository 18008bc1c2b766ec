import path from 'node:path';
import { resumeCodeSchema } from '../../channel/resume-codes';
import { leadSchema } from '../../screening/lead';
import { staffDirectorySchema } from '../../staff/accounts';
import { deletionEntrySchema } from '../../staff/audit';
import { handoffDocumentSchema } from '../../staff/handoffs';
import { sessionsDocumentSchema } from '../../staff/sessions';
import { workflowRecordSchema } from '../../staff/workflow';
import { MemoryLeadIndex } from '../memory/lead-index';
import type { Storage } from '../storage';
import { JsonLinesLog } from './append-log';
import { FileConversationStore } from './conversations';
import { FileDocuments } from './documents';
import { FileOutbox } from './outbox';
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
    outbox: path.join(dataDir, 'outbox'),
    staff,
    workflow: path.join(staff, 'workflow'),
    handoffs: path.join(staff, 'handoffs'),
    /** `accounts.json` and `sessions.json`: one document each. */
    staffDocuments: staff,
    deletions: path.join(staff, 'deletions.jsonl'),
  };
}

/** The default store: lowdb JSON files under DATA_DIR, one file per document. */
export function openFileStorage(dataDir: string): Storage {
  const where = fileLayout(dataDir);
  return {
    conversations: new FileConversationStore(where.conversations),
    transcripts: new FileTranscriptStore(where.transcripts),
    leads: new FileDocuments(where.leads, leadSchema),
    workflow: new FileDocuments(where.workflow, workflowRecordSchema),
    handoffs: new FileDocuments(where.handoffs, handoffDocumentSchema),
    resumeCodes: new FileDocuments(where.resumeCodes, resumeCodeSchema),
    staffDirectory: new FileDocuments(where.staffDocuments, staffDirectorySchema, { mode: 0o600 }),
    sessions: new FileDocuments(where.staffDocuments, sessionsDocumentSchema, { mode: 0o600 }),
    deletions: new JsonLinesLog(where.deletions, deletionEntrySchema),
    outbox: new FileOutbox(where.outbox),
    leadIndex: new MemoryLeadIndex(),
  };
}
