import { resumeCodeSchema } from '../../channel/resume-codes';
import { leadSchema } from '../../screening/lead';
import { staffDirectorySchema } from '../../staff/accounts';
import { deletionEntrySchema } from '../../staff/audit';
import { handoffDocumentSchema } from '../../staff/handoffs';
import { sessionsDocumentSchema } from '../../staff/sessions';
import { workflowRecordSchema } from '../../staff/workflow';
import type { Storage } from '../storage';
import { MemoryAppendLog } from './append-log';
import { MemoryConversationStore } from './conversations';
import { MemoryDocuments } from './documents';
import { MemoryLeadFiles } from './lead-files';
import { MemoryLeadIndex } from './lead-index';
import { MemoryOutbox } from './outbox';
import { MemoryTranscriptStore } from './transcripts';

/** Everything in this process's memory: replays, tests, and a server that keeps nothing. */
export function openMemoryStorage(): Storage {
  return {
    conversations: new MemoryConversationStore(),
    transcripts: new MemoryTranscriptStore(),
    // leads come from `buildLead`, which has just checked them against the same schema
    leads: new MemoryDocuments(leadSchema, { trustCreate: true }),
    workflow: new MemoryDocuments(workflowRecordSchema),
    handoffs: new MemoryDocuments(handoffDocumentSchema),
    resumeCodes: new MemoryDocuments(resumeCodeSchema),
    staffDirectory: new MemoryDocuments(staffDirectorySchema),
    sessions: new MemoryDocuments(sessionsDocumentSchema),
    deletions: new MemoryAppendLog(deletionEntrySchema),
    outbox: new MemoryOutbox(),
    leadIndex: new MemoryLeadIndex(),
    leadFiles: new MemoryLeadFiles(),
  };
}
