import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestChat, startSite } from './support';

/** A stand-in for Azure's Direct Line: records calls, answers like the service does. */
async function fakeAzure() {
  const calls: { method: string; url: string; authorization?: string; body: string }[] = [];
  const known = new Set<string>();
  let counter = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      calls.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== 'Bearer azure-direct-line-secret-as-issued-by-azure') {
        res.writeHead(403).end(JSON.stringify({ error: { code: 'BadArgument' } }));
      } else if (req.method === 'POST' && req.url === '/v3/directline/tokens/generate') {
        const conversationId = `azure-conv-${++counter}`;
        known.add(conversationId);
        res.end(JSON.stringify({ conversationId, token: `azure-token-${counter}`, expires_in: 3600 }));
      } else if (req.method === 'GET' && req.url?.startsWith('/v3/directline/conversations/')) {
        const id = decodeURIComponent(req.url.split('/')[4]!.split('?')[0]!);
        if (!known.has(id)) res.writeHead(404).end('{}');
        else
          res.end(
            JSON.stringify({
              conversationId: id,
              token: `azure-token-again-${id}`,
              expires_in: 3600,
              streamUrl: 'wss://x',
            }),
          );
      } else res.writeHead(404).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    domain: `http://127.0.0.1:${port}/v3/directline`,
    calls,
    known,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('the page token endpoint with DIRECT_LINE_DOMAIN (Azure)', () => {
  it('exchanges the secret for a conversation token server-side, and points the page at that domain', async () => {
    const azure = await fakeAzure();
    const site = await startSite({
      DIRECT_LINE_DOMAIN: azure.domain,
      DIRECT_LINE_SECRET: 'azure-direct-line-secret-as-issued-by-azure',
    });
    try {
      const { status, body } = await requestChat(site.url);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        conversationId: 'azure-conv-1',
        token: 'azure-token-1',
        expiresIn: 3600,
        domain: azure.domain,
        resumed: false,
      });
      expect(azure.calls[0]).toMatchObject({
        method: 'POST',
        url: '/v3/directline/tokens/generate',
        authorization: 'Bearer azure-direct-line-secret-as-issued-by-azure',
      });
      expect(JSON.parse(azure.calls[0]!.body)).toEqual({ user: { id: body.userId } });
      expect(JSON.stringify(body)).not.toContain('azure-direct-line-secret');

      // A resume code reconnects to the same Azure conversation.
      const resumed = await requestChat(site.url, { resumeCode: body.resumeCode });
      expect(resumed.body).toMatchObject({
        conversationId: 'azure-conv-1',
        token: 'azure-token-again-azure-conv-1',
        resumed: true,
      });
      expect(azure.calls[1]).toMatchObject({
        method: 'GET',
        url: '/v3/directline/conversations/azure-conv-1',
      });

      // Azure forgot the conversation: the page is told to start a new one.
      azure.known.clear();
      const gone = await requestChat(site.url, { resumeCode: body.resumeCode });
      expect(gone.status).toBe(410);
      expect(gone.body.error?.code).toBe('ConversationGone');

      // The built-in channel is not served in this mode.
      expect((await fetch(`${site.url}/v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
    } finally {
      await site.stop();
      await azure.close();
    }
  });

  it('answers 503 with a clear message when Azure refuses the secret', async () => {
    const azure = await fakeAzure();
    const site = await startSite({
      DIRECT_LINE_DOMAIN: azure.domain,
      DIRECT_LINE_SECRET: 'another-direct-line-secret-azure-refuses',
    });
    try {
      const { status, body } = await requestChat(site.url);
      expect(status).toBe(503);
      expect(body.error).toEqual({
        code: 'ChatUnavailable',
        message: 'The chat is not available right now: please try again soon.',
      });
    } finally {
      await site.stop();
      await azure.close();
    }
  });

  it('refuses to start with DIRECT_LINE_DOMAIN but no secret', async () => {
    await expect(
      startSite({ DIRECT_LINE_DOMAIN: 'https://directline.botframework.com/v3/directline' }),
    ).rejects.toThrow(/DIRECT_LINE_DOMAIN needs DIRECT_LINE_SECRET/);
  });
});
