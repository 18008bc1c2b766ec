import { recordSchemas as schemas, type Storage } from '../../ports/storage';
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
    leads: new MemoryDocuments(schemas.leads, { trustCreate: true }),
    workflow: new MemoryDocuments(schemas.workflow),
    handoffs: new MemoryDocuments(schemas.handoffs),
    resumeCodes: new MemoryDocuments(schemas.resumeCodes),
    forgottenConversations: new MemoryDocuments(schemas.forgottenConversations),
    staffDirectory: new MemoryDocuments(schemas.staffDirectory),
    sessions: new MemoryDocuments(schemas.sessions),
    signInFailures: new MemoryDocuments(schemas.signInFailures),
    deletions: new MemoryAppendLog(schemas.deletions),
    outbox: new MemoryOutbox(),
    leadIndex: new MemoryLeadIndex(),
    leadFiles: new MemoryLeadFiles(),
    leadAccess: new MemoryDocuments(schemas.leadAccess),
  };
}
