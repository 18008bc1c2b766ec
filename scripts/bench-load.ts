/**
 * The per-turn cost of the intake server under load, against a bare botbuilder echo bot measured
 * in the same run (tools/bench/echo-bot.ts: the project's own botbuilder and express).
 *
 *   npm run bench:load [-- --prospects 50 --conversations 100 --rounds 3 --stored 10000]
 *
 * Every server is a child process: the intake server started like `npm start`
 * (tools/server-command.ts, with its node flags), the echo bot on node's defaults; each with a fresh
 * DATA_DIR, reached on loopback without an app id (as the Emulator reaches it). Each round,
 * `prospects` concurrent prospects replay whole recorded intakes (test/transcripts) over
 * /api/messages with deliveryMode expectReplies; rounds alternate between the servers so that
 * background load hits them alike. Measured per server: turns per second, p50/p99 latency, the
 * server's CPU per turn (utime+stime from /proc/<pid>/stat) and its peak RSS (VmHWM).
 *
 * Servers: the echo bot; the intake server (STORAGE_FSYNC unset); the same with STORAGE_FSYNC=1;
 * the intake server started on a data folder seeded with `stored` conversations and leads. Then
 * the website path: the same turns, one prospect at a time, over /api/messages and over the
 * built-in Direct Line channel (POST + the WebSocket stream).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { SERVER_NODE_FLAGS } from '../src/heap';
import { loadFlows } from '../src/intake/flows';
import { Redaction } from '../src/intake/redaction';
import { rowsFrom } from '../src/staff/lead-index';
import { openFileStorage } from '../src/storage/file';
import { FileTranscriptStore } from '../src/storage/file/transcripts';
import type { StoreItem } from '../src/ports/store';
import { listeningPort } from '../tools/listening-port';
import { serverNodeArgs, tsNodeArgs } from '../tools/server-command';
import { activityToSend, collectScriptFiles, readScript, type ActivityJson } from '../tools/replay/script';

const root = path.resolve(__dirname, '..');

const { values } = parseArgs({
  options: {
    prospects: { type: 'string', default: '50' },
    conversations: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    stored: { type: 'string', default: '10000' },
    website: { type: 'string', default: '40' },
    only: { type: 'string' },
    /** Writes a CPU profile of each intake server into this folder (node --cpu-prof). */
    profile: { type: 'string' },
    /** After the timed rounds, one more round per server under `strace -c -f`: system calls per turn. */
    strace: { type: 'boolean', default: false },
    /**
     * Runs every server from JavaScript compiled by tsc (as `npm run start:prod` does) instead of
     * under tsx, whose TypeScript loader adds its own memory to each process.
     */
    compiled: { type: 'boolean', default: false },
    /** Keeps (or reuses) the seeded data folder here, instead of a temporary one. */
    'seeded-dir': { type: 'string' },
  },
});
const PROSPECTS = Number(values.prospects);
const CONVERSATIONS = Number(values.conversations);
const ROUNDS = Number(values.rounds);
const STORED = Number(values.stored);
const WEBSITE_CONVERSATIONS = Number(values.website);
const TICK_MS = 1000 / 100; // USER_HZ: /proc times are in 1/100 s on Linux

