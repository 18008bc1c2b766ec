/**
 * Deletes what the retention schedule says is due, once (the server also does it hourly):
 * leads and their conversations older than RETENTION_DAYS, conversations never submitted and
 * silent for ABANDONED_DAYS, and expired resume codes.   npm run purge
 */
import { loadConfig } from '../src/config';
import { ResumeCodes } from '../src/channel/resume-codes';
import { loadChannelSecret } from '../src/channel/secret';
import { createStaffStores } from '../src/staff';
import { openStorage } from '../src/open-storage';

async function main(): Promise<void> {
  const config = loadConfig();
  const { storage } = await openStorage(config);
  const resumeCodes = new ResumeCodes(
    storage.resumeCodes,
    loadChannelSecret(config.DIRECT_LINE_SECRET, config.DATA_DIR),
  );
  const { purger, loadIndex } = createStaffStores(config, {
    storage,
    // a purged website conversation loses its resume code too
    channelRecords: resumeCodes,
  });
  await loadIndex();
  const report = await purger.run();
  const codes = await resumeCodes.purgeExpired();
  console.log(
    `Purged ${report.leads} lead(s) older than ${config.RETENTION_DAYS} days, ${report.conversations} conversation(s), ` +
      `${report.transcripts} orphan transcript(s) and ${report.handoffs} handoff request(s) (abandoned after ${config.ABANDONED_DAYS} days), and ${codes} expired resume code(s).`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
