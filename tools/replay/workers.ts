import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { IntakeEngine } from '../../src/intake/conversation';
import { loadFlows, type Flows } from '../../src/intake/flows';
import { MachineCoverage, type CoverageState } from './coverage';
import { Redaction } from '../../src/intake/redaction';
import { replayScript, type FileReport } from './runner';
import { readScript } from './script';
import { InProcessBot } from '../../src/bot/in-process-bot';
import { InProcessDriver } from './in-process-driver';

/**
 * In-process replays spread over child processes, one bot per process: a replay is CPU-bound, so
 * the cores of the machine divide the time. Processes rather than worker threads: the engine
 * normalizes text with `String.prototype.normalize`, whose ICU implementation does not scale
 * across threads of one process (two threads took 1.8× as long as one, measured). Files are
 * handed out a few at a time to whichever process is free.
 */

export interface WorkerPoolOptions {
  jobs?: number;
  /** A folder of flows (en-CA.yaml, fr-CA.yaml) other than flows/. */
  flowsDir?: string;
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

export async function replayInWorkers(
  files: string[],
  options: WorkerPoolOptions = {},
): Promise<{ reports: FileReport[]; coverage?: CoverageState; peakRssMb: number }> {
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), files.length));
  const setup: WorkerSetup = {
    flows: loadFlows(options.flowsDir),
    update: options.update ?? false,
    coverage: options.coverage ?? false,
  };
  const reports: FileReport[] = new Array(files.length);
  const coverage: CoverageState = { reached: [], fired: [] };
  let next = 0;
  let peakRssMb = 0;

  await Promise.all(
    Array.from(
      { length: jobs },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = startWorker();
          const send = (message: ToWorker) => worker.send(message);
          let inFlight = 0;
          let finished = false;
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
              reports[message.index] = message.report;
              options.onFile?.(message.report);
              feed();
            } else {
              coverage.reached.push(...message.state.reached);
              coverage.fired.push(...message.state.fired);
              peakRssMb = Math.max(peakRssMb, message.peakRssMb);
              finished = true;
              worker.disconnect();
            }
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (finished) resolve();
            else reject(new Error(`a replay process stopped (exit code ${code}) before finishing its files`));
          });
        }),
    ),
  );
  return { reports, coverage: options.coverage ? coverage : undefined, peakRssMb };
}

function runWorker(): void {
  let replay: ((file: string) => Promise<FileReport>) | undefined;
  let coverage: MachineCoverage | undefined;
  let queue = Promise.resolve();
  process.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      if (message.kind === 'setup') {
        const { flows, update } = message.setup;
        const engine = new IntakeEngine(flows);
        coverage = message.setup.coverage ? new MachineCoverage(engine, flows) : undefined;
        const driver = new InProcessDriver(new InProcessBot({ flows, engine, coverage }));
        const redaction = new Redaction(flows);
        replay = (file) => replayScript(readScript(file), driver, redaction, { update, coverage });
      } else if (message.kind === 'finish') {
        process.send!({
          kind: 'done',
          state: coverage?.state() ?? { reached: [], fired: [] },
          peakRssMb: process.resourceUsage().maxRSS / 1024,
        } satisfies FromWorker);
      } else {
        let report: FileReport;
        try {
          report = await replay!(message.file);
        } catch (error) {
          report = {
            file: message.file,
            status: 'error',
            turns: 0,
            mismatches: [],
            notes: [],
            error: error instanceof Error ? error.message : String(error),
          };
        }
        process.send!({ kind: 'report', index: message.index, report } satisfies FromWorker);
      }
    });
  });
  process.send!({ kind: 'ready' } satisfies FromWorker);
}

if (process.env[WORKER_FLAG] === '1' && process.send) runWorker();
