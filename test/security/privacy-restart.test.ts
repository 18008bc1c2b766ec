import { loadConfig } from '../../src/config';
import { startServer } from '../../src/server';
import { directLine, postMessage, requestChat, type Running } from '../channel/support';
import { tempConfig } from '../support/temp-data';
import { rawRequest, statusOf, upgradeRequest } from './support';

/** Another server on the same DATA_DIR: a later start, or a second instance beside the first. */
const sameData = (dataDir: string) => startServer({ ...loadConfig({ DATA_DIR: dataDir }), PORT: 0 });

/** A website conversation as the page starts it, with a stream URL not yet used. */
async function websiteConversation(server: Running) {
  const chat = (await requestChat(server.url)).body;
  const started = await directLine(server.url, chat.token, 'POST', '/conversations', { locale: 'en-CA' });
  expect(started.status).toBe(201);
  expect((await postMessage(server.url, chat, 'yes')).status).toBe(200);
  const reconnect = await directLine(server.url, chat.token, 'GET', `/conversations/${chat.conversationId}`);
  return { ...chat, streamUrl: String(reconnect.body.streamUrl) };
}

/** Everything the deleted conversation's browser still holds, tried against `server`. */
async function expectGone(server: Running, chat: Awaited<ReturnType<typeof websiteConversation>>) {
  const path = `/conversations/${chat.conversationId}`;
  expect((await directLine(server.url, chat.token, 'GET', `${path}/activities`)).status).toBe(403);
  expect((await directLine(server.url, chat.token, 'GET', path)).status).toBe(403);
  expect((await postMessage(server.url, chat, 'still here?')).status).toBe(403);
  const refreshed = await directLine(server.url, chat.token, 'POST', '/tokens/refresh');
  expect(refreshed.status).toBe(403);
  expect(refreshed.body.token).toBeUndefined();
  const stream = new URL(chat.streamUrl);
  expect(statusOf(await rawRequest(server.port, upgradeRequest(`${stream.pathname}${stream.search}`)))).toBe(
    403,
  );
  expect((await requestChat(server.url, { resumeCode: chat.resumeCode })).status).toBe(404);
}

describe('a privacy deletion of a website conversation', () => {
  it("refuses the conversation's tokens, stream and resume code after a restart", async () => {
    const config = tempConfig();
    const first = await startServer(config);
    let second: Running | undefined;
    try {
      const chat = await websiteConversation(first);
      await first.staff.eraser.forgetConversation(`directline/conversations/${chat.conversationId}`);
      await first.close();
      second = await sameData(config.DATA_DIR);
      await expectGone(second, chat);
      // a conversation that was not deleted goes on after the restart
      const other = await websiteConversation(second);
      expect((await postMessage(second.url, other, 'worker')).status).toBe(200);
    } finally {
      await first.close();
      await second?.close();
      config.cleanup();
    }
  });

  it('is refused by another instance on the same data at once', async () => {
    const config = tempConfig();
    const first = await startServer(config);
    const second = await sameData(config.DATA_DIR);
    try {
      const chat = await websiteConversation(first);
      // the other instance opens it too (the same channel secret), until the deletion
      const before = await directLine(
        second.url,
        chat.token,
        'GET',
        `/conversations/${chat.conversationId}/activities`,
      );
      expect(before.status).toBe(200);
      await second.staff.eraser.forgetConversation(`directline/conversations/${chat.conversationId}`);
      await expectGone(first, chat);
      await expectGone(second, chat);
    } finally {
      await first.close();
      await second.close();
      config.cleanup();
    }
  });
});
