import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer } from '../../src/server';
import { tempConfig } from '../support/temp-data';
import { postActivity } from './support';

/**
 * Channel authentication both ways, with MicrosoftAppId set: a local server plays the Bot
 * Framework's OpenID metadata and key set (BOT_OPENID_METADATA_URL points the bot at it), so a
 * token signed by the local key is a real channel token for this bot.
 */

const APP_ID = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://api.botframework.com';
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

async function keyServer(publicKey: KeyObject) {
  const jwk = publicKey.export({ format: 'jwk' });
  const server = http.createServer((req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${origin}/keys` }));
    } else if (req.url === '/keys') {
      res.end(
        JSON.stringify({
          keys: [{ ...jwk, kid: 'local-key', kty: 'RSA', use: 'sig', endorsements: ['webchat'] }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    metadataUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openid-configuration`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('POST /api/messages with MicrosoftAppId and a trusted key set', () => {
  const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let keys: Awaited<ReturnType<typeof keyServer>>;
  let config: ReturnType<typeof tempConfig>;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    keys = await keyServer(trusted.publicKey);
    config = tempConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      BOT_OPENID_METADATA_URL: keys.metadataUrl,
    });
    server = await startServer(config);
  });
  afterAll(async () => {
    await server.close();
    await keys.close();
    config.cleanup();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    aud: APP_ID,
    serviceurl: SERVICE_URL,
    nbf: now() - 60,
    exp: now() + 600,
    ...extra,
  });
  const header = { alg: 'RS256', typ: 'JWT', kid: 'local-key' };
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
      'a token for another service URL',
      () => sign(trusted.privateKey, header, claims({ serviceurl: 'https://evil.example/' })),
    ],
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

  it('refuses an activity without a token with 401', async () => {
    const response = await postActivity(server.url, activity('no-token'));
    expect(response.status).toBe(401);
  });
});
