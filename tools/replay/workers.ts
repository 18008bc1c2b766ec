import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { IntakeEngine } from '../../src/intake/conversation';
import { loadFlows, type Flows } from '../../src/intake/flows';
import { MachineCoverage, type CoverageState } from './coverage';
import { Redaction } from '../../src/intake/redaction';
import { replayFile, type FileReport } from './runner';
import { InProcessBot } from '../../src/bot/in-process-bot';
import { InProcessDriver } from './in-process-driver';

/**
 * In-process replays spread over `jobs` lanes: this process is one, and each other lane is a
 * child process with its own bot. A replay is CPU-bound, so the cores of the machine divide the
 * time. Processes rather than worker threads: the engine normalizes text with
 * `String.prototype.normalize`, whose ICU implementation does not scale across threads of one
 * process (two threads took 1.8× as long as one, measured). This process replays from the start,
 * while its children are still loading (about a second and a half under tsx), so a child costs
 * nothing until it is ready. Files are handed out a few at a time to whichever lane is free.
 */

export interface WorkerPoolOptions {
  jobs?: number;
  /** The wording to replay against, as the caller loaded it (flows/ when absent). */
  flows?: Flows;
  update?: boolean;
  coverage?: boolean;
  onFile?: (report: FileReport) => void;
}

interface WorkerSetup {
  /** Loaded once by the parent: each process would spend a second parsing the YAML again. */
  flows: Flows;
  update: boolean;
  coverage: boolean;
}

type FromWorker =
  | { kind: 'ready' }
  | { kind: 'report'; index: number; report: FileReport }
  | { kind: 'done'; state: CoverageState; peakRssMb: number };

type ToWorker =
  | { kind: 'setup'; setup: WorkerSetup }
  | { kind: 'replay'; index: number; file: string }
  | { kind: 'finish' };

const BATCH = 4;
const WORKER_FLAG = 'IMP_REPLAY_WORKER';

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism());
}

/** What one lane replays with: its own engine, bot (conversations and leads in memory) and coverage. */
function replayerOf(setup: WorkerSetup) {
  const engine = new IntakeEngine(setup.flows);
  const coverage = setup.coverage ? new MachineCoverage(engine, setup.flows) : undefined;
  const driver = new InProcessDriver(new InProcessBot({ flows: setup.flows, engine, coverage }));
  const redaction = new Redaction(setup.flows);
  return {
    replay: (file: string) => replayFile(file, driver, redaction, { update: setup.update, coverage }),
    coverage: (): CoverageState => coverage?.state() ?? { reached: [], fired: [] },
  };
}

/**
 * Starts this module in a child process (under tsx when the code runs from TypeScript sources,
 * whose loader the parent's execArgv carries). A larger young generation: a replay allocates many
 * short-lived objects, and the default makes the collector run several times per conversation.
 */
function startWorker(): ChildProcess {
  return fork(__filename, [], {
    env: { ...process.env, [WORKER_FLAG]: '1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    execArgv: [...process.execArgv, '--max-semi-space-size=32'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Lets the event loop run (a child's report, a child asking for files) between two replays. */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function replayInWorkers(
  files: string[],
  options: WorkerPoolOptions = {},
): Promise<{ reports: FileReport[]; coverage?: CoverageState; peakRssMb: number }> {
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), files.length));
  const setup: WorkerSetup = {
    flows: options.flows ?? loadFlows(),
    update: options.update ?? false,
    coverage: options.coverage ?? false,
  };
  const reports: FileReport[] = new Array(files.length);
  const coverage: CoverageState = { reached: [], fired: [] };
  const merge = (state: CoverageState) => {
    coverage.reached.push(...state.reached);
    coverage.fired.push(...state.fired);
  };
  let next = 0;
  let peakRssMb = 0;
  const finished = (index: number, report: FileReport) => {
    reports[index] = report;
    options.onFile?.(report);
  };

  const child = () =>
    new Promise<void>((resolve, reject) => {
      const worker = startWorker();
      const send = (message: ToWorker) => worker.send(message);
      let inFlight = 0;
      let done = false;
      const feed = () => {
        while (inFlight < BATCH && next < files.length) {
          const index = next++;
          inFlight++;
          send({ kind: 'replay', index, file: files[index]! });
        }
        if (inFlight === 0) send({ kind: 'finish' });
      };
      worker.on('message', (message: FromWorker) => {
        if (message.kind === 'ready') {
          send({ kind: 'setup', setup });
          feed();
        } else if (message.kind === 'report') {
          inFlight--;
          finished(message.index, message.report);
          feed();
        } else {
          merge(message.state);
          peakRssMb = Math.max(peakRssMb, message.peakRssMb);
          done = true;
          worker.disconnect();
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (done) resolve();
        else reject(new Error(`a replay process stopped (exit code ${code}) before finishing its files`));
      });
    });

  const ownLane = async () => {
    const replayer = replayerOf(setup);
    while (next < files.length) {
      const index = next++;
      finished(index, await replayer.replay(files[index]!));
      await yieldToEvents();
    }
    merge(replayer.coverage());
  };

  const children = Array.from({ length: jobs - 1 }, child);
  await Promise.all([ownLane(), ...children]);
  peakRssMb = Math.max(peakRssMb, process.resourceUsage().maxRSS / 1024);
  return { reports, coverage: options.coverage ? coverage : undefined, peakRssMb };
}

function runWorker(): void {
  let replayer: ReturnType<typeof replayerOf> | undefined;
  let queue = Promise.resolve();
  process.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      if (message.kind === 'setup') {
        replayer = replayerOf(message.setup);
      } else if (message.kind === 'finish') {
        process.send!({
          kind: 'done',
          state: replayer?.coverage() ?? { reached: [], fired: [] },
          peakRssMb: process.resourceUsage().maxRSS / 1024,
        } satisfies FromWorker);
      } else {
        const report = await replayer!.replay(message.file);
        process.send!({ kind: 'report', index: message.index, report } satisfies FromWorker);
      }
    });
  });
  process.send!({ kind: 'ready' } satisfies FromWorker);
}

if (process.env[WORKER_FLAG] === '1' && process.send) runWorker();
