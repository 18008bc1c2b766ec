import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from '@microsoft/agents-hosting';
import { createBotEndpoint } from '../../src/bot/adapter';
import type { IntakeBot } from '../../src/bot/intake-bot';
import { isLoopbackAddress, messagesAccess, serviceUrlAllowed } from '../../src/http/messages-access';
import { startServer } from '../../src/server';
import { directLine, postMessage, requestChat, type DirectLineActivity } from '../channel/support';
import { startReceiver } from '../support/http-bot';
import { tempConfig } from '../support/temp-data';
import { externalAddress, postActivity, rawRequest, statusOf, upgradeRequest } from './support';

type Running = Awaited<ReturnType<typeof startServer>>;

const emulatorMessage = (conversationId: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  id: `m-${conversationId}`,
  channelId: 'emulator',
  conversation: { id: conversationId },
  from: { id: 'prospect', role: 'user' },
  recipient: { id: 'bot' },
  text: 'hello',
  locale: 'en-CA',
  deliveryMode: 'expectReplies',
  serviceUrl: 'http://127.0.0.1:9/unused',
  ...extra,
});

async function alive(server: Running): Promise<boolean> {
  return (await fetch(`${server.url}/healthz`)).ok;
}

/** A website conversation as the page starts it: token, started conversation, the bot's welcome. */
async function websiteConversation(server: Running) {
  const chat = (await requestChat(server.url)).body;
  const started = await directLine(server.url, chat.token, 'POST', '/conversations', { locale: 'en-CA' });
  expect(started.status).toBe(201);
  return { ...chat, streamUrl: String(started.body.streamUrl) };
}

async function activitiesOf(server: Running, token: string, conversationId: string) {
  const response = await directLine(server.url, token, 'GET', `/conversations/${conversationId}/activities`);
  return { status: response.status, activities: (response.body.activities ?? []) as DirectLineActivity[] };
}

