/**
 * How the lead list scales: 10,000 leads, the list answered from the in-memory index versus the
 * baseline of reading every lead file per request (what a list without an index would do).
 *   npm run bench:staff [-- <lead count>]
 * Prints each timing and the ratio to the baseline measured in the same run.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseFilter, type LeadFilter } from '../src/staff/filters';
import { rowOf, rowsFrom } from '../src/staff/lead-index';
import { fileLayout, openFileStorage } from '../src/storage/file';
import { MemoryLeadIndex } from '../src/storage/memory/lead-index';
import { syntheticLeads, time } from '../tools/bench/leads';

const count = Number(process.argv[2] ?? 10_000);
const statuses = ['new', 'contacted', 'consultation-booked', 'retained', 'declined', 'not-eligible'] as const;

function filterOf(query: Record<string, string>): LeadFilter {
  const parsed = parseFilter(query);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.filter;
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'imp-bench-staff-'));
  const paths = fileLayout(dataDir);
  try {
    const leadNumber = syntheticLeads();
    await fs.mkdir(paths.leads, { recursive: true });
    await fs.mkdir(paths.workflow, { recursive: true });
    for (let i = 0; i < count; i += 200) {
      await Promise.all(
        Array.from({ length: Math.min(200, count - i) }, async (_, j) => {
          const n = i + j;
          const lead = leadNumber(n);
          const id = lead.id;
          await fs.writeFile(path.join(paths.leads, `${id}.json`), JSON.stringify(lead));
          const status = statuses[n % statuses.length]!;
          await fs.writeFile(
            path.join(paths.workflow, `${id}.json`),
            JSON.stringify({ leadId: id, status, updatedAt: lead.createdAt, history: [] }),
          );
        }),
      );
    }
    console.log(`${count} leads written to ${dataDir}`);

    const query = filterOf({ role: 'worker', q: 'prospect1', page: '2' });

    // baseline: every list request reads and checks every lead (and its status) from disk
    const storage = openFileStorage(dataDir);
    const { leads } = storage;
    const baseline = await time(3, async () => {
      const rows = [];
      for (const lead of await leads.all()) {
        const workflow = JSON.parse(
          await fs.readFile(path.join(paths.workflow, `${lead.id}.json`), 'utf8'),
        ) as {
          status: (typeof statuses)[number];
        };
        rows.push(rowOf(lead, workflow.status));
      }
      const index = new MemoryLeadIndex();
      await index.load(rows);
      return index.query(query);
    });

    const loadStarted = performance.now();
    const index = storage.leadIndex;
    await index.load(rowsFrom({ leads, workflow: storage.workflow }));
    const loadMs = performance.now() - loadStarted;

    const indexed = await time(1000, () => index.query(query));
    const firstPage = await time(1000, () => index.query(filterOf({})));
    const afterWrite = await time(200, async () => {
      await index.update('lead-000001', (row) => ({ ...row, status: 'contacted' })); // a write invalidates the sorted list
      return index.query(filterOf({}));
    });

    if (indexed.result.total !== baseline.result.total) {
      throw new Error(
        `the index and the baseline disagree: ${indexed.result.total} vs ${baseline.result.total}`,
      );
    }
    const ratio = (ms: number) => `${(baseline.ms / ms).toFixed(0)}× faster than the baseline`;
    console.log(`baseline, read every file per request:     ${baseline.ms.toFixed(1)} ms per list request`);
    console.log(
      `index, filtered + searched page:            ${indexed.ms.toFixed(3)} ms (${ratio(indexed.ms)})`,
    );
    console.log(
      `index, first page, no filter:               ${firstPage.ms.toFixed(3)} ms (${ratio(firstPage.ms)})`,
    );
    console.log(
      `index, first page right after a write:      ${afterWrite.ms.toFixed(3)} ms (${ratio(afterWrite.ms)})`,
    );
    console.log(
      `index load at server start (once):          ${loadMs.toFixed(0)} ms (${(loadMs / baseline.ms).toFixed(2)}× one baseline request)`,
    );
    console.log(`matches for the filtered query: ${indexed.result.total}`);
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
