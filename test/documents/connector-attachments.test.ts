import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MsalTokenProvider } from '@microsoft/agents-hosting';
import type { Answers } from '../../src/intake/steps';
import { startServer } from '../../src/server';
import { postActivity } from '../security/support';
import { intraCompanyWorker } from '../support/answers';
import { startClamd, type TestClamd } from '../support/clamd';
import { flows, typedAnswer } from '../support/talk';
import { tempConfig } from '../support/temp-data';
import { pdfBytes } from './samples';

/**
 * A file on the Bot Framework connector, end to end, with a client id: Teams posts a signed
 * activity (a local key set plays the tenant's, as in test/security/channel-auth.test.ts), the bot
 * fetches the file from the connector's /v3/attachments with the token the Agents SDK's
 * connection gives (MSAL's acquisition stubbed: there is no Entra here), and only there.
 */

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'local-tenant';
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(privateKey: KeyObject, claims: Record<string, unknown>): string {
  const body = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'local-key' })}.${b64(claims)}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
}

async function keyServer(publicKey: KeyObject) {
  const jwk = publicKey.export({ format: 'jwk' });
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === `/${TENANT}/discovery/v2.0/keys`)
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: 'local-key', kty: 'RSA', use: 'sig' }] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${TENANT}`;
  return { authority, issuer: `${authority}/v2.0`, close: () => new Promise((r) => server.close(r)) };
}

describe('a Teams file on the connector, with a client id (authenticated /api/messages)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let keys: Awaited<ReturnType<typeof keyServer>>;
  let clamd: TestClamd;
  let config: ReturnType<typeof tempConfig>;
  let server: Awaited<ReturnType<typeof startServer>>;
  const realFetch = global.fetch;
  const fetched: { url: string; authorization: string | null }[] = [];
  const scopes: string[] = [];

  beforeAll(async () => {
    keys = await keyServer(publicKey);
    clamd = await startClamd();
    config = tempConfig({
      clientId: APP_ID,
      clientSecret: 'not-a-real-secret',
      authorityEndpoint: keys.authority,
      DOCUMENTS_KEY: randomBytes(32).toString('base64'),
      CLAMD_SOCKET: clamd.socket,
    });
    server = await startServer(config);
    // Entra is not here: the SDK's MSAL acquisition answers a token naming the scope asked
    jest
      .spyOn(MsalTokenProvider.prototype, 'getAccessToken')
      .mockImplementation(async (...args: unknown[]) => {
        const scope = String(args.length > 1 ? args[1] : args[0]);
        scopes.push(scope);
        return `bot-token-for-${scope}`;
      });
    global.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith('https://')) return realFetch(input, init);
      fetched.push({ url, authorization: new Headers(init?.headers).get('authorization') });
      return new Response(new Uint8Array(pdfBytes), { headers: { 'content-type': 'application/pdf' } });
    }) as typeof fetch;
  }, 90_000);
  afterAll(async () => {
    global.fetch = realFetch;
    jest.restoreAllMocks();
    await server?.close();
    await keys?.close();
    config?.cleanup();
    await clamd?.stop();
  });

  const now = () => Math.floor(Date.now() / 1000);
  let counter = 0;
  /** What Teams posts: a signed activity, the replies in the response (expectReplies). */
  const teams = async (text: string, attachments?: unknown[]) => {
    const token = sign(privateKey, {
      iss: keys.issuer,
      aud: APP_ID,
      serviceurl: SERVICE_URL,
      nbf: now() - 60,
      exp: now() + 600,
    });
    const response = await postActivity(
      server.url,
      {
        type: 'message',
        id: `m-${++counter}`,
        channelId: 'msteams',
        serviceUrl: SERVICE_URL,
        deliveryMode: 'expectReplies',
        conversation: { id: 'a:teams-personal-1' },
        from: { id: '29:prospect', role: 'user' },
        recipient: { id: `28:${APP_ID}` },
        locale: 'en-CA',
        text,
        ...(attachments ? { attachments } : {}),
      },
      { authorization: `Bearer ${token}` },
    );
    expect(response.status).toBe(200);
    return ((response.body.activities ?? []) as { text?: string }[]).map((a) => a.text ?? '').join('\n');
  };

  it('fetches it with the bot token for its own service host, and sends no token to another host', async () => {
    const en = flows()['en-CA'];
    const answers: Answers = intraCompanyWorker;
    await teams('hello');
    await teams('yes');
    await teams(en.steps.role.choices![answers.role as string]!);
    for (const step of server.engine.reviewSteps(answers))
      await teams(typedAnswer(step, answers[step as keyof Answers], en));
    expect(await teams('confirm')).toMatch(/IMP-\d{4}-/);

    const onConnector = `${SERVICE_URL}v3/attachments/0-eus-d1-abc/views/original`;
    expect(
      await teams('offer letter', [
        { contentType: 'application/pdf', contentUrl: onConnector, name: 'offer.pdf' },
      ]),
    ).toMatch(/^Received: offer letter, PDF, 1 kB\./);
    const elsewhere = 'https://directline.botframework.com/v3/attachments/x/views/original';
    expect(
      await teams('permit', [{ contentType: 'application/pdf', contentUrl: elsewhere, name: 'permit.pdf' }]),
    ).toMatch(/^Received: permit, PDF, 1 kB\./);
    expect(fetched).toEqual([
      { url: onConnector, authorization: 'Bearer bot-token-for-https://api.botframework.com' },
      { url: elsewhere, authorization: null },
    ]);
    expect(scopes).toEqual(['https://api.botframework.com']);
  });
});