describe('attacks on the default website deployment (no MicrosoftAppId)', () => {
  let config: ReturnType<typeof tempConfig>;
  let server: Running;
  beforeAll(async () => {
    config = tempConfig();
    server = await startServer(config);
  });
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  it.each([
    ['a malformed percent-encoding in the stream path', '/v3/directline/conversations/%E0%A4%A/stream'],
    ['a path that is not a URL', '//['],
    ['a malformed watermark', '/v3/directline/conversations/abc/stream?t=x&watermark=%ZZ'],
    ['an absolute URL with a broken host', 'http://[::1/v3/directline/conversations/a/stream'],
  ])('answers a WebSocket upgrade with %s with an HTTP error, and keeps serving', async (_name, path) => {
    const answer = await rawRequest(server.port, upgradeRequest(path));
    expect(statusOf(answer)).toBeGreaterThanOrEqual(400);
    expect(statusOf(answer)).toBeLessThan(500);
    expect(await alive(server)).toBe(true);
  });

  it('does not let /api/messages act in a website conversation, nor read its answers', async () => {
    const chat = await websiteConversation(server);
    const posted = await postMessage(server.url, chat, 'yes');
    expect(posted.status).toBe(200);
    for (const headers of [{}, { 'x-forwarded-for': '203.0.113.7' }] as Record<string, string>[]) {
      const attempt = await postActivity(
        server.url,
        emulatorMessage(chat.conversationId, { channelId: 'directline', text: 'back' }),
        headers,
      );
      expect(attempt.status).toBe(403);
      expect(JSON.stringify(attempt.body)).not.toMatch(/current answer/i);
    }
    // The website conversation did not move: its last bot message is still the role question.
    const { activities } = await activitiesOf(server, chat.token, chat.conversationId);
    expect(activities.filter((a) => a.from.role === 'user').map((a) => a.text)).toEqual(['yes']);
    const record = await server.intake.load(`directline/conversations/${chat.conversationId}`);
    expect(record?.position).toBe('role');
  });

  it('serves /api/messages without an app id to loopback clients only, not through a proxy', async () => {
    const proxied = await postActivity(server.url, emulatorMessage('proxied'), {
      'x-forwarded-for': '198.51.100.2',
    });
    expect(proxied.status).toBe(403);
    expect(await server.intake.load('emulator/conversations/proxied')).toBeUndefined();

    const external = externalAddress();
    if (external) {
      // The same server reached on a non-loopback address of this machine (when it listens there).
      const refused = postActivity(`http://${external}:${server.port}`, emulatorMessage('external'));
      await refused.then(
        (response) => expect(response.status).toBe(403),
        () => undefined, // the server listens on 127.0.0.1 only: unreachable is refused too
      );
    }
    const run = (remoteAddress: string, headers: Record<string, string> = {}) => {
      let status = 0;
      let passed = false;
      const res = {
        status: (code: number) => ((status = code), res),
        json: () => res,
      };
      messagesAccess({ authenticated: false })(
        { body: emulatorMessage('x'), headers, socket: { remoteAddress } } as never,
        res as never,
        () => (passed = true),
      );
      return passed ? 'passed' : status;
    };
    expect(run('203.0.113.9')).toBe(403);
    expect(run('::ffff:10.0.0.4')).toBe(403);
    expect(run('127.0.0.1')).toBe('passed');
    expect(run('::1')).toBe('passed');
    expect(run('::ffff:127.0.0.1', { forwarded: 'for=203.0.113.9' })).toBe(403);
    expect(isLoopbackAddress('127.9.9.9')).toBe(true);
    expect(isLoopbackAddress('128.0.0.1')).toBe(false);
  });

  it('the Emulator still works on loopback', async () => {
    const replies = await postActivity(server.url, emulatorMessage('emulator-ok'));
    expect(replies.status).toBe(200);
    expect((replies.body.activities as unknown[]).length).toBeGreaterThan(0);
  });

  it('sends replies only to loopback service URLs without an app id (no SSRF)', async () => {
    const receiver = http.createServer((_req, res) => res.end('{}'));
    let hits = 0;
    receiver.on('request', () => hits++);
    await new Promise<void>((resolve) => receiver.listen(0, '0.0.0.0', resolve));
    const port = (receiver.address() as AddressInfo).port;
    try {
      const targets = [
        'http://169.254.169.254/latest/meta-data/',
        'http://10.255.255.1/',
        'https://example.com/',
        'http://user:pass@127.0.0.1:9/',
        'file:///etc/passwd',
        ...(externalAddress() ? [`http://${externalAddress()}:${port}/`] : []),
      ];
      for (const serviceUrl of targets) {
        const { status } = await postActivity(
          server.url,
          emulatorMessage(`ssrf-${targets.indexOf(serviceUrl)}`, { serviceUrl, deliveryMode: undefined }),
        );
        expect([serviceUrl, status]).toEqual([serviceUrl, 400]);
      }
      expect(hits).toBe(0);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
    const rules = {
      authenticated: true,
      loopbackCaller: false,
      serviceHosts: ['*.botframework.com', 'ok.example'],
    };
    expect(serviceUrlAllowed('https://smba.botframework.com/amer/', rules)).toBe(true);
    expect(serviceUrlAllowed('https://ok.example/', rules)).toBe(true);
    expect(serviceUrlAllowed('https://evilbotframework.com/', rules)).toBe(false);
    expect(serviceUrlAllowed('http://smba.botframework.com/', rules)).toBe(false);
    expect(serviceUrlAllowed('https://botframework.com.evil.example/', rules)).toBe(false);
    expect(serviceUrlAllowed('http://127.0.0.1:3978/', rules)).toBe(false);
  });

  it('a turn whose replies cannot be delivered neither crashes nor moves the conversation on', async () => {
    const failing = await startReceiver();
    const refusing = http.createServer((_req, res) => {
      res.statusCode = 500;
      res.end('{}');
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const closedPort = 'http://127.0.0.1:9/';
      const answers500 = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/`;
      for (const [index, serviceUrl] of [closedPort, answers500].entries()) {
        const conversation = `undeliverable-${index}`;
        const response = await postActivity(
          server.url,
          emulatorMessage(conversation, { serviceUrl, deliveryMode: undefined }),
        );
        expect(response.status).toBeLessThan(500);
        // The prospect never saw the welcome: nothing was taken from their message.
        expect(await server.intake.load(`emulator/conversations/${conversation}`)).toBeUndefined();
      }
      expect(await alive(server)).toBe(true);
    } finally {
      await failing.close();
      await new Promise((resolve) => refusing.close(resolve));
    }
  }, 60_000);

  it('keeps internal fields out of what browsers receive', async () => {
    const chat = await websiteConversation(server);
    await directLine(server.url, chat.token, 'POST', `/conversations/${chat.conversationId}/activities`, {
      type: 'message',
      text: 'yes',
      serviceUrl: 'http://attacker.example/',
      callerId: 'urn:botframework:azure',
      recipient: { id: 'someone', serviceUrl: 'http://x/' },
    });
    const { activities } = await activitiesOf(server, chat.token, chat.conversationId);
    expect(activities.length).toBeGreaterThan(2);
    const text = JSON.stringify(activities);
    expect(text).not.toMatch(/serviceUrl|callerId|connector|attacker\.example/i);
    expect(text).not.toContain(server.website.channel ? 'directline-connector' : '-');
  });

  it.each([
    ['an object id', { id: { nested: true } }],
    ['a conversation id that is an object', { conversation: { id: { $gt: '' } } }],
    ['a 200,000-character conversation id', { conversation: { id: 'x'.repeat(200_000) } }],
    [
      'a conversationUpdate without from',
      { type: 'conversationUpdate', from: undefined, membersAdded: [{ id: 'u' }] },
    ],
    ['a channel id with a path in it', { channelId: 'directline/conversations/x' }],
    ['an invoke activity', { type: 'invoke', name: 'x' }],
    ['text that is a number', { text: 42 }],
    // the Agents SDK's own schema refuses what the endpoint's check lets through: still a 400
    ['an empty locale', { locale: '' }],
    ['a reply to an empty id', { replyToId: '' }],
  ])('answers 400 to %s, and records nothing', async (_name, extra) => {
    const conversation = `bad-${Math.random().toString(36).slice(2)}`;
    const { status } = await postActivity(server.url, emulatorMessage(conversation, extra));
    expect(status).toBe(400);
    expect(await server.intake.load(`emulator/conversations/${conversation}`)).toBeUndefined();
  });

  it('refuses a deeply nested activity rather than answering it unrecorded', async () => {
    const conversation = 'deep-1';
    const body = JSON.stringify(emulatorMessage(conversation, { channelData: { marker: true } })).replace(
      '{"marker":true}',
      `${'{"deep":'.repeat(5000)}true${'}'.repeat(5000)}`,
    );
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await server.intake.load(`emulator/conversations/${conversation}`)).toBeUndefined();
    expect(await server.transcripts.read('emulator', conversation)).toEqual([]);
    // The website channel refuses it too.
    const chat = await websiteConversation(server);
    const deepPost = await fetch(
      `${server.url}/v3/directline/conversations/${chat.conversationId}/activities`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${chat.token}` },
        body: `{"type":"message","text":"yes","value":${'{"deep":'.repeat(5000)}true${'}'.repeat(5000)}}`,
      },
    );
    expect(deepPost.status).toBe(400);
    // A normal activity is answered and recorded.
    const ok = await postActivity(
      server.url,
      emulatorMessage('deep-2', { channelData: { a: { b: { c: 1 } } } }),
    );
    expect(ok.status).toBe(200);
    await server.transcripts.settled();
    expect((await server.transcripts.read('emulator', 'deep-2')).length).toBeGreaterThan(1);
  });

  it('a privacy deletion drops the website conversation from the channel and revokes its tokens', async () => {
    const chat = await websiteConversation(server);
    const before = await activitiesOf(server, chat.token, chat.conversationId);
    expect(before.activities.length).toBeGreaterThan(0);
    await server.staff.eraser.forgetConversation(`directline/conversations/${chat.conversationId}`);
    const after = await activitiesOf(server, chat.token, chat.conversationId);
    expect(after.status).toBe(403);
    expect(JSON.stringify(after)).not.toContain('welcome');
    const refreshed = await directLine(server.url, chat.token, 'POST', '/tokens/refresh');
    expect(refreshed.status).toBe(403);
    const stream = new URL(chat.streamUrl);
    expect(
      statusOf(await rawRequest(server.port, upgradeRequest(`${stream.pathname}${stream.search}`))),
    ).toBe(403);
    expect((await requestChat(server.url, { resumeCode: chat.resumeCode })).status).toBe(404);
  });
});

