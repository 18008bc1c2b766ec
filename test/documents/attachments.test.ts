import { randomBytes } from 'node:crypto';
import { AttachmentFetcher, AttachmentRefusedError } from '../../src/bot/attachment-fetch';
import { startServer } from '../../src/server';
import { intraCompanyWorker } from '../support/answers';
import { startClamd, type TestClamd } from '../support/clamd';
import { tempConfig } from '../support/temp-data';
import { submitIntake, type Running } from '../staff/support';
import { pdfBytes } from './samples';

describe("other channels' attachments: fetched only from the channels' hosts", () => {
  it('allows https URLs on the Bot Framework hosts and BOT_SERVICE_URL_HOSTS, and nothing else', () => {
    const fetcher = new AttachmentFetcher({ hosts: ['files.example.org'] });
    for (const url of [
      'https://directline.botframework.com/attachments/abc/views/original',
      'https://smba.trafficmanager.net/amer/v3/attachments/abc/views/original',
      'https://files.example.org/offer.pdf',
    ])
      expect([url, fetcher.allowed(url)]).toEqual([url, true]);
    for (const url of [
      'http://directline.botframework.com/attachments/abc',
      'https://user:pw@directline.botframework.com/attachments/abc',
      'https://botframework.com.evil.example/offer.pdf',
      'https://evil.example/offer.pdf',
      'https://169.254.169.254/metadata',
      'https://localhost/offer.pdf',
      'file:///etc/passwd',
      'not a url',
    ])
      expect([url, fetcher.allowed(url)]).toEqual([url, false]);
  });

  it('never requests a host not allowed, and follows no redirect', async () => {
    const calls: [string, RequestInit][] = [];
    const fetcher = new AttachmentFetcher({
      fetch: async (url, init) => {
        calls.push([url, init]);
        return new Response(new Uint8Array(pdfBytes));
      },
    });
    await expect(fetcher.open('https://evil.example/x.pdf')).rejects.toBeInstanceOf(AttachmentRefusedError);
    expect(calls).toEqual([]);
    await fetcher.open('https://directline.botframework.com/attachments/x');
    expect(calls[0]![1].redirect).toBe('error');
  });
});

describe('a file attached on another channel (through /api/messages)', () => {
  let clamd: TestClamd;
  let config: ReturnType<typeof tempConfig>;
  let server: Running;
  const realFetch = global.fetch;
  const served: string[] = [];

  beforeAll(async () => {
    clamd = await startClamd();
    config = tempConfig({
      DOCUMENTS_KEY: randomBytes(32).toString('base64'),
      CLAMD_SOCKET: clamd.socket,
      BOT_SERVICE_URL_HOSTS: 'files.example.org',
    });
    server = await startServer(config);
    // the channel's file host, as the bot reaches it
    global.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith('https://')) return realFetch(input, init);
      served.push(url);
      return new Response(new Uint8Array(pdfBytes), { headers: { 'content-type': 'application/pdf' } });
    }) as typeof fetch;
  }, 60_000);
  afterAll(async () => {
    global.fetch = realFetch;
    await server?.close();
    config?.cleanup();
    await clamd?.stop();
  });

  const send = async (conversationId: string, text: string, contentUrl: string) => {
    const response = await realFetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `a-${randomBytes(4).toString('hex')}`,
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:9/unused',
        deliveryMode: 'expectReplies',
        conversation: { id: conversationId },
        from: { id: 'prospect' },
        recipient: { id: 'bot' },
        locale: 'en-CA',
        text,
        attachments: [{ contentType: 'application/pdf', contentUrl, name: 'offer.pdf' }],
      }),
    });
    const body = (await response.json()) as { activities: { text?: string }[] };
    return body.activities.map((a) => a.text ?? '').join('\n');
  };

  it('keeps a file from an allowed host and acknowledges it; refuses one from elsewhere unfetched', async () => {
    const reference = await submitIntake(server, 'attachments-1', intraCompanyWorker);
    const leadId = (await server.leads.all()).find((l) => l.reference === reference)!.id;

    expect(await send('attachments-1', 'offer letter', 'https://files.example.org/offer.pdf')).toMatch(
      /^Received: offer letter, PDF, 1 kB\./,
    );
    expect(served).toEqual(['https://files.example.org/offer.pdf']);
    expect((await server.documents!.list(leadId)).map((d) => d.label)).toEqual(['offer letter']);

    expect(await send('attachments-1', 'permit', 'https://evil.example/permit.pdf')).toMatch(
      /could not be received from the chat service/,
    );
    expect(served).toEqual(['https://files.example.org/offer.pdf']);
    expect(await server.documents!.list(leadId)).toHaveLength(1);
  });
});
