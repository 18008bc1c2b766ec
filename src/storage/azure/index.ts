import type { ContainerClient } from '@azure/storage-blob';
import { recordSchemas as schemas, type Storage } from '../../ports/storage';
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
    leads: new AzureDocuments(container, 'leads', schemas.leads),
    workflow: new AzureDocuments(container, 'workflow', schemas.workflow),
    handoffs: new AzureDocuments(container, 'handoffs', schemas.handoffs),
    resumeCodes: new AzureDocuments(container, 'resume-codes', schemas.resumeCodes),
    forgottenConversations: new AzureDocuments(
      container,
      'forgotten-conversations',
      schemas.forgottenConversations,
    ),
    staffDirectory: new AzureDocuments(container, 'staff-directory', schemas.staffDirectory),
    sessions: new AzureDocuments(container, 'staff-sessions', schemas.sessions),
    signInFailures: new AzureDocuments(container, 'sign-in-failures', schemas.signInFailures),
    deletions: new AzureAppendLog(container, 'deletions', schemas.deletions),
    outbox: new AzureOutbox(container),
    leadIndex: new AzureLeadIndex(container),
    leadFiles: new AzureLeadFiles(container),
    leadAccess: new AzureDocuments(container, 'lead-access', schemas.leadAccess),
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
