import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { clientAddress } from '../../src/channel/direct-line-streams';
import { rawRequest, statusOf, upgradeRequest } from '../security/support';
import { directLine, eventually, requestChat, startSite } from './support';

type Site = Awaited<ReturnType<typeof startSite>>;

/** Opens a stream URL: the socket once open, or the HTTP status the upgrade was refused with. */
function openStream(streamUrl: string): Promise<{ socket?: WebSocket; status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(streamUrl);
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.on('error', () => resolve({ status: 0 }));
    socket.on('open', () => resolve({ socket, status: 101 }));
  });
}

const closed = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );

describe('Direct Line WebSocket streams', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.stop());

  async function started(token?: string) {
    const chat = token ? undefined : (await requestChat(site.url)).body;
    const bearer = token ?? chat!.token;
    const answer = await directLine(site.url, bearer, 'POST', '/conversations', { locale: 'en-CA' });
    expect(answer.status).toBeLessThan(300);
    return {
      conversationId: String(answer.body.conversationId),
      token: String(answer.body.token),
      streamUrl: String(answer.body.streamUrl),
    };
  }

  it("opens one stream per stream URL: the URL's token is good for one upgrade", async () => {
    const chat = await started();
    const first = await openStream(chat.streamUrl);
    expect(first.status).toBe(101);
    try {
      const url = new URL(chat.streamUrl);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          rawRequest(site.server.port, upgradeRequest(`${url.pathname}${url.search}`)),
        ),
      );
      expect(answers.map(statusOf)).toEqual([403, 403, 403, 403, 403]);
    } finally {
      first.socket?.close();
    }
  });

  it('keeps one live stream per conversation: a new one (a reconnect) replaces the old one', async () => {
    const chat = await started();
    const first = await openStream(chat.streamUrl);
    expect(first.status).toBe(101);
    const firstClosed = closed(first.socket!);
    const reconnect = await directLine(site.url, chat.token, 'GET', `/conversations/${chat.conversationId}`);
    const second = await openStream(String(reconnect.body.streamUrl));
    expect(second.status).toBe(101);
    try {
      expect((await firstClosed).reason).toMatch(/replaced/);
      expect(site.server.website.channel!.conversations.get(chat.conversationId)!.subscribers.size).toBe(1);
      expect(second.socket!.readyState).toBe(WebSocket.OPEN);
    } finally {
      second.socket?.close();
    }
  });

  it('refuses more than 20 open streams from one client address', async () => {
    const secret = fs.readFileSync(`${site.config.DATA_DIR}/direct-line-secret`, 'utf8').trim();
    const sockets: WebSocket[] = [];
    const ids: string[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const generated = await directLine(site.url, secret, 'POST', '/tokens/generate', {});
        const chat = await started(String(generated.body.token));
        const opened = await openStream(chat.streamUrl);
        expect(opened.status).toBe(101);
        sockets.push(opened.socket!);
        ids.push(chat.conversationId);
      }
      const generated = await directLine(site.url, secret, 'POST', '/tokens/generate', {});
      const extra = await started(String(generated.body.token));
      expect((await openStream(extra.streamUrl)).status).toBe(429);
      // a closed stream frees its place (once the server has seen it close)
      sockets.shift()!.close();
      const channel = site.server.website.channel!;
      await eventually(
        () => (channel.conversations.get(ids[0]!)!.subscribers.size === 0 ? true : undefined),
        'the server to see the stream closed',
      );
      const again = await directLine(site.url, extra.token, 'GET', `/conversations/${extra.conversationId}`);
      const reopened = await openStream(String(again.body.streamUrl));
      expect(reopened.status).toBe(101);
      sockets.push(reopened.socket!);
    } finally {
      for (const socket of sockets) socket.close();
    }
  });
});

describe('the client address a stream counts against', () => {
  const request = (forwarded?: string) =>
    ({
      socket: { remoteAddress: '10.0.0.2' },
      headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    }) as unknown as IncomingMessage;

  it("is the socket's, unless proxies are trusted (TRUST_PROXY): then the one the last of them saw", () => {
    expect(clientAddress(request('203.0.113.9'), 0)).toBe('10.0.0.2');
    expect(clientAddress(request('198.51.100.1, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(request('198.51.100.1, 203.0.113.9'), 2)).toBe('198.51.100.1');
    expect(clientAddress(request(), 1)).toBe('10.0.0.2');
  });
});
