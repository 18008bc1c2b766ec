import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IntakeEngine } from '../src/intake/conversation';
import { loadFlows } from '../src/intake/flows';
import { IntakeService } from '../src/service/intake-service';
import { FileConversationStore } from '../src/storage/file/conversations';

/**
 * Shows that a turn's cost does not grow with the number of stored conversations: the same
 * conversations are timed against an empty store (the baseline) and against a store already
 * holding many conversations. Usage: npm run bench:turns -- [stored=5000] [turns=400]
 */

const stored = Number(process.argv[2] ?? 5000);
const turns = Number(process.argv[3] ?? 400);
const script = ['hello', 'yes', "I'm a Canadian employer", 'Acme Inc.', 'BC', '123456789', 'no'];

async function timeTurns(service: IntakeService, label: string): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < turns; i++) {
    await service.receive(
      `bench/conversations/${label}-${Math.floor(i / script.length)}`,
      script[i % script.length]!,
      'en-CA',
    );
  }
  return Number(process.hrtime.bigint() - started) / 1e6 / turns;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-bench-'));
  try {
    const engine = new IntakeEngine(loadFlows());
    const storage = new FileConversationStore(dir);
    const service = new IntakeService(engine, storage, { submitted: async () => undefined });
    await timeTurns(service, 'warmup');
    const baseline = await timeTurns(service, 'empty');

    const filler = (await storage.read(['bench/conversations/empty-0']))['bench/conversations/empty-0']!;
    for (let i = 0; i < stored; i++)
      await storage.write({ [`filler/conversations/${i}`]: { ...filler, eTag: '*' } });
    const loaded = await timeTurns(service, 'loaded');

    console.log(`turn with an empty store:            ${baseline.toFixed(2)} ms (baseline)`);
    console.log(`turn with ${stored} stored conversations: ${loaded.toFixed(2)} ms`);
    console.log(`ratio: ${(loaded / baseline).toFixed(2)} (1.00 = no growth)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
