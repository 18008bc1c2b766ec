import net from 'node:net';

/**
 * A client of ClamAV's daemon (`clamd`, Debian's clamav-daemon) over its INSTREAM command: the
 * bytes go to the scanner in chunks, each preceded by its length (4 bytes, big-endian), ended by a
 * zero length; clamd answers "stream: OK" or "stream: <signature> FOUND". Commands use the
 * `z` prefix, so every message is NUL-terminated.
 *
 * Anything but a clear answer — clamd not listening, a timeout, an "ERROR" (a size limit) — is
 * ScannerUnavailableError: the caller refuses the file ("try again later") and never keeps it
 * unscanned.
 */

export type ClamdAddress = { socket: string } | { host: string; port: number };

export type ScanResult = { clean: true } | { clean: false; signature: string };

export interface Scanner {
  scan(bytes: Uint8Array): Promise<ScanResult>;
}

export class ScannerUnavailableError extends Error {
  readonly code = 'scanner-down';
  constructor(reason: string) {
    super(`The virus scanner is not available (${reason}): try again later.`);
    this.name = 'ScannerUnavailableError';
  }
}

/** Bytes sent per INSTREAM chunk (clamd's StreamMaxLength bounds the whole stream, 25 MB by default). */
const CHUNK_BYTES = 64 * 1024;

export class ClamdClient implements Scanner {
  constructor(
    private readonly address: ClamdAddress,
    private readonly timeoutMs = 30_000,
  ) {}

  /** "PONG" when clamd is up. */
  async ping(): Promise<boolean> {
    try {
      return (await this.command(Buffer.from('zPING\0'))) === 'PONG';
    } catch {
      return false;
    }
  }

  async scan(bytes: Uint8Array): Promise<ScanResult> {
    const parts: Buffer[] = [Buffer.from('zINSTREAM\0')];
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      const chunk = bytes.subarray(at, Math.min(at + CHUNK_BYTES, bytes.length));
      const size = Buffer.alloc(4);
      size.writeUInt32BE(chunk.length);
      parts.push(size, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
    parts.push(Buffer.alloc(4)); // a zero length ends the stream
    const reply = await this.command(Buffer.concat(parts));
    if (reply === 'stream: OK') return { clean: true };
    const found = /^stream: (.+) FOUND$/.exec(reply);
    if (found) return { clean: false, signature: found[1]! };
    throw new ScannerUnavailableError(`unexpected reply "${reply.slice(0, 100)}"`);
  }

  /** Sends one NUL-terminated command and reads the NUL-terminated reply. */
  private command(request: Buffer): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket =
        'socket' in this.address
          ? net.createConnection({ path: this.address.socket })
          : net.createConnection({ host: this.address.host, port: this.address.port });
      const received: Buffer[] = [];
      let settled = false;
      const finish = (error: Error | undefined, reply?: string) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        if (error) reject(error);
        else resolve(reply!);
      };
      socket.setTimeout(this.timeoutMs, () => finish(new ScannerUnavailableError('no answer in time')));
      socket.on('error', (error) => finish(new ScannerUnavailableError(error.message)));
      socket.on('data', (data) => {
        received.push(data);
        const all = Buffer.concat(received);
        const end = all.indexOf(0);
        if (end >= 0) finish(undefined, all.subarray(0, end).toString('utf8').trim());
      });
      socket.on('end', () => {
        const reply = Buffer.concat(received).toString('utf8').replace(/\0+$/, '').trim();
        if (reply) finish(undefined, reply);
        else finish(new ScannerUnavailableError('the connection closed without an answer'));
      });
      socket.on('connect', () => socket.write(request));
    });
  }
}
