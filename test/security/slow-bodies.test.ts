import net from 'node:net';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { botMessages, eventually, postMessage, requestChat, directLine, startSite } from '../channel/support';
import type { DirectLineActivity } from '../channel/support';

type Site = Awaited<ReturnType<typeof startSite>>;

/**
 * Opens a connection, sends `head` at once (if any), then one byte of `drip` per timer tick; resolves
 * with what the server answered once it closes the connection.
 */
function drip(port: number, head: string, dripped: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let ticker: NodeJS.Timeout | undefined;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(ticker);
      resolve(answer);
    });
    socket.on('connect', () => {
      if (head) socket.write(head);
      ticker = setInterval(() => {
        if (sent >= dripped.length) {
          clearInterval(ticker);
          reject(new Error('the whole slow request was read: it was never cut off'));
          return;
        }
        socket.write(dripped[sent++]!);
      }, 20);
    });
  });
}

describe('slow requests are cut off (HTTP_HEADERS_TIMEOUT_SECONDS, HTTP_REQUEST_TIMEOUT_SECONDS)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite({ HTTP_HEADERS_TIMEOUT_SECONDS: '1', HTTP_REQUEST_TIMEOUT_SECONDS: '2' });
  });
  afterAll(() => site.stop());

  it('defaults to timeouts sized for a chat server', () => {
    const config = loadConfig({});
    expect(config.HTTP_HEADERS_TIMEOUT_SECONDS).toBe(15);
    expect(config.HTTP_REQUEST_TIMEOUT_SECONDS).toBe(30);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_SECONDS: '40' })).toThrow(/HTTP_HEADERS_TIMEOUT_SECONDS/);
  });

  it('closes a connection whose headers come one byte per tick', async () => {
    const headers = `POST /staff/login HTTP/1.1\r\nHost: localhost\r\n${'X-Slow: a\r\n'.repeat(2000)}\r\n`;
    const answer = await drip(site.server.port, '', headers);
    expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
  }, 20_000);

  it('answers 408 to a body that comes one byte per tick, and keeps WebSocket streams open', async () => {
    const chat = (await requestChat(site.url)).body;
    const started = await directLine(site.url, chat.token, 'POST', '/conversations', { locale: 'en-CA' });
    const received: DirectLineActivity[] = [];
    const stream = new WebSocket(String(started.body.streamUrl));
    stream.on('message', (data) => {
      received.push(...(JSON.parse(String(data)) as { activities: DirectLineActivity[] }).activities);
    });
    await new Promise((resolve, reject) => stream.once('open', resolve).once('error', reject));
    try {
      const body = `email=${'a'.repeat(4000)}`;
      const head = [
        'POST /staff/login HTTP/1.1',
        'Host: localhost',
        'Content-Type: application/x-www-form-urlencoded',
        `Content-Length: ${body.length}`,
        '',
        '',
      ].join('\r\n');
      const answer = await drip(site.server.port, head, body);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);

      // the stream outlived the request timeout: it is still open and still receives the turn
      expect(stream.readyState).toBe(WebSocket.OPEN);
      expect((await postMessage(site.url, chat, 'yes')).status).toBe(200);
      await eventually(
        () => botMessages(received).find((a) => a.channelData?.intake?.step === 'role'),
        'the reply',
      );
    } finally {
      stream.close();
    }
  }, 20_000);
});
