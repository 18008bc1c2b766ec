import { randomBytes } from 'node:crypto';
import type { TurnContext } from '@microsoft/agents-hosting';
import {
  AttachmentFetcher,
  AttachmentRefusedError,
  TEAMS_FILE_DOWNLOAD,
} from '../../src/bot/attachment-fetch';
import { connectorToken } from '../../src/bot/connector-token';
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

/** A turn as the fetcher reads it: the activity's serviceUrl. */
const turnFrom = (serviceUrl: string) => ({ activity: { serviceUrl } }) as unknown as TurnContext;

describe("the bot's token for files the connector keeps (Azure Bot Service channels)", () => {
  const fake = () => {
    const calls: { url: string; authorization: string | undefined }[] = [];
    let tokens = 0;
    const fetcher = new AttachmentFetcher({
      hosts: ['files.example.org'],
      fetch: async (url, init) => {
        calls.push({ url, authorization: (init.headers as Record<string, string>).authorization });
        return new Response(new Uint8Array(pdfBytes));
      },
      connectorToken: async () => `bot-token-${++tokens}`,
    });
    return { fetcher, calls, tokens: () => tokens };
  };

  it("sends it only to a file on the turn's own service host, never to another allowed host", async () => {
    const { fetcher, calls, tokens } = fake();
    const teams = turnFrom('https://smba.trafficmanager.net/amer/');
    await fetcher.open('https://smba.trafficmanager.net/amer/v3/attachments/a1/views/original', teams);
    await fetcher.open('https://directline.botframework.com/v3/attachments/a2/views/original', teams);
    await fetcher.open('https://files.example.org/offer.pdf', teams);
    const azureDirectLine = turnFrom('https://directline.botframework.com/');
    await fetcher.open(
      'https://directline.botframework.com/v3/attachments/a3/views/original',
      azureDirectLine,
    );
    await fetcher.open(
      'https://smba.trafficmanager.net/amer/v3/attachments/a4/views/original',
      azureDirectLine,
    );
    // a service URL that is not https, or not an allowed host, gets no token even on its own host
    await fetcher.open(
      'https://smba.trafficmanager.net/amer/v3/attachments/a5',
      turnFrom('http://smba.trafficmanager.net/amer/'),
    );
    await expect(
      fetcher.open('https://evil.example/v3/attachments/a6', turnFrom('https://evil.example/')),
    ).rejects.toBeInstanceOf(AttachmentRefusedError);
    await fetcher.open('https://smba.trafficmanager.net/amer/v3/attachments/a7');
    expect(calls).toEqual([
      {
        url: 'https://smba.trafficmanager.net/amer/v3/attachments/a1/views/original',
        authorization: 'Bearer bot-token-1',
      },
      {
        url: 'https://directline.botframework.com/v3/attachments/a2/views/original',
        authorization: undefined,
      },
      { url: 'https://files.example.org/offer.pdf', authorization: undefined },
      {
        url: 'https://directline.botframework.com/v3/attachments/a3/views/original',
        authorization: 'Bearer bot-token-2',
      },
      {
        url: 'https://smba.trafficmanager.net/amer/v3/attachments/a4/views/original',
        authorization: undefined,
      },
      { url: 'https://smba.trafficmanager.net/amer/v3/attachments/a5', authorization: undefined },
      { url: 'https://smba.trafficmanager.net/amer/v3/attachments/a7', authorization: undefined },
    ]);
    expect(tokens()).toBe(2);
  });

  it('sends no token at all without a client id (no token source given)', async () => {
    const headers: unknown[] = [];
    const fetcher = new AttachmentFetcher({
      fetch: async (_url, init) => {
        headers.push(init.headers);
        return new Response(new Uint8Array(pdfBytes));
      },
    });
    await fetcher.open(
      'https://smba.trafficmanager.net/amer/v3/attachments/a1',
      turnFrom('https://smba.trafficmanager.net/amer/'),
    );
    expect(headers).toEqual([{}]);
  });

  it('refuses the file, unfetched, when no token can be had', async () => {
    const calls: string[] = [];
    const fetcher = new AttachmentFetcher({
      fetch: async (url) => {
        calls.push(url);
        return new Response(new Uint8Array(pdfBytes));
      },
      connectorToken: async () => {
        throw new Error('AADSTS7000215: invalid client secret');
      },
    });
    await expect(
      fetcher.open(
        'https://smba.trafficmanager.net/amer/v3/attachments/a1',
        turnFrom('https://smba.trafficmanager.net/amer/'),
      ),
    ).rejects.toThrow(/no token for the channel/);
    expect(calls).toEqual([]);
  });

  it("fetches Teams' download link from *.sharepoint.com only, and never with the token", async () => {
    const { fetcher, calls, tokens } = fake();
    const teams = turnFrom('https://smba.trafficmanager.net/amer/');
    const link =
      'https://contoso-my.sharepoint.com/personal/ana/_layouts/15/download.aspx?UniqueId=1&tempauth=x';
    await fetcher.open({ url: link, kind: 'teams-download' }, teams);
    expect(calls).toEqual([{ url: link, authorization: undefined }]);
    for (const url of [
      'https://smba.trafficmanager.net/amer/v3/attachments/a1',
      'https://files.example.org/offer.pdf',
      'https://sharepoint.com.evil.example/x',
      'http://contoso.sharepoint.com/x',
    ])
      await expect(fetcher.open({ url, kind: 'teams-download' }, teams)).rejects.toBeInstanceOf(
        AttachmentRefusedError,
      );
    // SharePoint is not a host for ordinary attachment URLs
    await expect(fetcher.open(link, teams)).rejects.toBeInstanceOf(AttachmentRefusedError);
    expect(calls).toHaveLength(1);
    expect(tokens()).toBe(0);
  });

  it("gets the token from the Agents SDK's connection for the turn, with the scope it replies with", async () => {
    const asked: { identity: unknown; scope: string }[] = [];
    const context = (identity: Record<string, unknown> | undefined) =>
      ({
        identity,
        activity: { serviceUrl: 'https://smba.trafficmanager.net/amer/' },
        adapter: {
          connectionManager: {
            getTokenProviderFromActivity: (who: unknown) => ({
              getAccessToken: async (scope: string) => {
                asked.push({ identity: who, scope });
                return `token-for-${scope}`;
              },
            }),
          },
        },
      }) as unknown as TurnContext;
    expect(await connectorToken(context({ aud: 'bot-app-id' }))).toBe(
      'token-for-https://api.botframework.com',
    );
    expect(await connectorToken(context({ aud: 'bot-app-id', azp: 'calling-agent' }))).toBe(
      'token-for-calling-agent',
    );
    await expect(connectorToken(context(undefined))).rejects.toThrow(/no authenticated bot identity/);
    expect(asked.map((a) => a.scope)).toEqual(['https://api.botframework.com', 'calling-agent']);
  });
});

