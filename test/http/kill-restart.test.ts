import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { ask } from '../support/http-bot';
import { flows } from '../support/talk';
import { tempConfig } from '../support/temp-data';

const root = path.resolve(__dirname, '..', '..');
const en = () => flows()['en-CA'];

/**
 * Starts `npm start`'s server in its own process on a free port and resolves with its address
 * once it logs that it listens (no polling, no port picked at random that another may hold).
 */
async function startProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  // one process (tsx as a loader, not its CLI, which runs the server in a child that SIGKILL
  // would orphan: the "restarted" server would then be the old one, still holding the port)
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = /^\{.*"event":"listening".*\}$/.test(line)
        ? (JSON.parse(line) as { port: number })
        : undefined;
      if (event) resolve(event.port);
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

describe('a server killed with SIGKILL mid-conversation', () => {
  const config = tempConfig();
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    config.cleanup();
  });

  it('resumes at the same step with every answer once started again', async () => {
    let url: string;
    ({ child, url } = await startProcess(config.DATA_DIR));
    await ask(url, 'k1', 'hello');
    await ask(url, 'k1', 'yes');
    await ask(url, 'k1', en().steps.role.choices!.worker!);
    const beforeKill = await ask(url, 'k1', 'Mexico');
    expect(beforeKill.at(-1)?.channelData?.intake?.step).toBe('residenceCountry');

    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    ({ child, url } = await startProcess(config.DATA_DIR));

    const afterRestart = await ask(url, 'k1', 'back');
    expect(afterRestart.at(-1)?.channelData?.intake?.step).toBe('citizenship');
    expect(afterRestart.at(-1)?.text).toContain('Mexico');
  }, 150_000);
});
