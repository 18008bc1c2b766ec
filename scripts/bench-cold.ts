/**
 * What a turn's steps cost when the CPU's caches hold none of their code or data, as on a server
 * where every request runs through the SDK, express, the engine and the stores in turn, against
 * what they cost run back to back (the way a micro-benchmark, or `bench:replay`'s engine
 * baseline, runs them). Each step runs on the corpus's real activities (test/transcripts), in
 * rounds: once hot (the same step over and over), once with the caches evicted before each call
 * (32 MB written between calls). Prints the median µs of each and their ratio.
 *
 *   npm run bench:cold [-- --calls 3000]
 *
 * Why it matters: docs/performance.md ("Why a turn costs more in the server than in a loop").
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Activity } from '@microsoft/agents-activity';
import type { Request, Response } from 'express';
import { checkActivity } from '../src/http/activity-check';
import { IntakeEngine, type StoredConversation } from '../src/intake/conversation';
import { loadFlows } from '../src/intake/flows';
import { Redaction } from '../src/intake/redaction';
import { benchDependencies, runEngine, type EngineTurn } from '../tools/replay/engine-corpus';
import { activityToSend, collectScriptFiles, readScript } from '../tools/replay/script';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '3000' } } });
const CALLS = Number(values.calls);

const flows = loadFlows();
const redaction = new Redaction(flows);
const engine = new IntakeEngine(flows);
const scripts = collectScriptFiles(['test/transcripts']).map(readScript);

/** Every prospect activity of the corpus as /api/messages receives it (bench:load's bodies). */
const bodies = scripts.flatMap((script) =>
  script.turns.map((turn) => {
    const { timestamp: _timestamp, ...rest } = activityToSend(turn.user, redaction);
    return JSON.stringify({
      ...rest,
      id: 'bench-1',
      channelId: 'emulator',
      conversation: { id: 'bench' },
      serviceUrl: 'http://127.0.0.1:9/bench',
      deliveryMode: 'expectReplies',
    });
  }),
);

/** Every message turn of the corpus with the state it starts from, for the engine. */
const engineTurns: EngineTurn[] = [];
// a parsed copy of each state, as the store hands out after a restart (no live snapshot to reuse)
runEngine(engine, scripts, redaction, ({ state, text, locale }) =>
  engineTurns.push({
    state: state && (JSON.parse(JSON.stringify(state)) as StoredConversation),
    text,
    locale,
  }),
);
const deps = benchDependencies();

const res = { status: () => res, json: () => res } as unknown as Response;
const steps: [string, (i: number) => void][] = [
  [
    'activity check (zod 4, ours)',
    (i) => checkActivity({ body: JSON.parse(bodies[i % bodies.length]!) } as Request, res, () => undefined),
  ],
  ["the SDK's reading of it (zod 3)", (i) => Activity.fromObject(JSON.parse(bodies[i % bodies.length]!))],
  [
    'engine turn (restore, XState, reply)',
    (i) => {
      const turn = engineTurns[i % engineTurns.length]!;
      engine.handle(turn.state, turn.text, deps, turn.locale);
    },
  ],
  ['JSON.parse alone (in both rows above)', (i) => JSON.parse(bodies[i % bodies.length]!)],
];

const junk = new Float64Array(4 * 1024 * 1024); // 32 MB: more than this machine's caches
function evictCaches(): void {
  for (let j = 0; j < junk.length; j += 8) junk[j]! += 1; // one write per 64-byte line
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function measure(run: (i: number) => void, cold: boolean): number {
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    if (cold) evictCaches();
    const started = process.hrtime.bigint();
    run(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return median(samples);
}

console.log(
  `median µs per call, ${CALLS} calls each, hot (back to back) and with the caches evicted before each call`,
);
for (const [name, run] of steps) {
  measure(run, false); // warm-up: compiled and optimized before either measurement
  const hot = measure(run, false);
  const cold = measure(run, true);
  console.log(
    `${name.padEnd(40)} hot ${hot.toFixed(1).padStart(6)}   cold ${cold.toFixed(1).padStart(6)}   ${(cold / hot).toFixed(1)}×`,
  );
}
console.log(
  `machine: ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(2)}, Node ${process.version}`,
);
