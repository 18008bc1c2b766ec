import { leadSchema, type Lead } from '../screening/lead-schema';
import type { LeadFiles } from './documents';
import { leadAccessSchema, type LeadAccessRecord } from './lead-access';
import { deletionEntrySchema, type DeletionEntry } from './deletions';
import { handoffDocumentSchema, type HandoffDocument } from './handoffs';
import type { LeadIndex } from './lead-list';
import type { OutboxRepository } from './outbox';
import { resumeCodeSchema, type ResumeCodeRecord } from './resume-codes';
import { sessionsDocumentSchema, type SessionsDocument } from './sessions';
import { staffDirectorySchema, type StaffDirectoryDocument } from './staff-directory';
import type { AppendLog, ConversationStore, Documents } from './store';
import { forgottenConversationSchema, type ForgottenConversation } from './forgotten-conversations';
import { signInFailuresSchema, type SignInFailures } from './sign-in-failures';
import type { TranscriptStore } from './transcripts';
import { workflowRecordSchema, type WorkflowRecord } from './workflow';

/**
 * Everything the system keeps, as one set of repositories. A backend is one folder that builds
 * this: src/storage/file/ (files under DATA_DIR: lowdb documents and conversation logs, the default), src/storage/azure/ (one Azure
 * Blob Storage container shared by several instances, STORAGE=azure-blob) and src/storage/memory/
 * (in-process replays and tests). The server's wiring picks one; nothing else knows which.
 */
export interface Storage {
  /** Conversation state, with eTag concurrency (botbuilder's `Storage` shape). */
  conversations: ConversationStore;
  transcripts: TranscriptStore;
  leads: Documents<Lead>;
  /** The firm's workflow status, notes and history per lead id. */
  workflow: Documents<WorkflowRecord>;
  /** "Talk to a person" requests, one document per intake id. */
  handoffs: Documents<HandoffDocument>;
  /** The website's resume codes, by the hash of the code. */
  resumeCodes: Documents<ResumeCodeRecord>;
  /** Website conversations deleted on a privacy request, by a hash of the id: their tokens are refused. */
  forgottenConversations: Documents<ForgottenConversation>;
  /** Staff accounts and API tokens (one document). */
  staffDirectory: Documents<StaffDirectoryDocument>;
  /** Open staff sessions (one document). */
  sessions: Documents<SessionsDocument>;
  /** Recent failed staff sign-ins per account and per address (by a hash), shared by every instance. */
  signInFailures: Documents<SignInFailures>;
  /** The deletion log: ids and reasons only. */
  deletions: AppendLog<DeletionEntry>;
  outbox: OutboxRepository;
  /** The lead list's filter/sort/page. */
  leadIndex: LeadIndex;
  /** The documents prospects attached, sealed (src/documents/), by lead. */
  leadFiles: LeadFiles;
  /** Who viewed each lead and downloaded its documents (src/staff/access-log.ts). */
  leadAccess: Documents<LeadAccessRecord>;
}

/**
 * The schema each collection of documents (and the deletion log) is checked by on the way in and
 * out: one table every backend opens its collections with.
 */
export const recordSchemas = {
  leads: leadSchema,
  workflow: workflowRecordSchema,
  handoffs: handoffDocumentSchema,
  resumeCodes: resumeCodeSchema,
  staffDirectory: staffDirectorySchema,
  sessions: sessionsDocumentSchema,
  forgottenConversations: forgottenConversationSchema,
  signInFailures: signInFailuresSchema,
  deletions: deletionEntrySchema,
  leadAccess: leadAccessSchema,
} as const;
