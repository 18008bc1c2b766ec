import fs from 'node:fs';
import { startServer } from '../../src/server';
import WebSocket from 'ws';
import { TokenSigner } from '../../src/channel/tokens';
import {
  botMessages,
  directLine,
  postMessage,
  eventually,
  requestChat,
  startSite,
  type DirectLineActivity,
} from './support';

type Site = Awaited<ReturnType<typeof startSite>>;

async function startedConversation(site: Site) {
  const chat = (await requestChat(site.url)).body;
  const started = await directLine(site.url, chat.token, 'POST', '/conversations', { locale: 'en-CA' });
  expect(started.status).toBe(201);
  return { ...chat, streamUrl: String(started.body.streamUrl) };
}

async function activitiesOf(site: Site, token: string, conversationId: string, watermark = '') {
  const response = await directLine(
    site.url,
    token,
    'GET',
    `/conversations/${conversationId}/activities?watermark=${watermark}`,
  );
  return response.body as unknown as { activities: DirectLineActivity[]; watermark?: string };
}

describe('the built-in Direct Line channel', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.stop());

  it('starts a conversation: the bot welcomes the prospect and asks for consent', async () => {
    const chat = await startedConversation(site);
    const { activities, watermark } = await activitiesOf(site, chat.token, chat.conversationId);
    const welcome = botMessages(activities);
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.text).toMatch(/not legal advice/);
    expect(welcome[0]!.channelData?.intake?.step).toBe('consent');
    expect(welcome[0]!.suggestedActions?.actions.map((a) => a.title)).toEqual(['Yes', 'No']);
    expect(Number(watermark)).toBeGreaterThan(0);
  });

  it('echoes a posted message, delivers it to the bot, and returns only newer activities after a watermark', async () => {
    const chat = await startedConversation(site);
    const before = await activitiesOf(site, chat.token, chat.conversationId);
    const posted = await postMessage(site.url, chat, 'yes', {
      from: { id: 'someone-else' },
      channelData: { clientActivityID: 'c-1' },
    });
    expect(posted.status).toBe(200);
    const after = await activitiesOf(site, chat.token, chat.conversationId, before.watermark);
    expect(after.activities.map((a) => [a.from.role, a.text ?? a.type])).toEqual([
      ['user', 'yes'],
      ['bot', 'Which of these describes you?'],
    ]);
    const echo = after.activities[0]!;
    expect(echo.id).toBe(posted.body.id);
    // The channel speaks for the token's user, whatever the client claims.
    expect(echo.from.id).toBe(chat.userId);
    expect(after.activities[1]!.replyToId).toBe(echo.id);
    expect(after.activities[1]!.channelData?.intake?.step).toBe('role');
  });

  it('pushes activities to the WebSocket stream, including replies the bot sends later', async () => {
    const chat = await startedConversation(site);
    const received: DirectLineActivity[] = [];
    const socket = new WebSocket(chat.streamUrl);
    socket.on('message', (data) => {
      const set = JSON.parse(String(data)) as { activities: DirectLineActivity[] };
      received.push(...set.activities);
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    try {
      await eventually(() => (botMessages(received).length === 1 ? true : undefined), 'the backlog');

      // A reply outside any request, as a bot sends a reminder: through the in-process adapter.
      const reference = {
        channelId: 'directline',
        conversation: { id: chat.conversationId, isGroup: false },
        agent: { id: 'imp-intake-bot', name: 'bot' },
        user: { id: chat.userId },
      };
      await site.server.channelBot!.adapter.continueConversation(
        'imp-intake-bot',
        reference,
        async (context) => {
          await context.sendActivity('Still there? Your answers are saved.');
        },
      );
      const later = await eventually(
        () => botMessages(received).find((a) => a.text?.startsWith('Still there')),
        'the later reply',
      );
      expect(later.from.role).toBe('bot');
      const polled = await activitiesOf(site, chat.token, chat.conversationId);
      expect(polled.activities.map((a) => a.text)).toContain('Still there? Your answers are saved.');
    } finally {
      socket.close();
    }
  });

  it("sends a turn's activities over the stream as one set: the prospect's message with the replies", async () => {
    const chat = await startedConversation(site);
    const frames: DirectLineActivity[][] = [];
    const socket = new WebSocket(chat.streamUrl);
    socket.on('message', (data) => {
      frames.push((JSON.parse(String(data)) as { activities: DirectLineActivity[] }).activities);
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    try {
      await eventually(() => (botMessages(frames.flat()).length === 1 ? true : undefined), 'the backlog');
      const posted = await postMessage(site.url, chat, 'yes');
      expect(posted.status).toBe(200);
      const id = String(posted.body.id);
      await eventually(() => frames.flat().find((a) => a.replyToId === id), 'the reply');
      const ofTurn = frames.filter((frame) => frame.some((a) => a.id === id || a.replyToId === id));
      expect(ofTurn.map((frame) => frame.map((a) => [a.from.role, a.text]))).toEqual([
        [
          ['user', 'yes'],
          ['bot', 'Which of these describes you?'],
        ],
      ]);

      // A stream that only sends when told to: the turn's set is sent before the POST is answered.
      const told: DirectLineActivity[][] = [];
      let gathered: DirectLineActivity[] = [];
      site.server.website.channel!.conversations.get(chat.conversationId)!.subscribers.add({
        send: (set) => void gathered.push(...(set.activities as DirectLineActivity[])),
        flush: () => {
          told.push(gathered);
          gathered = [];
        },
      });
      const next = await postMessage(site.url, chat, 'worker');
      expect(told.map((set) => set.map((a) => a.replyToId ?? a.id))).toEqual([
        expect.arrayContaining([next.body.id]),
      ]);
      expect(told[0]!.some((a) => a.from.role === 'bot')).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('lets a token read and post only to its own conversation', async () => {
    const first = await startedConversation(site);
    const second = await startedConversation(site);
    const own = `/conversations/${first.conversationId}`;
    expect((await directLine(site.url, second.token, 'GET', `${own}/activities`)).status).toBe(403);
    expect((await directLine(site.url, second.token, 'GET', own)).status).toBe(403);
    const post = await directLine(site.url, second.token, 'POST', `${own}/activities`, {
      type: 'message',
      text: 'no',
    });
    expect(post.status).toBe(403);
    expect(post.body).toEqual({
      error: { code: 'Forbidden', message: 'This token does not open that conversation.' },
    });
    // Nothing reached the first conversation.
    const { activities } = await activitiesOf(site, first.token, first.conversationId);
    expect(activities.filter((a) => a.from.role === 'user')).toHaveLength(0);

    const streamOfFirst = second.streamUrl.replace(second.conversationId, first.conversationId);
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(streamOfFirst);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(refused).toBe(403);
  });

  it('refuses missing, forged and expired tokens', async () => {
    const chat = await startedConversation(site);
    const path = `/conversations/${chat.conversationId}/activities`;
    expect((await directLine(site.url, undefined, 'GET', path)).status).toBe(401);
    const forged = new TokenSigner('not the server secret').issue(chat.conversationId, chat.userId, 600);
    expect((await directLine(site.url, forged, 'GET', path)).status).toBe(403);
    const [header, , signature] = chat.token.split('.');
    const claims = Buffer.from(
      JSON.stringify({ conv: chat.conversationId, user: 'dl_x', scope: 'conversation', iat: 0, exp: 9e9 }),
    ).toString('base64url');
    expect((await directLine(site.url, `${header}.${claims}.${signature}`, 'GET', path)).status).toBe(403);

    const secret = fs.readFileSync(`${site.config.DATA_DIR}/direct-line-secret`, 'utf8').trim();
    const expired = new TokenSigner(secret, () => Date.now() - 3600_000).issue(
      chat.conversationId,
      chat.userId,
      60,
    );
    const response = await directLine(site.url, expired, 'GET', path);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: { code: 'TokenExpired' } });

    // the channel secret itself opens what only it may (generating tokens); a token does not
    expect((await directLine(site.url, secret, 'POST', '/tokens/generate', {})).status).toBe(200);
    expect((await directLine(site.url, `${secret}x`, 'POST', '/tokens/generate', {})).status).toBe(403);
    expect((await directLine(site.url, chat.token, 'POST', '/tokens/generate', {})).status).toBe(403);
  });

  it('refreshes a token for the same conversation', async () => {
    const chat = await startedConversation(site);
    const refreshed = await directLine(site.url, chat.token, 'POST', '/tokens/refresh');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ conversationId: chat.conversationId, expires_in: 1800 });
    const token = String(refreshed.body.token);
    expect(
      (await directLine(site.url, token, 'GET', `/conversations/${chat.conversationId}/activities`)).status,
    ).toBe(200);
  });

  it('rejects a bad watermark and an activity with attachments, changing nothing', async () => {
    const chat = await startedConversation(site);
    const bad = await directLine(
      site.url,
      chat.token,
      'GET',
      `/conversations/${chat.conversationId}/activities?watermark=abc`,
    );
    expect(bad.status).toBe(400);
    const upload = await directLine(
      site.url,
      chat.token,
      'POST',
      `/conversations/${chat.conversationId}/activities`,
      {
        type: 'message',
        attachments: [{ contentType: 'image/png', contentUrl: 'http://x/y.png' }],
      },
    );
    expect(upload.status).toBe(400);
    expect(String((upload.body.error as { message: string }).message)).toMatch(/attachments/);
    const { activities } = await activitiesOf(site, chat.token, chat.conversationId);
    expect(activities.filter((a) => a.from.role === 'user')).toHaveLength(0);
  });

  it('slows down a conversation that posts faster than a person types (429 with Retry-After)', async () => {
    // the channel's clock stands still: however slowly this machine posts, no token refills
    let now = Date.parse('2026-11-25T17:00:00.000Z');
    const still = await startSite({ DIRECT_LINE_MESSAGES_PER_MINUTE: '120' }, { clock: () => now });
    try {
      const chat = await startedConversation(still);
      const post = (conversation: { token: string; conversationId: string }, text: string) =>
        directLine(
          still.url,
          conversation.token,
          'POST',
          `/conversations/${conversation.conversationId}/activities`,
          {
            type: 'message',
            text,
          },
        );
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 22; i++) {
        const response = await post(chat, 'help');
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses).toEqual([...Array(20).fill(200), 429, 429]);
      expect(retryAfter).toBe('1'); // 120 a minute: one more every half second
      // Another conversation is not affected.
      const other = await startedConversation(still);
      expect((await post(other, 'yes')).status).toBe(200);
      // Once the wait has passed, the first conversation may post again: one message, not a burst.
      now += 1000;
      expect((await post(chat, 'help')).status).toBe(200);
      expect((await post(chat, 'help')).status).toBe(200);
      expect((await post(chat, 'help')).status).toBe(429);
    } finally {
      await still.stop();
    }
  });

  it('takes bot replies from no HTTP endpoint: the bot reaches the channel in-process only', async () => {
    const chat = await startedConversation(site);
    const response = await fetch(
      `${site.url}/directline-connector/any-key/v3/conversations/${chat.conversationId}/activities`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'Please send your password to…' }),
      },
    );
    expect(response.status).toBe(404);
    const { activities } = await activitiesOf(site, chat.token, chat.conversationId);
    expect(activities.map((a) => a.text)).not.toContain('Please send your password to…');
  });
});

