import type { Config } from './config';
import { loadSessionSecret, openFileStorage } from './storage/file';
import type { Storage } from './ports/storage';

export type StorageSettings = Pick<
  Config,
  'STORAGE' | 'DATA_DIR' | 'SESSION_SECRET' | 'AZURE_STORAGE_CONNECTION_STRING' | 'AZURE_STORAGE_CONTAINER'
>;

/**
 * The storage STORAGE selects, with the staff session secret kept beside it: lowdb files under
 * DATA_DIR (the default), or one Azure Blob Storage container shared by every instance.
 */
export async function openStorage(
  settings: StorageSettings,
): Promise<{ storage: Storage; sessionSecret: string }> {
  if (settings.STORAGE === 'azure-blob') {
    // Loaded only here: the Azure SDK adds megabytes to every process that loads it, and a
    // server on the file store (the default) never uses it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { openAzure } = require('./storage/azure') as typeof import('./storage/azure');
    return openAzure(
      {
        connectionString: settings.AZURE_STORAGE_CONNECTION_STRING!,
        container: settings.AZURE_STORAGE_CONTAINER,
      },
      settings.SESSION_SECRET,
    );
  }
  return {
    storage: openFileStorage(settings.DATA_DIR),
    sessionSecret: loadSessionSecret(settings.DATA_DIR, settings.SESSION_SECRET),
  };
}
