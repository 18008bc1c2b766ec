import { authConfiguration } from '../../src/bot/adapter';
import { loadConfig } from '../../src/config';

/** The bot's Azure identity under the Agents SDK's names and the Bot Framework's (docs/agents-sdk.md). */
describe("the bot's identity settings", () => {
  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: '/tmp/unused', ...env });
  const identity = (env: Record<string, string>) => {
    const { clientId, clientSecret, tenantId, authType, MicrosoftAppId } = load(env);
    return { clientId, clientSecret, tenantId, authType, MicrosoftAppId };
  };

  it('reads the Agents SDK names', () => {
    expect(identity({ clientId: 'app', clientSecret: 's', tenantId: 't', authType: 'ClientSecret' })).toEqual(
      {
        clientId: 'app',
        clientSecret: 's',
        tenantId: 't',
        authType: 'ClientSecret',
        MicrosoftAppId: 'app',
      },
    );
  });

  it.each([
    ['SingleTenant', 'ClientSecret'],
    ['MultiTenant', 'ClientSecret'],
  ])('maps MicrosoftApp* with MicrosoftAppType %s to authType %s', (appType, authType) => {
    expect(
      identity({
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 's',
        MicrosoftAppType: appType,
        MicrosoftAppTenantId: 't',
      }),
    ).toEqual({ clientId: 'app', clientSecret: 's', tenantId: 't', authType, MicrosoftAppId: 'app' });
  });

  it('maps a user-assigned managed identity to UserManagedIdentity, with no secret', () => {
    expect(
      identity({ MicrosoftAppId: 'msi', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }),
    ).toEqual({
      clientId: 'msi',
      clientSecret: undefined,
      tenantId: 't',
      authType: 'UserManagedIdentity',
      MicrosoftAppId: 'msi',
    });
  });

  it('accepts the same value under both names', () => {
    expect(identity({ clientId: 'app', MicrosoftAppId: 'app', clientSecret: 's' }).clientId).toBe('app');
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'two values for one setting',
      { clientId: 'a', MicrosoftAppId: 'b', clientSecret: 's' },
      /clientId and MicrosoftAppId differ/,
    ],
    ['a secret without a client id', { clientSecret: 's' }, /need clientId/],
    [
      'a single-tenant bot without its tenant',
      { MicrosoftAppId: 'a', MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant' },
      /needs tenantId/,
    ],
    [
      'an auth type that contradicts MicrosoftAppType',
      {
        clientId: 'a',
        clientSecret: 's',
        tenantId: 't',
        authType: 'UserManagedIdentity',
        MicrosoftAppType: 'SingleTenant',
      },
      /contradicts/,
    ],
    ['ClientSecret without a secret', { clientId: 'a', authType: 'ClientSecret' }, /needs clientSecret/],
    ['an auth type that is not wired', { clientId: 'a', authType: 'Certificate' }, /authType/],
    [
      'the OpenID metadata setting the SDK does not read',
      { BOT_OPENID_METADATA_URL: 'https://x.example/' },
      /authorityEndpoint/,
    ],
  ])('refuses %s at start', (_name, env, message) => {
    expect(() => load(env)).toThrow(message);
  });

  it('gives the SDK only these settings, and a stand-in client id without one', () => {
    const config = authConfiguration({ clientId: 'app', clientSecret: 's', tenantId: 't' });
    expect(config).toMatchObject({ clientId: 'app', clientSecret: 's', tenantId: 't', validateIssuer: true });
    expect([...config.connections!.values()]).toEqual([
      { clientId: 'app', clientSecret: 's', tenantId: 't', validateIssuer: true },
    ]);
    const anonymous = authConfiguration({});
    expect(anonymous.clientId).toBeTruthy();
    expect(anonymous.clientSecret).toBeUndefined();
  });
});
