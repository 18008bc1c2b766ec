import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { SEMI_SPACE_MB } from '../../src/heap';
import { employer } from '../support/answers';
import { completeIntakeOverHttp } from '../support/complete-intake';
import { ask } from '../support/http-bot';
import { flows } from '../support/talk';

/**
 * The production path, without Docker: the Dockerfile's two stages are played in two temporary
 * folders. Its COPY lines copy (from this checkout, or `--from=build` from the build folder) and
 * its `npm` RUN lines run, with two differences: the build stage borrows this checkout's
 * node_modules instead of `npm ci` (the dev dependencies are already here), and the runtime
 * stage's `npm ci --omit=dev` adds `--prefer-offline` to install from the local npm cache. Other
 * RUN lines (mkdir, chown) only make sense in an image. The runtime stage's steps before its
 * first `COPY --from=build` run alongside the build stage, as BuildKit runs them. Then the
 * image's CMD starts with the image's ENV, on a free port and a temporary DATA_DIR.
 */

const root = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

interface Stage {
  name: string;
  env: Record<string, string>;
  steps: (
    { kind: 'copy'; from?: string; sources: string[]; target: string } | { kind: 'run'; command: string }
  )[];
  cmd?: string[];
}

/** The Dockerfile's stages: ENV, COPY, RUN and CMD lines (no line continuations are used). */
export function readDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [instruction, ...rest] = line.split(/\s+/);
    const args = line.slice(instruction!.length).trim();
    const stage = stages.at(-1);
    if (instruction === 'FROM') {
      stages.push({ name: /\bAS\s+(\S+)/i.exec(args)?.[1] ?? '', env: {}, steps: [] });
    } else if (!stage) {
      throw new Error(`${instruction} before FROM`);
    } else if (instruction === 'ENV') {
      for (const pair of rest) {
        const [key, value] = pair.split('=');
        stage.env[key!] = value!;
      }
    } else if (instruction === 'COPY') {
      const from = /^--from=(\S+)$/.exec(rest[0]!)?.[1];
      const paths = from ? rest.slice(1) : rest;
      stage.steps.push({ kind: 'copy', from, sources: paths.slice(0, -1), target: paths.at(-1)! });
    } else if (instruction === 'RUN') {
      stage.steps.push({ kind: 'run', command: args });
    } else if (instruction === 'CMD') {
      stage.cmd = JSON.parse(args) as string[];
    }
  }
  return stages;
}

/** This process's environment without what npm and jest set for the test run itself. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('npm_') && !['npm_config_cache', 'npm_config_registry'].includes(key)) continue;
    if (key === 'JEST_WORKER_ID' || key === 'NODE_ENV' || key === 'LOG_LEVEL') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

async function playStage(stage: Stage, dir: string, stages: Record<string, string>): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const step of stage.steps) {
    if (step.kind === 'copy') {
      for (const source of step.sources) {
        const from = step.from
          ? path.join(stages[step.from]!, source.replace(/^\/app\/?/, ''))
          : path.join(root, source);
        const into = path.join(dir, step.target, step.target.endsWith('/') ? path.basename(source) : '');
        fs.mkdirSync(path.dirname(into), { recursive: true });
        fs.cpSync(from, into, { recursive: true });
      }
    } else if (/^npm ci\b/.test(step.command) && !step.command.includes('--omit=dev')) {
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    } else if (/^npm\b/.test(step.command)) {
      const command = step.command.startsWith('npm ci') ? `${step.command} --prefer-offline` : step.command;
      await run('sh', ['-c', command], { cwd: dir, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
    }
  }
}

/** A stand-in for a channel's connector and for the firm's webhook that answers only when told to. */
async function holdingServer() {
  const held: { url: string; body: string; release: () => void }[] = [];
  const listeners = new Set<() => void>();
  let holding = true;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const release = () => {
        if (res.headersSent) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `held-${held.length}` }));
      };
      held.push({ url: req.url ?? '', body, release });
      if (!holding) release();
      for (const listener of listeners) listener();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    /** Resolves when a request whose path matches has arrived. */
    arrival(pattern: RegExp): Promise<{ url: string; body: string; release: () => void }> {
      return new Promise((resolve) => {
        const look = () => {
          const found = held.find((h) => pattern.test(h.url));
          if (!found) return;
          listeners.delete(look);
          resolve(found);
        };
        listeners.add(look);
        look();
      });
    },
    /** Answers everything held, and from now on answers at once. */
    releaseAll(): void {
      holding = false;
      for (const request of held) request.release();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The server's JSON log lines as they come, and a wait for the first one with a given event. */
function logLines(child: ChildProcess) {
  const lines: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      lines.push({ text: line });
    }
    for (const listener of listeners) listener();
  });
  return {
    lines,
    event(name: string): Promise<Record<string, unknown>> {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = lines.find((l) => l.event === name);
          if (found) {
            listeners.delete(look);
            resolve(found);
          }
        };
        listeners.add(look);
        child.once('exit', (code) =>
          reject(new Error(`the server exited (${code}) before logging "${name}"`)),
        );
        look();
      });
    },
  };
}