describe('a file attached on another channel (through /api/messages)', () => {
  let clamd: TestClamd;
  let config: ReturnType<typeof tempConfig>;
  let server: Running;
  const realFetch = global.fetch;
  const served: string[] = [];
  const authorizations: (string | null)[] = [];

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
      authorizations.push(new Headers(init?.headers).get('authorization'));
      return new Response(new Uint8Array(pdfBytes), { headers: { 'content-type': 'application/pdf' } });
    }) as typeof fetch;
  }, 60_000);
  afterAll(async () => {
    global.fetch = realFetch;
    await server?.close();
    config?.cleanup();
    await clamd?.stop();
  });

  const send = async (
    conversationId: string,
    text: string,
    contentUrl: string,
    more: { serviceUrl?: string; attachments?: unknown[] } = {},
  ) => {
    const response = await realFetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `a-${randomBytes(4).toString('hex')}`,
        channelId: 'test',
        serviceUrl: more.serviceUrl ?? 'http://127.0.0.1:9/unused',
        deliveryMode: 'expectReplies',
        conversation: { id: conversationId },
        from: { id: 'prospect' },
        recipient: { id: 'bot' },
        locale: 'en-CA',
        text,
        attachments: more.attachments ?? [{ contentType: 'application/pdf', contentUrl, name: 'offer.pdf' }],
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

  it('takes a Teams file from a personal chat by its download link, and sends no token without a client id', async () => {
    const reference = await submitIntake(server, 'attachments-teams', intraCompanyWorker);
    const leadId = (await server.leads.all()).find((l) => l.reference === reference)!.id;
    served.length = 0;
    authorizations.length = 0;
    const downloadUrl = 'https://contoso-my.sharepoint.com/personal/ana/_layouts/15/download.aspx?UniqueId=1';
    expect(
      await send('attachments-teams', 'permit', '', {
        attachments: [
          {
            contentType: TEAMS_FILE_DOWNLOAD,
            contentUrl: 'https://contoso-my.sharepoint.com/personal/ana/Documents/permit.pdf',
            name: 'permit.pdf',
            content: { downloadUrl, uniqueId: '1', fileType: 'pdf' },
          },
        ],
      }),
    ).toMatch(/^Received: permit, PDF, 1 kB\./);
    // a file on the turn's own service host: still no token, as no client id is configured
    expect(
      await send('attachments-teams', 'offer letter', 'https://files.example.org/v3/attachments/a1', {
        serviceUrl: 'https://files.example.org/',
      }),
    ).toMatch(/^Received: offer letter, PDF, 1 kB\./);
    expect(served).toEqual([downloadUrl, 'https://files.example.org/v3/attachments/a1']);
    expect(authorizations).toEqual([null, null]);
    expect(await server.documents!.list(leadId)).toHaveLength(2);
  });
});
