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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startClamd(): Promise<TestClamd> {
  if (!CLAMD) throw new Error("These tests need Debian's clamav-daemon (clamd); .ci/run installs it.");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-clamd-'));
  const db = path.join(dir, 'db');
  fs.mkdirSync(db);
  // a body signature (.ndb: name, target 0 = any file, offset * = anywhere, the bytes in hex), so
  // the test string is found inside another file too (a PDF carrying it), as real databases do
  const hex = Buffer.from(EICAR, 'latin1').toString('hex');
  fs.writeFileSync(path.join(db, 'eicar.ndb'), `${SIGNATURE_NAME}:0:*:${hex}\n`);
  const socket = path.join(dir, 'clamd.sock');
  const port = await freePort();
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
  const child: ChildProcess = spawn(CLAMD, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));

  const client = (kind: 'socket' | 'tcp' = 'socket') =>
    new ClamdClient(kind === 'socket' ? { socket } : { host: '127.0.0.1', port }, 10_000);
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
      const log = fs.existsSync(path.join(dir, 'clamd.log'))
        ? fs.readFileSync(path.join(dir, 'clamd.log'), 'utf8')
        : '';
      await stop();
      throw new Error(`clamd exited before answering: ${stderr}\n${log}`);
    }
    if ((await client('socket').ping()) && (await client('tcp').ping())) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error('clamd did not answer PING within 60 s');
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 25)), exited]);
  }
  return { socket, port, client, stop };
}
