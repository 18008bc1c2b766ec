import type { ContainerClient } from '@azure/storage-blob';
import { resumeCodeSchema } from '../../channel/resume-codes';
import { leadSchema } from '../../screening/lead';
import { staffDirectorySchema } from '../../staff/accounts';
import { deletionEntrySchema } from '../../staff/audit';
import { handoffDocumentSchema } from '../../staff/handoffs';
import { sessionsDocumentSchema } from '../../staff/sessions';
import { workflowRecordSchema } from '../../staff/workflow';
import type { Storage } from '../storage';
import { AzureAppendLog } from './append-log';
import { openContainer, type AzureSettings } from './blobs';
import { AzureConversationStore } from './conversations';
import { AzureDocuments } from './documents';
import { AzureLeadIndex } from './lead-index';
import { AzureLeadFiles } from './lead-files';
import { AzureOutbox } from './outbox';
import { loadSharedSecret } from './secrets';
import { AzureTranscriptStore } from './transcripts';

export type { AzureSettings } from './blobs';

/** Every part of the Storage set in one Azure Blob Storage container (see docs/instances.md). */
export function azureStorageIn(container: ContainerClient): Storage {
  return {
    conversations: new AzureConversationStore(container),
    transcripts: new AzureTranscriptStore(container),
    leads: new AzureDocuments(container, 'leads', leadSchema),
    workflow: new AzureDocuments(container, 'workflow', workflowRecordSchema),
    handoffs: new AzureDocuments(container, 'handoffs', handoffDocumentSchema),
    resumeCodes: new AzureDocuments(container, 'resume-codes', resumeCodeSchema),
    staffDirectory: new AzureDocuments(container, 'staff-directory', staffDirectorySchema),
    sessions: new AzureDocuments(container, 'staff-sessions', sessionsDocumentSchema),
    deletions: new AzureAppendLog(container, 'deletions', deletionEntrySchema),
    outbox: new AzureOutbox(container),
    leadIndex: new AzureLeadIndex(container),
    leadFiles: new AzureLeadFiles(container),
  };
}

/**
 * The shared store (STORAGE=azure-blob): the container is created when absent; an unreachable
 * account or a bad connection string fails here, at start, with a clear message.
 */
export async function openAzureStorage(settings: AzureSettings): Promise<Storage> {
  return azureStorageIn(await openContainer(settings));
}

/** The storage set and the staff session secret shared by every instance (unless one is given). */
export async function openAzure(
  settings: AzureSettings,
  sessionSecret?: string,
): Promise<{ storage: Storage; sessionSecret: string }> {
  const container = await openContainer(settings);
  return {
    storage: azureStorageIn(container),
    sessionSecret: sessionSecret ?? (await loadSharedSecret(container, 'session-secret')),
  };
}
