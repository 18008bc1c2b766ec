import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ask } from '../support/http-bot';
import { flows } from '../support/talk';
import { tempConfig } from '../support/temp-data';

const root = path.resolve(__dirname, '..', '..');
const en = () => flows()['en-CA'];

/** Starts `npm start`'s server in its own process and waits until it answers. */
async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/server.ts'],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start within 10 s');
}

describe('a server killed with SIGKILL mid-conversation', () => {
  const config = tempConfig();
  const port = 20000 + Math.floor(Math.random() * 20000);
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  afterAll(() => {
    child?.kill('SIGKILL');
    config.cleanup();
  });

  it('resumes at the same step with every answer once started again', async () => {
    child = await startProcess(config.DATA_DIR, port);
    await ask(url, 'k1', 'hello');
    await ask(url, 'k1', 'yes');
    await ask(url, 'k1', en().steps.role.choices!.worker!);
    const beforeKill = await ask(url, 'k1', 'Mexico');
    expect(beforeKill.at(-1)?.channelData?.intake?.step).toBe('age');

    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = await startProcess(config.DATA_DIR, port);

    const afterRestart = await ask(url, 'k1', 'back');
    expect(afterRestart.at(-1)?.channelData?.intake?.step).toBe('citizenship');
    expect(afterRestart.at(-1)?.text).toContain('Mexico');
  }, 30_000);
});
