import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Answers } from '../../src/intake/steps';
import { buildLead, type Lead } from '../../src/screening/lead';
import { HandoffStore } from '../../src/staff/handoffs';
import { openFileStorage } from '../../src/storage/file';
import type { FileOutbox } from '../../src/storage/file/outbox';

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A local HTTP receiver (a stand-in for Clio Grow or a webhook consumer). `failures` requests are
 * answered 500 first, then 201.
 */
export async function startHttpReceiver(options: { failures?: number } = {}) {
  const received: ReceivedRequest[] = [];
  let failuresLeft = options.failures ?? 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('receiver is down, and echoes private data: Priya');
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext(count: number) {
      failuresLeft = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function leadOf(
  answers: Answers,
  id = 'lead-0001',
  overrides: Partial<{ createdAt: string; handoffRequested: boolean }> = {},
): Lead {
  return buildLead({
    id,
    reference: `IMP-2026-TEST-${id.slice(-4).toUpperCase()}`,
    createdAt: overrides.createdAt ?? '2026-11-25T17:00:00.000Z',
    locale: 'en-CA',
    answers,
    handoffRequested: overrides.handoffRequested ?? false,
  });
}

export function storesIn(dataDir: string) {
  const storage = openFileStorage(dataDir);
  return {
    leads: storage.leads,
    handoffs: new HandoffStore(storage.handoffs),
    outbox: storage.outbox as FileOutbox,
  };
}

type Falsy = false | 0 | '' | null | undefined;

/** Waits until `check` returns a truthy value (polling), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | Falsy> | T | Falsy,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
