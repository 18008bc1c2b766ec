import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/**
 * `npm start`'s server (tsx src/server.ts) in its own process group, so that a SIGKILL to the
 * group kills the real server and not only the tsx wrapper around it.
 */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** SIGKILLs the whole group and resolves once the wrapper has exited and the group is empty. */
  kill(): Promise<void>;
}

/** Whether any process of the group `pgid` is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startServerProcess(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/server.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        ...env,
      },
      stdio: 'ignore',
      detached: true,
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pgid = child.pid!;
  const url = `http://127.0.0.1:${port}`;
  const kill = async () => {
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    await exited;
    // The wrapper is gone; its server child may take a moment longer to be reaped.
    for (let i = 0; i < 500 && groupAlive(pgid); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    if (groupAlive(pgid)) throw new Error(`process group ${pgid} survived SIGKILL`);
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url, kill };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await kill();
  throw new Error('the server did not start within 30 s');
}
