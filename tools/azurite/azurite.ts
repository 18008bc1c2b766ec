import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/**
 * Azurite (Microsoft's storage emulator, a devDependency) for tests, benchmarks and
 * `npm run dev:two-instances`: the blob service only, on a free port, its data in a fresh temporary
 * folder, in its own process group so that `stop()` leaves nothing behind.
 */

/** Azurite's one account and its published development key (the same in every Azurite: not a secret). */
const ACCOUNT = 'devstoreaccount1';
const DEVELOPMENT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const main = path.resolve(__dirname, '..', '..', 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');

export interface Azurite {
  port: number;
  connectionString: string;
  /** The process (its group id is its pid). */
  child: ChildProcess;
  /** Kills the process group, waits for the exit, removes the data folder. */
  stop(): Promise<void>;
}

export function connectionStringFor(port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${DEVELOPMENT_KEY};` +
    `BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`
  );
}

/** A port nothing listens on right now (Azurite cannot take port 0: it is retried if taken meanwhile). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface AzuriteOptions {
  /** Keep nothing on disk. */
  inMemory?: boolean;
  /** A folder to keep the data in, kept after `stop()` (default: a temporary folder, removed). */
  location?: string;
  /** A fixed port (default: a free one). */
  port?: number;
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options.port ?? (await freePort()), options);
    } catch (error) {
      if (!(error instanceof PortTaken) || options.port !== undefined || attempt >= 5) throw error;
    }
  }
}

class PortTaken extends Error {}

async function startOnce(port: number, options: AzuriteOptions): Promise<Azurite> {
  const inMemory = options.inMemory ?? false;
  const dir = options.location ?? fs.mkdtempSync(path.join(os.tmpdir(), 'imp-azurite-'));
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      main,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      ...(inMemory ? ['--inMemoryPersistence'] : ['--location', dir]),
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--disableTelemetry',
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const pgid = child.pid!;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone already
    }
    await exited;
    if (!options.location) fs.rmSync(dir, { recursive: true, force: true });
  };
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const watch = (stream: NodeJS.ReadableStream) =>
        readline.createInterface({ input: stream }).on('line', (line) => {
          output += `${line}\n`;
          if (line.includes('successfully listens on')) resolve();
          if (line.includes('EADDRINUSE')) reject(new PortTaken(line));
        });
      watch(child.stdout!);
      watch(child.stderr!);
      child.once('exit', (code) =>
        reject(
          output.includes('EADDRINUSE')
            ? new PortTaken(output)
            : new Error(`Azurite exited (${code}) before listening:\n${output}`),
        ),
      );
    });
  } catch (error) {
    await stop();
    throw error;
  }
  // keep reading its output so that the pipe never fills
  child.stdout!.resume();
  child.stderr!.resume();
  return { port, connectionString: connectionStringFor(port), child, stop };
}
