import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ClamdClient } from '../../src/documents/clamd';

/**
 * A clamd of the test's own (Debian's clamav-daemon; .ci/run installs it), on a unix socket and a
 * free TCP port, whose only signature database is the EICAR test file's: there is no internet for
 * freshclam here, and clamd starts in well under a second with one signature instead of the
 * minutes the full databases take.
 */

/** The EICAR anti-virus test file: harmless, and detected as a virus by every scanner. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const SIGNATURE_NAME = 'Imp-Test-EICAR';
/** What clamd reports: a signature from a database it does not ship is marked UNOFFICIAL. */
export const EICAR_SIGNATURE = `${SIGNATURE_NAME}.UNOFFICIAL`;

export interface TestClamd {
  socket: string;
  port: number;
  client(kind?: 'socket' | 'tcp'): ClamdClient;
  stop(): Promise<void>;
}

const CLAMD = ['/usr/sbin/clamd', '/usr/bin/clamd'].find((file) => fs.existsSync(file));

/**
 * A TCP port for clamd, below Linux's ephemeral range (32768-60999 by default): a port taken with
 * `listen(0)` or by an outgoing connection (every fetch of the other suites running beside) is
 * always in that range, so none of them can take this one in the second or so between choosing
 * it and clamd binding it (after loading its signatures). Another test's fixed port still could:
 * clamd then says "Cannot bind" and `startClamd` starts it again on another port.
 */
async function unusedPort(): Promise<number> {
  const [low, high] = ephemeralRange();
  const [from, to] = low > 11_024 ? [low - 10_000, low] : [high + 1, Math.min(high + 10_001, 65_536)];
  for (;;) {
    const port = from + Math.floor(Math.random() * (to - from));
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** The ports Linux hands out for listen(0) and outgoing connections. */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = fs
      .readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low && high) return [low, high];
  } catch {
    // not Linux: its default
  }
  return [32_768, 60_999];
}

/** clamd could not bind its TCP port (it then runs on its unix socket alone). */
class PortTakenError extends Error {}

/**
 * `port`: the TCP port to try first (a test of this helper gives a taken one); clamd is started
 * again on another port, a few times, if it cannot bind it.
 */
export async function startClamd(options: { port?: number } = {}): Promise<TestClamd> {
  if (!CLAMD) throw new Error("These tests need Debian's clamav-daemon (clamd); .ci/run installs it.");
  for (let attempt = 1; ; attempt++) {
    try {
      return await startClamdOn(attempt === 1 && options.port ? options.port : await unusedPort());
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= 5) throw error;
    }
  }
}

async function startClamdOn(port: number): Promise<TestClamd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-clamd-'));
  const db = path.join(dir, 'db');
  fs.mkdirSync(db);
  // a body signature (.ndb: name, target 0 = any file, offset * = anywhere, the bytes in hex), so
  // the test string is found inside another file too (a PDF carrying it), as real databases do
  const hex = Buffer.from(EICAR, 'latin1').toString('hex');
  fs.writeFileSync(path.join(db, 'eicar.ndb'), `${SIGNATURE_NAME}:0:*:${hex}\n`);
  const socket = path.join(dir, 'clamd.sock');
  const conf = path.join(dir, 'clamd.conf');
  fs.writeFileSync(
    conf,
    [
      `DatabaseDirectory ${db}`,
      `LocalSocket ${socket}`,
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      'Foreground yes',
      `LogFile ${path.join(dir, 'clamd.log')}`,
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      `TemporaryDirectory ${dir}`,
      'SelfCheck 0',
    ].join('\n') + '\n',
  );
  const child: ChildProcess = spawn(CLAMD!, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logFile = path.join(dir, 'clamd.log');
  const cannotBind = () =>
    stderr.includes('Cannot bind') ||
    (fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').includes('Cannot bind'));
  let done = false;
  void exited.then(() => (done = true));

  const client = (kind: 'socket' | 'tcp' = 'socket') =>
    new ClamdClient(kind === 'socket' ? { socket } : { host: '127.0.0.1', port }, 10_000);
  const waitingClient = (kind: 'socket' | 'tcp') =>
    new ClamdClient(kind === 'socket' ? { socket } : { host: '127.0.0.1', port }, 2_000);
  const stop = async () => {
    if (!done) {
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  // wait for clamd's answer to PING on both listeners (or its exit), never a fixed delay
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (done) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      await stop();
      throw new Error(`clamd exited before answering: ${stderr}\n${log}`);
    }
    if (cannotBind()) {
      await stop();
      throw new PortTakenError(`clamd could not bind 127.0.0.1:${port}`);
    }
    // clamd binds both listeners before it answers on either: once the socket answers, a TCP
    // port it could not bind has been reported (above, on the next round)
    if ((await waitingClient('socket').ping()) && !cannotBind() && (await waitingClient('tcp').ping())) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('clamd did not answer PING within 60 s');
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 25)), exited]);
  }
  return { socket, port, client, stop };
}
