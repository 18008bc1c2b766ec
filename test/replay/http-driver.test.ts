import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpDriver } from '../../tools/replay/http-driver';

/** A bot stand-in that resets the connection on the chosen request numbers (1-based, per socket). */
async function flakyBot(resetOn: (requestOnSocket: number) => boolean) {
  const seen: { socketRequest: number }[] = [];
  const perSocket = new WeakMap<object, number>();
  const server = http.createServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    seen.push({ socketRequest: n });
    req.resume();
    req.on('end', () => {
      if (resetOn(n)) {
        req.socket.resetAndDestroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ activities: [{ type: 'message', text: `reply ${seen.length}` }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sends = [
  { type: 'message', text: 'hello' },
  { type: 'message', text: 'yes' },
];

describe('replaying against a running bot over HTTP', () => {
  it('sends a request again on a fresh connection when a kept-alive one was reset before answering', async () => {
    // the second request rides the first one's connection, which the server drops unread
    const bot = await flakyBot((n) => n === 2);
    const driver = new HttpDriver(bot.url);
    try {
      const run = await driver.converse(sends, { channelId: 'test' });
      expect(run.replies.map((r) => r.map((a) => a.text))).toEqual([['reply 1'], ['reply 3']]);
      expect(bot.seen.map((s) => s.socketRequest)).toEqual([1, 2, 1]);
    } finally {
      driver.close();
      await bot.close();
    }
  });

  it('does not send again when a fresh connection fails: the bot may have read the message', async () => {
    const bot = await flakyBot(() => true);
    const driver = new HttpDriver(bot.url);
    try {
      await expect(driver.converse(sends, { channelId: 'test' })).rejects.toThrow(
        /cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/messages: ECONNRESET/,
      );
      expect(bot.seen).toHaveLength(1);
    } finally {
      driver.close();
      await bot.close();
    }
  });
});
