import { ConfigurationServiceClientCredentialFactory, type Activity } from 'botbuilder';
import { ReusingBotFrameworkAuthentication } from '../../src/bot/adapter';

/** The endpoint's authentication keeps its clients: a turn no longer builds two HTTP pipelines. */
describe('ReusingBotFrameworkAuthentication', () => {
  const authentication = () =>
    new ReusingBotFrameworkAuthentication(
      {},
      new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: '',
        MicrosoftAppPassword: '',
        MicrosoftAppType: '',
        MicrosoftAppTenantId: '',
      }),
    );
  const activity = (serviceUrl: string) =>
    ({ type: 'message', channelId: 'emulator', serviceUrl }) as Activity;

  async function clientFor(auth: ReusingBotFrameworkAuthentication, serviceUrl: string) {
    const result = await auth.authenticateRequest(activity(serviceUrl), '');
    return result.connectorFactory!.create(serviceUrl, result.audience);
  }

  it('gives every turn to the same service URL the same connector client', async () => {
    const auth = authentication();
    const first = await clientFor(auth, 'http://localhost:3978/');
    expect(await clientFor(auth, 'http://localhost:3978/')).toBe(first);
    expect(await clientFor(auth, 'http://localhost:3979/')).not.toBe(first);
  });

  it('keeps a bounded number of clients: the oldest is made again after 64 others', async () => {
    const auth = authentication();
    const first = await clientFor(auth, 'http://localhost:4000/');
    for (let i = 1; i <= 64; i++) await clientFor(auth, `http://localhost:${4000 + i}/`);
    expect(await clientFor(auth, 'http://localhost:4000/')).not.toBe(first);
  });

  it('gives every turn of one bot the same user-token client', async () => {
    const auth = authentication();
    const { claimsIdentity } = await auth.authenticateRequest(activity('http://localhost:3978/'), '');
    const first = await auth.createUserTokenClient(claimsIdentity);
    expect(await auth.createUserTokenClient(claimsIdentity)).toBe(first);
  });
});
