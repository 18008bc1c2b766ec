/**
 * How fast recorded conversations replay in-process, against a baseline measured in the same run.
 *
 *   npm run bench:replay [-- --conversations 1000] [-- --files test/transcripts]
 *
 * The conversations are the regression corpus and the generated paths (test/transcripts),
 * repeated until there are 1,000. The baseline is the bare conversation engine
 * (`IntakeEngine.handle` over the same messages, already read: no bot, no storage, no
 * comparison); the replay goes through everything `npm run replay` does with a recorded
 * conversation: its file read and parsed, Bot Framework activities through botbuilder's
 * TestAdapter, IntakeBot, the intake service with its storage and "submit a lead", and the
 * comparison of every reply and of the lead. Then the same spread over every core (this process
 * and a child per other core). The target: 1,000 conversations in under 10 s.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { InProcessBot } from '../src/bot/in-process-bot';
import { InProcessDriver } from '../tools/replay/in-process-driver';
import { defaultJobs, replayInWorkers } from '../tools/replay/workers';
import { IntakeEngine } from '../src/intake/conversation';
import { loadFlows } from '../src/intake/flows';
import { Redaction } from '../src/intake/redaction';
import { replayFile } from '../tools/replay/runner';
import { runEngine } from '../tools/replay/engine-corpus';
import { collectScriptFiles, readScript, type ReplayScript } from '../tools/replay/script';

process.env.LOG_LEVEL ??= 'warn';

const TARGET_SECONDS = 10;

function engineBaseline(engine: IntakeEngine, scripts: ReplayScript[], redaction: Redaction): number {
  const started = performance.now();
  runEngine(engine, scripts, redaction);
  return performance.now() - started;
}

/** As `npm run replay` does: each file read, parsed, replayed and compared. */
async function replayAll(files: string[], driver: InProcessDriver, redaction: Redaction) {
  const started = performance.now();
  let failed = 0;
  for (const file of files) {
    const report = await replayFile(file, driver, redaction);
    if (report.status !== 'passed') failed++;
  }
  return { ms: performance.now() - started, failed };
}

async function main() {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string', default: '1000' },
      files: { type: 'string', multiple: true, default: ['test/transcripts'] },
    },
  });
  const count = Number(values.conversations);
  const flows = loadFlows();
  const redaction = new Redaction(flows);
  const corpus = collectScriptFiles(values.files!).map(readScript);
  const scripts = Array.from({ length: count }, (_, i) => corpus[i % corpus.length]!);
  const turns = scripts.reduce((sum, s) => sum + s.turns.length, 0);

  const engine = new IntakeEngine(flows);
  const driver = new InProcessDriver(new InProcessBot({ flows, engine }));
  // Warm-up: the first conversations pay for compiling and caching, in both measurements alike.
  engineBaseline(engine, corpus, redaction);
  await replayAll(
    corpus.map((s) => s.file),
    driver,
    redaction,
  );

  const baselineMs = engineBaseline(engine, scripts, redaction);
  const replay = await replayAll(
    scripts.map((s) => s.file),
    driver,
    redaction,
  );
  const jobs = defaultJobs();
  const parallelStarted = performance.now();
  const parallel = await replayInWorkers(
    scripts.map((s) => s.file),
    { jobs, flows },
  );
  const parallelMs = performance.now() - parallelStarted;
  const parallelFailed = parallel.reports.filter((r) => r.status !== 'passed').length;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const rows: [string, string][] = [
    ['conversations', `${count} (${corpus.length} distinct files, ${turns} turns)`],
    [
      'baseline: bare engine (IntakeEngine.handle)',
      `${seconds(baselineMs)}  ${((baselineMs * 1000) / turns).toFixed(0)} µs/turn`,
    ],
    [
      'replay in-process (read, bot + storage, comparison)',
      `${seconds(replay.ms)}  ${((replay.ms * 1000) / turns).toFixed(0)} µs/turn`,
    ],
    ['replay / baseline', `${(replay.ms / baselineMs).toFixed(2)}×`],
    [`replay in ${jobs} processes (this one and ${jobs - 1} started)`, `${seconds(parallelMs)}`],
    ['parallel replay / baseline', `${(parallelMs / baselineMs).toFixed(2)}×`],
    [
      'conversations per second (1 thread, workers)',
      `${Math.round(count / (replay.ms / 1000))}, ${Math.round(count / (parallelMs / 1000))}`,
    ],
    ['peak RSS', `${peakRssMb.toFixed(0)} MB (each replay process: ${parallel.peakRssMb.toFixed(0)} MB)`],
    [
      'machine',
      `${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(2)}, Node ${process.version}`,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  const best = Math.min(replay.ms, parallelMs);
  const failed = replay.failed + parallelFailed;
  const verdict = best / 1000 < TARGET_SECONDS ? 'within' : 'OVER';
  console.log(
    `${count} conversations replayed in ${seconds(best)} (npm run replay replays in one process unless given --jobs): ` +
      `${verdict} the ${TARGET_SECONDS} s target` +
      (failed ? ` — ${failed} did not pass` : ''),
  );
  if (failed) process.exitCode = 1;
}

// (A bundled copy of this script is also what its replay processes run: they must not bench.)
if (!process.env.IMP_REPLAY_WORKER)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
