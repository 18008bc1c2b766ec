/**
 * The shared lead list on Azure Blob Storage (Azurite started for the run), with 10,000 leads:
 * one list request answered from the shared index (as a second instance sees it: cold, warm, and
 * right after the other instance changed a row) versus the baseline of reading every lead blob
 * per request (what a list without an index would do).
 *   npm run bench:lead-index [-- <lead count>]
 * Prints each timing and its ratio to the baseline measured in the same run.
 */
import { performance } from 'node:perf_hooks';
import { leadQueryOf, parseFilter } from '../src/staff/filters';
import { rowOf, rowsFrom } from '../src/staff/lead-index';
import { type LeadQuery } from '../src/ports/lead-list';
import { openAzureStorage } from '../src/storage/azure';
import { MemoryLeadIndex } from '../src/storage/memory/lead-index';
import { startAzurite } from '../tools/azurite/azurite';
import { syntheticLeads, time } from '../tools/bench/leads';

const count = Number(process.argv[2] ?? 10_000);
const WRITE_BATCH = 32;

function queryOf(query: Record<string, string>): LeadQuery {
  const parsed = parseFilter(query);
  if (!parsed.ok) throw new Error(parsed.message);
  return leadQueryOf(parsed.filter, '2026-11-28');
}

async function main(): Promise<void> {
  const azurite = await startAzurite();
  try {
    const settings = { connectionString: azurite.connectionString, container: 'bench-leads' };
    const writer = await openAzureStorage(settings);
    const leadNumber = syntheticLeads();
    for (let i = 0; i < count; i += WRITE_BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(WRITE_BATCH, count - i) }, async (_, j) => {
          const lead = leadNumber(i + j);
          await writer.leads.create(lead.id, lead);
        }),
      );
    }
    const buildStarted = performance.now();
    await writer.leadIndex.load(rowsFrom({ leads: writer.leads, workflow: writer.workflow }));
    const buildMs = performance.now() - buildStarted;
    console.log(`${count} leads in Azurite; the shared index built once in ${buildMs.toFixed(0)} ms`);

    const query = queryOf({ role: 'worker', q: 'prospect1', page: '2' });
    // baseline: every list request reads every lead blob
    const baseline = await time(1, async () => {
      const index = new MemoryLeadIndex();
      await index.load((await writer.leads.all()).map((lead) => rowOf(lead, 'new')));
      return index.query(query);
    });

    // another instance: its first list downloads the index blobs; later ones list their eTags
    const reader = await openAzureStorage(settings);
    const coldStarted = performance.now();
    const cold = await reader.leadIndex.query(query);
    const coldMs = performance.now() - coldStarted;
    const warm = await time(50, () => reader.leadIndex.query(query));
    let n = 0;
    const afterOtherWrite = await time(20, async () => {
      await writer.leadIndex.update(`lead-${String(n++).padStart(6, '0')}`, (row) => ({
        ...row,
        status: 'contacted',
      }));
      return reader.leadIndex.query(queryOf({}));
    });
    if (cold.total !== baseline.result.total || warm.result.total !== baseline.result.total)
      throw new Error(
        `the index and the baseline disagree: ${warm.result.total} vs ${baseline.result.total}`,
      );
    const ratio = (ms: number) => `${(baseline.ms / ms).toFixed(0)}× faster than the baseline`;
    console.log(`baseline, read every lead blob per request:  ${baseline.ms.toFixed(0)} ms per list request`);
    console.log(`shared index, an instance's first request:   ${coldMs.toFixed(0)} ms (${ratio(coldMs)})`);
    console.log(`shared index, later requests:                ${warm.ms.toFixed(1)} ms (${ratio(warm.ms)})`);
    console.log(
      `shared index, after another instance's write: ${afterOtherWrite.ms.toFixed(1)} ms, the write included (${ratio(afterOtherWrite.ms)})`,
    );
    console.log(`matches for the filtered query: ${warm.result.total}`);
  } finally {
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
