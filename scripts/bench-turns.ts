import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IntakeEngine } from '../src/intake/conversation';
import { loadFlows } from '../src/intake/flows';
import { IntakeService } from '../src/service/intake-service';
import { openAzureStorage } from '../src/storage/azure';
import { FileConversationStore } from '../src/storage/file/conversations';
import type { ConversationStore } from '../src/ports/store';
import { startAzurite } from '../tools/azurite/azurite';

/**
 * Shows that a turn's cost does not grow with the number of stored conversations: the same
 * conversations are timed against an empty store (the baseline) and against a store already
 * holding many conversations.
 *
 *   npm run bench:turns -- [stored=5000] [turns=400]
 *   npm run bench:turns -- --storage azure-blob [stored=10000] [turns=400]
 *
 * With `--storage azure-blob`, the file store and Azure Blob Storage (on an Azurite started for
 * the run, its data in a temporary folder) are measured in the same run, one after the other.
 */

const args = process.argv.slice(2);
const storageAt = args.indexOf('--storage');
const storage = storageAt >= 0 ? args.splice(storageAt, 2)[1] : 'file';
if (storage !== 'file' && storage !== 'azure-blob') {
  console.error('--storage is file or azure-blob');
  process.exit(2);
}
const stored = Number(args[0] ?? (storage === 'azure-blob' ? 10_000 : 5000));
const turns = Number(args[1] ?? 400);
const script = ['hello', 'yes', "I'm a Canadian employer", 'Acme Inc.', 'BC', '123456789', 'no'];
/** Filler conversations written at once (the store is filled as fast as it takes writes). */
const FILL_BATCH = 32;

/** Rounds of turns timed on each store, alternately: a change of load on the machine hits both. */
const ROUNDS = 8;

async function timeTurns(service: IntakeService, label: string, count: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    await service.receive(
      `bench/conversations/${label}-${Math.floor(i / script.length)}`,
      script[i % script.length]!,
      'en-CA',
    );
  }
  return Number(process.hrtime.bigint() - started) / 1e6 / count;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Measure {
  name: string;
  empty: number;
  loaded: number;
}

/**
 * Two stores of one kind: one left empty, one filled with `stored` conversations first. The same
 * turns are then timed on each in alternating rounds; each figure is the median round.
 */
async function measure(name: string, empty: ConversationStore, loaded: ConversationStore): Promise<Measure> {
  const engine = new IntakeEngine(loadFlows());
  const serviceOf = (store: ConversationStore) =>
    new IntakeService(engine, store, { submitted: async () => undefined });
  const onEmpty = serviceOf(empty);
  const onLoaded = serviceOf(loaded);
  await timeTurns(onLoaded, 'warmup', script.length);
  const filler = (await loaded.read(['bench/conversations/warmup-0']))['bench/conversations/warmup-0']!;
  for (let i = 0; i < stored; i += FILL_BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(FILL_BATCH, stored - i) }, (_, j) =>
        loaded.write({ [`filler/conversations/${i + j}`]: { ...filler, eTag: '*' } }),
      ),
    );
  }
  await timeTurns(onEmpty, 'warmup', script.length);
  const perRound = Math.max(script.length, Math.round(turns / ROUNDS));
  const times = { empty: [] as number[], loaded: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['empty', 'loaded'] as const) : (['loaded', 'empty'] as const);
    for (const which of order)
      times[which].push(await timeTurns(which === 'empty' ? onEmpty : onLoaded, `r${round}`, perRound));
  }
  return { name, empty: median(times.empty), loaded: median(times.loaded) };
}

function report(results: Measure[]): void {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(
    `per-turn latency (median of ${ROUNDS} alternating rounds, ${turns} sequential turns per store), empty store vs ${stored} stored conversations`,
  );
  for (const r of results) {
    console.log(
      `${r.name.padEnd(width)}  empty ${r.empty.toFixed(2).padStart(7)} ms   ` +
        `${stored} stored ${r.loaded.toFixed(2).padStart(7)} ms   ratio ${(r.loaded / r.empty).toFixed(2)} (1.00 = no growth)`,
    );
  }
  if (results.length > 1) {
    const [file, other] = results as [Measure, Measure];
    console.log(`${other.name} / ${file.name} (empty stores): ${(other.empty / file.empty).toFixed(2)}`);
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-bench-'));
  const results: Measure[] = [];
  try {
    results.push(
      await measure(
        'file (lowdb)',
        new FileConversationStore(path.join(dir, 'empty')),
        new FileConversationStore(path.join(dir, 'loaded')),
      ),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (storage === 'azure-blob') {
    const azurite = await startAzurite();
    try {
      const container = async (name: string) =>
        (await openAzureStorage({ connectionString: azurite.connectionString, container: name }))
          .conversations;
      results.push(
        await measure('azure-blob (Azurite)', await container('empty'), await container('loaded')),
      );
    } finally {
      await azurite.stop();
    }
  }
  report(results);
}

void main();