describe('the production build, as the Dockerfile makes it', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-intake-production-'));
  const stageDirs: Record<string, string> = {};
  let runtime: Stage;
  let child: ChildProcess | undefined;
  let exited: Promise<number | null>;
  let log: ReturnType<typeof logLines>;
  let url: string;
  const outside = holdingServer();

  beforeAll(async () => {
    const stages = readDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    for (const stage of stages) stageDirs[stage.name] = path.join(work, stage.name);
    const [build, run] = stages as [Stage, Stage];
    // as BuildKit does: the runtime stage's install runs while the build stage builds
    const waitsForBuild = run.steps.findIndex((step) => step.kind === 'copy' && step.from === 'build');
    await Promise.all([
      playStage(build, stageDirs.build!, stageDirs),
      playStage({ ...run, steps: run.steps.slice(0, waitsForBuild) }, stageDirs.runtime!, stageDirs),
    ]);
    await playStage({ ...run, steps: run.steps.slice(waitsForBuild) }, stageDirs.runtime!, stageDirs);
    runtime = run;
    const webhook = await outside;
    const [command, ...args] = runtime.cmd!;
    child = spawn(command === 'node' ? process.execPath : command!, args, {
      cwd: stageDirs.runtime,
      env: cleanEnv({
        ...runtime.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: path.join(work, 'data'),
        WEBHOOK_URL: `${webhook.url}/webhook`,
        WEBHOOK_SECRET: 'a-test-secret-of-enough-length-for-production',
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
    log = logLines(child);
    const listening = await log.event('listening');
    url = `http://127.0.0.1:${String(listening.port)}`;
  }, 600_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    await (await outside).close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('installs production dependencies only: no TypeScript, test or build tooling', () => {
    const modules = path.join(stageDirs.runtime!, 'node_modules');
    for (const dev of ['tsx', 'typescript', 'jest', 'esbuild', 'playwright-core'])
      expect(fs.existsSync(path.join(modules, dev))).toBe(false);
    expect(fs.existsSync(path.join(modules, 'botbuilder'))).toBe(true);
    expect(fs.existsSync(path.join(stageDirs.runtime!, 'dist', 'src', 'server.js'))).toBe(true);
    expect(fs.existsSync(path.join(stageDirs.runtime!, 'dist', 'test'))).toBe(false);
    expect(fs.existsSync(path.join(stageDirs.runtime!, 'src'))).toBe(false);
  });

  it('answers the health check, serves the website with its bundle, and completes a turn', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /<script[^>]+src="([^"]*page[^"]*\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(new URL(script!, `${url}/`));
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(1000);

    const replies = await ask(url, 'production-1', 'hello');
    expect(replies.at(-1)?.channelData?.intake?.step).toBe('consent');
    // the image's command sizes the young generation, and the server its heap growth (src/heap.ts)
    expect(log.lines.find((line) => line.event === 'heap-tuned')).toMatchObject({
      flag: expect.stringMatching(/^--heap-growing-percent=\d+$/),
      semiSpaceMb: SEMI_SPACE_MB,
    });
  });

  it('on SIGTERM finishes the turn and the notification under way, then exits cleanly', async () => {
    const webhook = await outside;
    const en = flows()['en-CA'];
    const done = await completeIntakeOverHttp(url, 'production-lead', employer, en);
    expect(done).toMatch(/IMP-\d{4}-/);
    const notification = await webhook.arrival(/^\/webhook/);

    // a turn from a channel that replies through its connector: the reply is held there
    const turn = fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'sigterm-1',
        channelId: 'test',
        serviceUrl: webhook.url,
        conversation: { id: 'production-2' },
        from: { id: 'prospect' },
        recipient: { id: 'bot' },
        locale: 'en-CA',
        text: 'hello',
      }),
    });
    const reply = await webhook.arrival(/^\/v3\/conversations\/production-2\//);

    expect(reply.body).toContain('"replyToId":"sigterm-1"');
    expect(notification.body).toContain('IMP-');

    child!.kill('SIGTERM');
    await log.event('shutting-down');
    webhook.releaseAll();

    expect((await turn).status).toBe(200);
    expect(await exited).toBe(0);
    expect(log.lines.find((l) => l.event === 'notification-delivered')).toBeDefined();
    expect(log.lines.at(-1)).toMatchObject({ event: 'stopped' });
  }, 120_000);
});