describe('the turn error handler', () => {
  it('never throws, even when the apology cannot be delivered', async () => {
    const endpoint = createBotEndpoint({ run: () => Promise.resolve() } as unknown as IntakeBot, {});
    const context = {
      activity: { channelId: 'emulator', conversation: { id: 'c' }, locale: 'fr-CA' },
      sendActivity: () => Promise.reject(new Error('connect ECONNREFUSED')),
    } as unknown as TurnContext;
    await expect(
      endpoint.adapter.onTurnError(context, new Error('delivery failed')),
    ).resolves.toBeUndefined();
  });
});

describe('channel tokens when the key set cannot be fetched', () => {
  it('answers 401 to a forged token and 503 when keys are needed, never 500', async () => {
    const config = tempConfig({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      // a tenant whose key set cannot be fetched (nothing listens on port 9)
      authorityEndpoint: 'http://127.0.0.1:9/local-tenant',
    });
    const server = await startServer(config);
    try {
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const forged = `${b64({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${b64({
        iss: 'http://127.0.0.1:9/local-tenant/v2.0',
        aud: '11111111-2222-3333-4444-555555555555',
        exp: Math.floor(Date.now() / 1000) + 600,
      })}.${Buffer.from('not a signature').toString('base64url')}`;
      const activity = { ...emulatorMessage('jwt-1'), channelId: 'webchat' };
      for (const authorization of [
        `Bearer ${forged}`,
        'Bearer not.a.jwt',
        'Basic abc',
        `Bearer ${'a'.repeat(5000)}`,
      ]) {
        const { status } = await postActivity(server.url, activity, { authorization });
        expect([authorization.slice(0, 20), status]).toEqual([
          authorization.slice(0, 20),
          expect.any(Number),
        ]);
        expect([401, 503]).toContain(status);
      }
      expect(await alive(server)).toBe(true);
      expect(await server.intake.load('webchat/conversations/jwt-1')).toBeUndefined();
    } finally {
      await server.close();
      config.cleanup();
    }
  });
});