interface Child {
  name: string;
  process: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Where `compile()` put a script's JavaScript (dist/, as `npm run build` lays it out). */
const compiledOf = (script: string) => path.join('dist', script.replace(/\.ts$/, '.js'));

/** With --compiled: the server as `npm run build` compiles it, and the echo bot beside it. */
function compile(): void {
  const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
  const run = (args: string[]) => {
    const result = spawnSync(tsc, args, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`tsc ${args.join(' ')} failed`);
  };
  run(['-p', 'tsconfig.build.json']);
  run([
    ...['tools/bench/echo-bot.ts', '--outDir', 'dist/tools/bench', '--module', 'commonjs'],
    ...['--target', 'es2022', '--esModuleInterop', '--skipLibCheck', '--types', 'node'],
  ]);
}

/** Starts a server script as `npm start` does and resolves with its address once it logs `listening`. */
async function startChild(name: string, script: string, env: Record<string, string>): Promise<Child> {
  const server = script === 'src/server.ts';
  const profiling = values.profile && server;
  const flags = profiling ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile!)}`] : [];
  if (process.env.BENCH_NODE_FLAGS && server) flags.push(...process.env.BENCH_NODE_FLAGS.split(' '));
  // The intake server gets its start command's node flags (src/heap.ts), BENCH_NODE_FLAGS after
  // them; the echo bot runs on node's defaults, as a bare botbuilder server would.
  const args = values.compiled
    ? [...(server ? SERVER_NODE_FLAGS : []), ...flags, compiledOf(script)]
    : server
      ? serverNodeArgs(script, flags)
      : [...flags, ...tsNodeArgs(script)];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A server that dies mid-run shows up as a reset connection in the bench: say which, and why.
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (/^\{[^{]*"level":"(error|fatal)"/.test(line)) console.error(`${name}: ${line.slice(0, 2000)}`);
  });
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`${name} exited (${code ?? signal}) during the bench`);
  });
  const port = await listeningPort(child, name);
  return {
    name,
    process: child,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      // a profiled server is stopped gracefully, so that it writes its profile
      stopping = true;
      if (child.exitCode === null) child.kill(profiling ? 'SIGTERM' : 'SIGKILL');
      await exited;
    },
  };
}

function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Posts `body`; `from` is the loopback address to send from (127.0.0.0/8 all reaches this
 * machine), so that each website prospect has an address of its own, as real ones do, and the
 * per-address rate limits count each one apart.
 */
function post(url: string, body: string, token?: string, from?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        ...(from ? { localAddress: from } : {}),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200 && res.statusCode !== 201)
            reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
          else resolve(text);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// The conversations: every recorded intake, each prospect activity as a replay sends it.
const flows = loadFlows();
const redaction = new Redaction(flows);
const corpus = collectScriptFiles([path.join(root, 'test/transcripts')])
  .map(readScript)
  .map((script) => script.turns.map((turn) => activityToSend(turn.user, redaction)));

let conversationCounter = 0;

async function converse(
  url: string,
  sends: ActivityJson[],
  latencies: number[],
  from?: string,
): Promise<void> {
  const conversationId = `bench-${process.pid}-${++conversationCounter}`;
  for (const [index, activity] of sends.entries()) {
    const { timestamp: _timestamp, ...rest } = activity;
    const body = JSON.stringify({
      ...rest,
      id: `${conversationId}-${index + 1}`,
      channelId: 'emulator',
      conversation: { id: conversationId },
      serviceUrl: 'http://127.0.0.1:9/bench',
      deliveryMode: 'expectReplies',
    });
    const started = performance.now();
    await post(`${url}/api/messages`, body, undefined, from);
    const ms = performance.now() - started;
    latencies.push(ms);
    if (process.env.BENCH_SLOW && ms > Number(process.env.BENCH_SLOW))
      console.log(
        `slow turn ${index + 1}/${sends.length} ${ms.toFixed(0)} ms at ${(performance.now() / 1000).toFixed(2)} s: ${activity.type} ${JSON.stringify(activity.text ?? '').slice(0, 40)}`,
      );
  }
}

interface Round {
  turns: number;
  ms: number;
  ticks: number;
  latencies: number[];
}

async function round(child: Child, conversations: number, prospects: number): Promise<Round> {
  const latencies: number[] = [];
  let next = 0;
  // Connections left idle by the last round may be closing on the server's side (its keep-alive
  // timeout) just as a request reuses them: start each round on fresh ones.
  agent.destroy();
  const pid = child.process.pid!;
  const ticks = cpuTicks(pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: prospects }, async () => {
      while (next < conversations) {
        const sends = corpus[next++ % corpus.length]!;
        await converse(child.url, sends, latencies);
      }
    }),
  );
  return {
    turns: latencies.length,
    ms: performance.now() - started,
    ticks: cpuTicks(pid) - ticks,
    latencies,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Summary {
  name: string;
  throughput: number;
  p50: number;
  p99: number;
  cpuMs: number;
  rssMb: number;
}

function summarize(child: Child, rounds: Round[]): Summary {
  const turns = rounds.reduce((s, r) => s + r.turns, 0);
  const ms = rounds.reduce((s, r) => s + r.ms, 0);
  const ticks = rounds.reduce((s, r) => s + r.ticks, 0);
  const sorted = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    name: child.name,
    throughput: turns / (ms / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpuMs: (ticks * TICK_MS) / turns,
    rssMb: peakRssMb(child.process.pid!),
  };
}

/** Fills a data folder with `count` conversations (state and transcript) and `count` leads. */
async function seed(from: string, to: string, count: number): Promise<void> {
  const source = openFileStorage(from);
  const target = openFileStorage(to);
  let key: string | undefined;
  for await (const k of source.conversations.keys()) {
    key = k;
    break;
  }
  const lead = (await source.leads.all())[0];
  if (!key || !lead) throw new Error('the warm-up stored no conversation or no lead to seed from');
  const record = (await source.conversations.read([key]))[key]!;
  const [channelId, , conversationId] = key.split('/');
  const transcriptFile = new FileTranscriptStore(path.join(from, 'transcripts')).fileOf(
    channelId!,
    conversationId!,
  );
  const transcripts = new FileTranscriptStore(path.join(to, 'transcripts'));
  fs.mkdirSync(transcripts.directory, { recursive: true });
  for (let i = 0; i < count; i++) {
    const id = `seeded-${i}`;
    const { eTag: _eTag, ...item } = record;
    await target.conversations.write({
      [`emulator/conversations/${id}`]: { ...item, eTag: '*' } as StoreItem,
    });
    fs.copyFileSync(transcriptFile, transcripts.fileOf('emulator', id));
    const leadId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    await target.leads.create(leadId, {
      ...lead,
      id: leadId,
      reference: `${lead.reference.slice(0, 9)}S${i}`,
    });
  }
  // as a server that ran on this folder leaves it: the lead list's rows saved for the next start
  await target.leadIndex.load(rowsFrom({ leads: target.leads, workflow: target.workflow }));
}

async function websiteTurns(child: Child, conversations: number) {
  const api: number[] = [];
  const directLine: number[] = [];
  const apiTicks = { ticks: 0 };
  const dlTicks = { ticks: 0 };
  /** Token, conversation start (the bot's welcome turn) and WebSocket: once per conversation. */
  const setupTicks = { ticks: 0 };
  const pid = child.process.pid!;
  for (let c = 0; c < conversations; c++) {
    const sends = corpus[c % corpus.length]!.filter((a) => a.type === 'message');
    const from = `127.0.${1 + Math.floor(c / 250)}.${1 + (c % 250)}`;
    // over /api/messages, one turn at a time
    let before = cpuTicks(pid);
    await converse(child.url, sends, api, from);
    apiTicks.ticks += cpuTicks(pid) - before;
    // over Direct Line: token, conversation, stream (the setup, timed apart), then each message
    // posted and its reply awaited
    before = cpuTicks(pid);
    const chat = JSON.parse(await post(`${child.url}/api/webchat/token`, '{}', undefined, from)) as {
      token: string;
      conversationId: string;
    };
    const started = await post(
      `${child.url}/v3/directline/conversations`,
      JSON.stringify({ locale: sends[0]?.locale ?? 'en-CA' }),
      chat.token,
      from,
    );
    const { streamUrl } = JSON.parse(started) as { streamUrl: string };
    const ws = new WebSocket(streamUrl, { localAddress: from });
    const answered = new Set<string>();
    const waiting = new Map<string, () => void>();
    ws.on('message', (data: Buffer) => {
      const set = JSON.parse(data.toString('utf8')) as {
        activities: { replyToId?: string; from: { role?: string } }[];
      };
      for (const activity of set.activities) {
        if (!activity.replyToId || activity.from.role !== 'bot') continue;
        answered.add(activity.replyToId);
        waiting.get(activity.replyToId)?.();
      }
    });
    await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
    setupTicks.ticks += cpuTicks(pid) - before;
    before = cpuTicks(pid);
    for (const activity of sends) {
      const began = performance.now();
      const response = await post(
        `${child.url}/v3/directline/conversations/${chat.conversationId}/activities`,
        JSON.stringify({ type: 'message', text: activity.text, locale: activity.locale, from: { id: 'x' } }),
        chat.token,
        from,
      );
      const { id } = JSON.parse(response) as { id: string };
      // the reply is pushed during the turn: it may arrive before the POST is answered, or just after
      if (!answered.has(id)) await new Promise<void>((resolve) => waiting.set(id, resolve));
      waiting.delete(id);
      directLine.push(performance.now() - began);
    }
    dlTicks.ticks += cpuTicks(pid) - before;
    ws.close();
  }
  return { api, directLine, apiTicks: apiTicks.ticks, dlTicks: dlTicks.ticks, setupTicks: setupTicks.ticks };
}

/** One round with `strace -c -f` attached to the server: its system calls per turn, by name. */
async function syscallsPerTurn(child: Child): Promise<string> {
  const output = path.join(os.tmpdir(), `imp-bench-strace-${process.pid}-${child.process.pid}.txt`);
  const tracer = spawn('strace', ['-c', '-f', '-p', String(child.process.pid), '-o', output], {
    stdio: 'ignore',
  });
  await new Promise((resolve) => setTimeout(resolve, 1000)); // strace attaches to every thread
  const { turns } = await round(child, Math.min(CONVERSATIONS, PROSPECTS), PROSPECTS);
  const stopped = new Promise((resolve) => tracer.once('exit', resolve));
  tracer.kill('SIGINT');
  await stopped;
  const table = fs.readFileSync(output, 'utf8');
  fs.rmSync(output, { force: true });
  let rows = [...table.matchAll(/^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)$/gm)].map(
    ([, calls, name]) => [name!, Number(calls)] as const,
  );
  rows = rows.filter(([name]) => name !== 'total');
  const total = rows.reduce((sum, [, calls]) => sum + calls, 0);
  const top = [...rows]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, calls]) => `${name} ${(calls / turns).toFixed(1)}`)
    .join(', ');
  return `${child.name}: ${(total / turns).toFixed(1)} system calls per turn (${turns} turns; ${top})`;
}

async function main() {
  if (values.compiled) compile();
  const dataDirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-bench-load-'));
    dataDirs.push(dir);
    return dir;
  };
  const children: Child[] = [];
  const common = { DIRECT_LINE_MESSAGES_PER_MINUTE: '1000000' };
  try {
    const echo = await startChild('echo bot', 'tools/bench/echo-bot.ts', {});
    children.push(echo);
    const emptyDir = tempDir();
    const intake = await startChild('intake', 'src/server.ts', { ...common, DATA_DIR: emptyDir });
    children.push(intake);
    const synced = await startChild('intake, STORAGE_FSYNC=1', 'src/server.ts', {
      ...common,
      DATA_DIR: tempDir(),
      STORAGE_FSYNC: '1',
    });
    children.push(synced);

    // Warm-up (JIT, caches) on every server; it also leaves a conversation and a lead to seed from.
    for (const child of children) await round(child, Math.min(PROSPECTS, CONVERSATIONS), PROSPECTS);
    const seededDir = values['seeded-dir'] ?? tempDir();
    const seedStarted = performance.now();
    if (!fs.existsSync(path.join(seededDir, 'leads'))) await seed(emptyDir, seededDir, STORED);
    console.log(
      `seeded ${STORED} conversations and leads in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const seeded = await startChild(`intake, ${STORED} stored`, 'src/server.ts', {
      ...common,
      DATA_DIR: seededDir,
    });
    children.push(seeded);
    await round(seeded, Math.min(PROSPECTS, CONVERSATIONS), PROSPECTS);

    const only = values.only?.split(',');
    const measured = children.filter((c, i) => !only || only.includes(String(i)));
    const results = new Map<Child, Round[]>(measured.map((c) => [c, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const child of measured) {
        results.get(child)!.push(await round(child, CONVERSATIONS, PROSPECTS));
      }
    }
    const summaries = measured.map((c) => summarize(c, results.get(c)!));
    const base = summaries.find((s) => s.name === 'echo bot') ?? summaries[0]!;
    const turns = (results.get(echo) ?? results.get(measured[0]!)!).reduce((s, r) => s + r.turns, 0);
    console.log(
      `\n${PROSPECTS} concurrent prospects, ${CONVERSATIONS} whole intakes per round, ${ROUNDS} rounds per server (${turns} turns each), alternating`,
    );
    console.log(
      `${'server'.padEnd(28)} ${'turns/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'CPU ms/turn'.padStart(12)} ${'peak RSS'.padStart(9)}   ratios to echo (throughput, p99, CPU)`,
    );
    for (const s of summaries) {
      console.log(
        `${s.name.padEnd(28)} ${s.throughput.toFixed(0).padStart(8)} ${s.p50.toFixed(1).padStart(8)} ${s.p99.toFixed(1).padStart(8)} ${s.cpuMs.toFixed(2).padStart(12)} ${`${s.rssMb.toFixed(0)} MB`.padStart(9)}   ${(s.throughput / base.throughput).toFixed(2)}× ${(s.p99 / base.p99).toFixed(2)}× ${(s.cpuMs / base.cpuMs).toFixed(2)}×`,
      );
    }
    const plain = summaries.find((s) => s.name === 'intake');
    const big = summaries.find((s) => s.name === seeded.name);
    if (plain && big) {
      console.log(
        `at scale (${STORED} conversations + ${STORED} leads) / empty store: p50 ${(big.p50 / plain.p50).toFixed(2)}×, mean turn time ${(plain.throughput / big.throughput).toFixed(2)}×, peak RSS ${big.rssMb.toFixed(0)} MB`,
      );
    }

    if (values.strace) {
      for (const child of [echo, intake, synced]) console.log(await syscallsPerTurn(child));
    }

    if (WEBSITE_CONVERSATIONS > 0) {
      // Warm-up: the rounds above ran /api/messages thousands of times and the Direct Line code
      // not at all; a few conversations first, so that both paths run compiled code alike.
      await websiteTurns(intake, Math.min(4, WEBSITE_CONVERSATIONS));
      const web = await websiteTurns(intake, WEBSITE_CONVERSATIONS);
      const p50 = (xs: number[]) =>
        percentile(
          [...xs].sort((a, b) => a - b),
          50,
        );
      const apiCpu = (web.apiTicks * TICK_MS) / web.api.length;
      const dlCpu = (web.dlTicks * TICK_MS) / web.directLine.length;
      const setupCpu = (web.setupTicks * TICK_MS) / WEBSITE_CONVERSATIONS;
      console.log(
        `\nwebsite path, one prospect at a time (${web.api.length} turns each): /api/messages p50 ${p50(web.api).toFixed(2)} ms, CPU ${apiCpu.toFixed(2)} ms/turn; ` +
          `Direct Line + WebSocket p50 ${p50(web.directLine).toFixed(2)} ms, CPU ${dlCpu.toFixed(2)} ms/turn — ratio p50 ${(p50(web.directLine) / p50(web.api)).toFixed(2)}×, CPU ${(dlCpu / apiCpu).toFixed(2)}×; ` +
          `setup per Direct Line conversation (token, start with the bot's welcome, WebSocket): CPU ${setupCpu.toFixed(1)} ms`,
      );
    }
    console.log(
      `machine: ${os.availableParallelism()} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the end, Node ${process.version}`,
    );
  } finally {
    agent.destroy();
    for (const child of children) await child.stop();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
