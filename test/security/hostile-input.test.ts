import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startServer } from '../../src/server';
import { directLine, requestChat } from '../channel/support';
import { startReceiver } from '../support/http-bot';
import { rawRequest, statusOf, upgradeRequest } from './support';
import { mulberry32 } from '../../tools/random';

/**
 * A seeded fuzzer of hostile requests against a real listening server in its default website
 * deployment: malformed activities and Direct Line calls, odd ids, wrong types, `__proto__`, deep
 * JSON, huge bodies, bad content types, broken upgrade URLs and undeliverable service URLs.
 * Whatever comes in: no answer >= 500, the server keeps serving, nothing is written outside
 * DATA_DIR. Same seed, same requests: a failure names the request that caused it.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 12;

const LONG_ID = 'x'.repeat(200_000);
const ODD_IDS = [
  '../x',
  '..\\x',
  '../../../../etc/passwd',
  '%2e%2e%2fx',
  '/absolute',
  'a/conversations/b',
  '',
  ' ',
  '\u0000',
  'é🙂\u202e',
  '__proto__',
  'constructor',
  'prototype',
  LONG_ID,
  'x'.repeat(1025),
  'CON',
  'a'.repeat(255),
];
const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(20_000),
  [],
  [1, 2],
  {},
  { $gt: '' },
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { toString: 'x', valueOf: 'y' },
];
const BAD_SERVICE_URLS = [
  'http://169.254.169.254/',
  'http://10.0.0.1/',
  'https://example.com/',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/',
  'http://user:pass@127.0.0.1/',
  'http://[::1',
  'javascript:alert(1)',
  'not a url',
];
const UPGRADE_PATHS = [
  '/v3/directline/conversations/%E0%A4%A/stream',
  '//[',
  '/v3/directline/conversations/%/stream',
  '/v3/directline/conversations/abc/stream?t=%E0%A4%A',
  '/v3/directline/conversations/abc/stream?t=a.b.c&watermark=-5',
  '/v3/directline/conversations/../../stream',
  `/v3/directline/conversations/${'a'.repeat(10_000)}/stream`,
  'http://[::1/stream',
  '*',
  '/v3/directline/conversations//stream',
  '/%00',
];
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-7',
  'application/json; charset=nope',
  'application/xml',
  '',
];

interface Probe {
  label: string;
  run: (base: string, port: number) => Promise<number>;
}

async function send(base: string, pathname: string, init: RequestInit): Promise<number> {
  const response = await fetch(`${base}${pathname}`, init);
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
}

function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function makeProbes(
  random: () => number,
  token: { value: string; conversationId: string },
  receiverUrl: string,
): Probe[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const probes: Probe[] = [];
  const activity = (): Record<string, unknown> => ({
    type: 'message',
    id: `m${Math.floor(random() * 1e9)}`,
    channelId: 'emulator',
    conversation: { id: `fuzz-${Math.floor(random() * 400)}` },
    from: { id: 'prospect', role: 'user' },
    recipient: { id: 'bot' },
    text: pick(['hello', 'yes', 'back', 'help', 'restart', 'confirm', 'talk to a person', 'no', '']),
    locale: pick(['en-CA', 'fr-CA', 'xx', '']),
    deliveryMode: 'expectReplies',
    // A channel stand-in that takes every reply: only the probes meant to be undeliverable are.
    serviceUrl: receiverUrl,
  });
  const post = (label: string, body: string, contentType = 'application/json', headers = {}) =>
    probes.push({
      label,
      run: (base) =>
        send(base, '/api/messages', {
          method: 'POST',
          headers: contentType ? { 'content-type': contentType, ...headers } : headers,
          body,
        }),
    });

  for (let i = 0; i < REQUESTS; i++) {
    const kind = random();
    if (kind < 0.15) {
      // A mutated activity: one to three fields replaced by odd values, ids or removed.
      const a = activity();
      const mutations = 1 + Math.floor(random() * 3);
      for (let m = 0; m < mutations; m++) {
        const field = pick([
          'type',
          'id',
          'channelId',
          'conversation',
          'from',
          'recipient',
          'text',
          'locale',
          'deliveryMode',
          'serviceUrl',
          'membersAdded',
          'value',
          'channelData',
          'attachments',
          'entities',
          'timestamp',
          'replyToId',
          '__proto__',
        ]);
        const how = random();
        if (how < 0.2) delete a[field];
        else if (how < 0.45) a[field] = pick(ODD_VALUES);
        else if (how < 0.7 && ['conversation', 'from', 'recipient'].includes(field))
          a[field] = { id: pick(ODD_IDS) };
        else if (how < 0.8) a[field] = pick(ODD_IDS);
        else if (how < 0.9)
          a.type = pick(['conversationUpdate', 'invoke', 'event', 'typing', 'endOfConversation', 'x']);
        else a.membersAdded = pick([[{ id: 'u' }], [{}], [null], 'x', [{ id: pick(ODD_IDS) }]]);
      }
      const headers = random() < 0.1 ? { 'x-forwarded-for': '203.0.113.1' } : {};
      post(
        `mutated activity ${JSON.stringify(a).slice(0, 200)}`,
        JSON.stringify(a),
        'application/json',
        headers,
      );
    } else if (kind < 0.25) {
      const a: Record<string, unknown> = { ...activity(), serviceUrl: pick(BAD_SERVICE_URLS) };
      delete a.deliveryMode;
      post(`service URL ${String(a.serviceUrl)}`, JSON.stringify(a));
    } else if (kind < 0.32) {
      const depth = pick([30, 100, 1000, 10_000]);
      post(`deep JSON ${depth}`, JSON.stringify(activity()).replace(/}$/, `,"value":${deepJson(depth)}}`));
    } else if (kind < 0.35) {
      const size = pick([300_000, 1_000_000]);
      post(`huge body ${size}`, JSON.stringify({ ...activity(), text: 'x'.repeat(size) }));
    } else if (kind < 0.45) {
      const type = pick(CONTENT_TYPES);
      post(`content type "${type}"`, pick([JSON.stringify(activity()), 'a=b', '<x/>', '']), type);
    } else if (kind < 0.55) {
      post(
        'broken JSON',
        pick(['{', '{"type":', '[]', 'null', '"x"', '1', '{"a":1}}', '\u0000', '{"__proto__":[]}']),
      );
    } else if (kind < 0.68) {
      const target = pick(UPGRADE_PATHS);
      probes.push({
        label: `upgrade ${target.slice(0, 80)}`,
        run: async (_base, port) => statusOf(await rawRequest(port, upgradeRequest(target))),
      });
    } else if (kind < 0.85) {
      // Direct Line calls with odd tokens, ids and bodies.
      const conversationId =
        random() < 0.5 ? token.conversationId : pick(ODD_IDS.filter((id) => id.length < 2000));
      const bearer = pick([token.value, '', 'x', `${token.value}x`, 'a.b.c', LONG_ID.slice(0, 5000)]);
      const method = pick(['GET', 'POST'] as const);
      const where = pick([
        `/conversations/${encodeURIComponent(conversationId)}/activities`,
        `/conversations/${encodeURIComponent(conversationId)}`,
        `/conversations/${conversationId}/activities?watermark=${pick(['-1', 'x', '1e400', '%', ''])}`,
        '/conversations',
        '/tokens/refresh',
        '/tokens/generate',
        `/conversations/${encodeURIComponent(conversationId)}/upload`,
        '/../../../etc/passwd',
      ]);
      const body =
        method === 'POST'
          ? pick<unknown>([
              { type: 'message', text: 'hi' },
              { type: pick(ODD_VALUES), text: pick(ODD_VALUES) },
              { type: 'message', attachments: [{}] },
              { type: 'message', value: JSON.parse(deepJson(50)) as unknown },
              { type: 'message', from: { id: pick(ODD_IDS) }, serviceUrl: 'http://evil/' },
              pick(ODD_VALUES),
            ])
          : undefined;
      probes.push({
        label: `direct line ${method} ${where.slice(0, 80)}`,
        run: (base) =>
          send(base, `/v3/directline${where}`, {
            method,
            headers: {
              ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
      });
    } else if (kind < 0.9) {
      const body = pick<unknown>([
        { resumeCode: pick(ODD_IDS.filter((id) => id.length < 100)) },
        { resumeCode: pick(ODD_VALUES) },
        { locale: pick(ODD_VALUES) },
        'x',
        { extra: 1 },
      ]);
      probes.push({
        label: `token endpoint ${JSON.stringify(body).slice(0, 80)}`,
        run: (base) =>
          send(base, '/api/webchat/token', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }),
      });
    } else {
      const target = pick([
        '/%E0%A4%A',
        '/build/..%2f..%2fpackage.json',
        '/build/%2e%2e/%2e%2e/package.json',
        '/staff/%',
        '/staff/leads/..%2f..%2f',
        `/staff/leads/${encodeURIComponent(pick(ODD_IDS.filter((id) => id.length < 2000)))}`,
        '/api/messages',
        '/healthz?x=%',
        '/v3/directline/%',
        `/${'a'.repeat(8000)}`,
      ]);
      probes.push({
        label: `path ${target.slice(0, 80)}`,
        run: (base) => send(base, target, { method: pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']) }),
      });
    }
  }
  return probes;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('hostile input against a listening server', () => {
  it(`answers ${REQUESTS} seeded hostile requests without a server error, a crash or a stray file`, async () => {
    const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-intake-fuzz-'));
    const dataDir = path.join(sandbox, 'data');
    const repoData = path.resolve(__dirname, '..', '..', 'data');
    const repoDataBefore = listFiles(repoData);
    const config = { ...loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1' }), PORT: 0 as unknown as number };
    const server = await startServer(config);
    const receiver = await startReceiver();
    const serverErrors: string[] = [];
    try {
      const chat = (await requestChat(server.url)).body;
      const started = await directLine(server.url, chat.token, 'POST', '/conversations', {});
      expect(started.status).toBe(201);
      const probes = makeProbes(
        mulberry32(SEED),
        { value: chat.token, conversationId: chat.conversationId },
        receiver.url,
      );
      // A few turns whose replies cannot be delivered (botbuilder retries each for seconds).
      for (let i = 0; i < 3; i++) {
        probes.push({
          label: `undeliverable reply ${i}`,
          run: (base) =>
            send(base, '/api/messages', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                type: 'message',
                channelId: 'emulator',
                conversation: { id: `undeliverable-${i}` },
                from: { id: 'p' },
                recipient: { id: 'b' },
                text: 'hello',
                serviceUrl: 'http://127.0.0.1:9/closed',
              }),
            }),
        });
      }
      const statuses = new Map<number, number>();
      let next = 0;
      const worker = async () => {
        while (next < probes.length) {
          const probe = probes[next++]!;
          let status: number;
          try {
            status = await probe.run(server.url, server.port);
          } catch (error) {
            // A connection closed on a huge body is the server protecting itself, not a crash.
            status = 0;
            if (!/fetch failed|socket|ECONNRESET|EPIPE/i.test(String((error as Error).cause ?? error)))
              serverErrors.push(`${probe.label}: ${String(error)}`);
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) serverErrors.push(`${status} ← ${probe.label}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));

      expect(serverErrors.slice(0, 20)).toEqual([]);
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // The real intake still works after all that.
      const replies = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          channelId: 'emulator',
          conversation: { id: 'after-the-storm' },
          from: { id: 'p' },
          recipient: { id: 'b' },
          text: 'hello',
          deliveryMode: 'expectReplies',
        }),
      });
      expect(replies.status).toBe(200);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      await server.close();
      await receiver.close();
    }
    // Nothing outside DATA_DIR: the sandbox holds only it, and the repository's data/ is untouched.
    expect(fs.readdirSync(sandbox)).toEqual(['data']);
    expect(listFiles(repoData)).toEqual(repoDataBefore);
    fs.rmSync(sandbox, { recursive: true, force: true });
  }, 400_000);
});
