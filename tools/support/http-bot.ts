import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ActivityJson {
  type: string;
  text?: string;
  inputHint?: string;
  channelData?: { intake?: { step: string } };
  suggestedActions?: { actions: { title: string }[] };
  [key: string]: unknown;
}

let counter = 0;

/** Sends a message to /api/messages with deliveryMode expectReplies and returns the bot's replies. */
export async function ask(
  baseUrl: string,
  conversationId: string,
  text: string,
  locale = 'en-CA',
): Promise<ActivityJson[]> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `m${++counter}`,
      channelId: 'test',
      serviceUrl: 'http://127.0.0.1:9/unused',
      deliveryMode: 'expectReplies',
      conversation: { id: conversationId },
      from: { id: 'prospect' },
      recipient: { id: 'bot' },
      locale,
      text,
    }),
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { activities: ActivityJson[] };
  return body.activities;
}

/** A channel's connector stand-in: records every activity the bot sends to its serviceUrl. */
export async function startReceiver() {
  const received: { path: string; activity: ActivityJson }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', activity: JSON.parse(body || '{}') as ActivityJson });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `r${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
