import type { DeletionEntry } from '../staff/audit';
import type { HandoffDocument } from '../staff/handoffs';
import type { LeadIndex } from '../staff/lead-index';
import type { ResumeCodeRecord } from '../channel/resume-codes';
import type { OutboxRepository } from '../notify/outbox';
import type { Lead } from '../screening/lead';
import type { StaffDirectoryDocument } from '../staff/accounts';
import type { SessionsDocument } from '../staff/sessions';
import type { WorkflowRecord } from '../staff/workflow';
import type { LeadFiles } from '../documents/store';
import type { AppendLog, ConversationStore, Documents } from './ports';
import type { TranscriptStore } from './transcripts';

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
  /** Staff accounts and API tokens (one document). */
  staffDirectory: Documents<StaffDirectoryDocument>;
  /** Open staff sessions (one document). */
  sessions: Documents<SessionsDocument>;
  /** The deletion log: ids and reasons only. */
  deletions: AppendLog<DeletionEntry>;
  outbox: OutboxRepository;
  /** The lead list's filter/sort/page. */
  leadIndex: LeadIndex;
  /** The documents prospects attached, sealed (src/documents/), by lead. */
  leadFiles: LeadFiles;
}
