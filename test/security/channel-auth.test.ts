import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer } from '../../src/server';
import { tempConfig } from '../support/temp-data';
import { postActivity } from './support';

/**
 * Channel authentication both ways, with a client id set: a local server plays an Entra tenant's
 * key set (authorityEndpoint points the Agents SDK at it: a token's keys are looked up from its
 * issuer, and this tenant's issuer is the local one), so a token signed by the local key is a
 * real channel token for this bot.
 */

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'local-tenant';
const SERVICE_URL = 'https://smba.botframework.com/test/';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(
  privateKey: KeyObject,
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
): string {
  const body = `${b64(header)}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url');
  return `${body}.${signature}`;
}

/** The tenant's key set at <authority>/discovery/v2.0/keys, as Entra publishes it; or a failing one. */
async function keyServer(publicKey: KeyObject, options: { failing?: boolean } = {}) {
  const jwk = publicKey.export({ format: 'jwk' });
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === `/${TENANT}/discovery/v2.0/keys` && !options.failing) {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: 'local-key', kty: 'RSA', use: 'sig' }] }));
    } else {
      res.statusCode = options.failing ? 500 : 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${TENANT}`;
  return {
    authority,
    /** The issuer of this tenant's tokens (Entra's v2 form). */
    issuer: `${authority}/v2.0`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const activity = (conversationId: string) => ({
  type: 'message',
  id: `m-${conversationId}`,
  channelId: 'webchat',
  serviceUrl: SERVICE_URL,
  deliveryMode: 'expectReplies',
  conversation: { id: conversationId },
  from: { id: 'prospect', role: 'user' },
  recipient: { id: APP_ID },
  locale: 'en-CA',
  text: 'hello',
});

const now = () => Math.floor(Date.now() / 1000);
const header = { alg: 'RS256', typ: 'JWT', kid: 'local-key' };

describe.each([
  ["the Agents SDK's names", { clientId: APP_ID, clientSecret: 'not-a-real-secret' }],
  ["the Bot Framework's names", { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' }],
])('POST /api/messages with a client id (%s) and a trusted key set', (_names, identity) => {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let keys: Awaited<ReturnType<typeof keyServer>>;
  let config: ReturnType<typeof tempConfig>;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    keys = await keyServer(trusted.publicKey);
    config = tempConfig({ ...identity, authorityEndpoint: keys.authority });
    server = await startServer(config);
  });
  afterAll(async () => {
    await server.close();
    await keys.close();
    config.cleanup();
  });

  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: keys.issuer,
    aud: APP_ID,
    serviceurl: SERVICE_URL,
    nbf: now() - 60,
    exp: now() + 600,
    ...extra,
  });

  it('accepts a token signed by the trusted key, for this bot and this service URL', async () => {
    const token = sign(trusted.privateKey, header, claims());
    const response = await postActivity(server.url, activity('signed-ok'), {
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(200);
    expect((response.body.activities as { text?: string }[])[0]?.text).toMatch(/not legal advice/);
    expect(await server.intake.load('webchat/conversations/signed-ok')).toBeDefined();
  });

  it.each([
    ['a forged token (signed by another key)', () => sign(stranger.privateKey, header, claims())],
    [
      'an expired token',
      () => sign(trusted.privateKey, header, claims({ nbf: now() - 7200, exp: now() - 3600 })),
    ],
    ['a token for another bot', () => sign(trusted.privateKey, header, claims({ aud: 'another-app-id' }))],
    [
      'a token from another issuer',
      () => sign(trusted.privateKey, header, claims({ iss: 'https://evil.example' })),
    ],
    ['an unsigned token', () => `${b64({ alg: 'none', typ: 'JWT', kid: 'local-key' })}.${b64(claims())}.`],
    [
      'a token whose key is unknown',
      () => sign(trusted.privateKey, { ...header, kid: 'other-key' }, claims()),
    ],
    ['a token that is not a JWT', () => 'hello'],
  ])('refuses %s with 401 and records nothing', async (name, token) => {
    const conversationId = `refused-${name.replace(/\W+/g, '-')}`;
    const response = await postActivity(server.url, activity(conversationId), {
      authorization: `Bearer ${token()}`,
    });
    expect(response.status).toBe(401);
    expect(await server.intake.load(`webchat/conversations/${conversationId}`)).toBeUndefined();
  });

  it('refuses a token issued for another service URL (the SDK answers 400) and records nothing', async () => {
    const token = sign(trusted.privateKey, header, claims({ serviceurl: 'https://evil.example/' }));
    const response = await postActivity(server.url, activity('other-service-url'), {
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(400);
    expect(await server.intake.load('webchat/conversations/other-service-url')).toBeUndefined();
  });

  it('refuses an activity without a token with 401', async () => {
    const response = await postActivity(server.url, activity('no-token'));
    expect(response.status).toBe(401);
  });
});

describe('POST /api/messages when the key set cannot be fetched', () => {
  it('answers 503 (try again later), not 401, and records nothing', async () => {
    const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keys = await keyServer(trusted.publicKey, { failing: true });
    const config = tempConfig({
      clientId: APP_ID,
      clientSecret: 'not-a-real-secret',
      authorityEndpoint: keys.authority,
    });
    const server = await startServer(config);
    try {
      const token = sign(trusted.privateKey, header, {
        iss: keys.issuer,
        aud: APP_ID,
        serviceurl: SERVICE_URL,
        exp: now() + 600,
      });
      const response = await postActivity(server.url, activity('keys-down'), {
        authorization: `Bearer ${token}`,
      });
      expect(response.status).toBe(503);
      expect(await server.intake.load('webchat/conversations/keys-down')).toBeUndefined();
    } finally {
      await server.close();
      await keys.close();
      config.cleanup();
    }
  });
});