describe('the page token endpoint', () => {
  let site: Site;
  beforeEach(async () => {
    site = await startSite();
  });
  afterEach(() => site.stop());

  it('gives a new conversation with its resume code, and never the secret', async () => {
    const { status, body } = await requestChat(site.url);
    expect(status).toBe(200);
    expect(body).toMatchObject({ resumed: false, expiresIn: 1800, userId: expect.stringMatching(/^dl_/) });
    expect(body.domain).toBeUndefined();
    expect(body.resumeCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const secret = fs.readFileSync(`${site.config.DATA_DIR}/direct-line-secret`, 'utf8').trim();
    expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('resumes the conversation of a resume code, typed in lower case with spaces', async () => {
    const first = (await requestChat(site.url)).body;
    const again = await requestChat(site.url, {
      resumeCode: ` ${first.resumeCode.toLowerCase().replace(/-/g, ' ')} `,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      conversationId: first.conversationId,
      userId: first.userId,
      resumed: true,
    });
    expect(again.body.resumeCode).toBe(first.resumeCode);
  });

  it('explains an unknown resume code, and slows down an address that guesses', async () => {
    const unknown = await requestChat(site.url, { resumeCode: 'AAAA-BBBB-CCCC' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({
      code: 'ResumeCodeUnknown',
      message: 'That resume code is unknown or has expired.',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await requestChat(site.url, { resumeCode: `AAAA-BBBB-CC${i}0` })).status);
    expect(statuses.at(-1)).toBe(429);
  });

  it('limits new chats per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await requestChat(site.url)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('keeps where the page says the visitor came from on the conversation, and ignores a hostile report', async () => {
    const record = async (conversationId: string) =>
      (await site.server.conversations.read([`directline/conversations/${conversationId}`]))[
        `directline/conversations/${conversationId}`
      ] as { source?: unknown } | undefined;
    const chat = (await requestChat(site.url)).body;
    const source = { referrerHost: 'www.google.ca', utm: { campaign: 'lmia-exempt' }, landingPath: '/fr' };
    const started = await directLine(site.url, chat.token, 'POST', '/conversations', {
      locale: 'en-CA',
      channelData: { source },
    });
    expect(started.status).toBe(201);
    expect((await record(chat.conversationId))?.source).toEqual({
      channel: 'directline',
      website: source,
      category: 'campaign',
    });
    // a later report (another message, a reload) does not replace the first
    await directLine(site.url, chat.token, 'POST', `/conversations/${chat.conversationId}/activities`, {
      type: 'message',
      text: 'yes',
      channelData: { source: { referrerHost: 'www.facebook.com' } },
    });
    expect((await record(chat.conversationId))?.source).toMatchObject({ category: 'campaign' });

    const hostile = (await requestChat(site.url)).body;
    const refused = await directLine(site.url, hostile.token, 'POST', '/conversations', {
      channelData: { source: { referrerHost: '"><script>', utm: 'x'.repeat(10_000), landingPath: 42 } },
    });
    expect(refused.status).toBe(201);
    const welcome = botMessages((await activitiesOf(site, hostile.token, hostile.conversationId)).activities);
    expect(welcome[0]!.channelData?.intake?.step).toBe('consent');
    expect((await record(hostile.conversationId))?.source).toEqual({
      channel: 'directline',
      website: {},
      category: 'direct',
    });
  });

  it('rejects an unexpected body', async () => {
    const response = await requestChat(site.url, { conversationId: 'someone-elses' });
    expect(response.status).toBe(400);
  });
});

describe('a conversation the channel no longer holds (after a restart)', () => {
  it('is greeted by the bot at the question it was on, with its answers kept', async () => {
    const site = await startSite();
    const config = site.config;
    const chat = await startedConversation(site);
    const post = (token: string, text: string) =>
      directLine(site.url, token, 'POST', `/conversations/${chat.conversationId}/activities`, {
        type: 'message',
        text,
      });
    await post(chat.token, 'yes');
    await post(chat.token, 'employer');
    await site.server.close();

    const restarted = await startServer(config);
    const url = `http://127.0.0.1:${restarted.port}`;
    try {
      const resumed = (await requestChat(url, { resumeCode: chat.resumeCode })).body;
      expect(resumed.conversationId).toBe(chat.conversationId);
      const reconnect = await directLine(
        url,
        resumed.token,
        'GET',
        `/conversations/${chat.conversationId}?watermark=`,
      );
      expect(reconnect.status).toBe(200);
      expect(String(reconnect.body.streamUrl)).toMatch(
        /^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\//,
      );
      const { activities } = await activitiesOf({ url } as Site, resumed.token, chat.conversationId);
      const greeting = botMessages(activities);
      expect(greeting).toHaveLength(1);
      expect(greeting[0]!.text).toMatch(/Welcome back/);
      expect(greeting[0]!.channelData?.intake?.step).toBe('employerCompany');
    } finally {
      await restarted.close();
      config.cleanup();
    }
  });
});
