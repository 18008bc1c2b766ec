/**
 * Deletes what the retention schedule says is due, once (the server also does it hourly):
 * leads and their conversations older than RETENTION_DAYS, conversations never submitted and
 * silent for ABANDONED_DAYS.   npm run purge
 */
import { loadConfig } from '../src/config';
import { createStaffStores } from '../src/staff';
import { openFileStorage } from '../src/storage/file';

async function main(): Promise<void> {
  const config = loadConfig();
  const { purger, loadIndex } = createStaffStores(config, { storage: openFileStorage(config.DATA_DIR) });
  await loadIndex();
  const report = await purger.run();
  console.log(
    `Purged ${report.leads} lead(s) older than ${config.RETENTION_DAYS} days, ${report.conversations} conversation(s), ` +
      `${report.transcripts} orphan transcript(s) and ${report.handoffs} handoff request(s) (abandoned after ${config.ABANDONED_DAYS} days).`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
