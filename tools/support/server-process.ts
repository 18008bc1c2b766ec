import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { listeningPort } from '../listening-port';
import { serverNodeArgs } from '../server-command';

const root = path.resolve(__dirname, '..', '..');

/**
 * `npm start`'s server (tools/server-command.ts) in its own process group, so that a SIGKILL to
 * the group kills every process it started.
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

/**
 * Starts the server (as `npm start` does: one process, in its own group) and
 * resolves once it logs that it listens. `port` 0 (the default) lets the system pick a free one;
 * the address is read from that log line, so nothing is polled and no port is guessed.
 */
export async function startServerProcess(
  dataDir: string,
  port = 0,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, serverNodeArgs(), {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'ignore'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pgid = child.pid!;
  const kill = async () => {
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    await exited;
    // The process is gone; the kernel may take a moment longer to empty its group.
    for (let i = 0; i < 500 && groupAlive(pgid); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    if (groupAlive(pgid)) throw new Error(`process group ${pgid} survived SIGKILL`);
  };
  try {
    const listening = await listeningPort(child, 'the server');
    return { child, url: `http://127.0.0.1:${listening}`, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}
