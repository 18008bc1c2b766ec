import { loadConfig } from '../../src/config';
import { openAzureStorage } from '../../src/storage/azure';
import { startServer } from '../../src/server';
import { StaffDirectory } from '../../src/staff/accounts';
import { startAzurite, type Azurite } from '../support/azurite';
import { tempConfig } from '../support/temp-data';
import { STAFF_EMAIL, STAFF_PASSWORD, StaffClient, type Running } from '../staff/support';

/**
 * The staff sign-in limit (5 failures per account in 15 minutes) with `azure-blob`: counted in the
 * shared container, so two instances of a deployment of six (INSTANCES=6) still allow 5 guesses
 * for an account between them — not 1 per instance, nor 6 in all.
 */
describe('the staff sign-in limit across instances (Azurite)', () => {
  let azurite: Azurite;
  const servers: Running[] = [];
  const dirs: { cleanup: () => void }[] = [];

  beforeAll(async () => {
    azurite = await startAzurite();
    const settings = {
      STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: 'sign-in-limit',
      DIRECT_LINE_DOMAIN: 'https://directline.botframework.com/v3/directline',
      DIRECT_LINE_SECRET: 'test-only-direct-line-secret-not-real',
      INSTANCES: '6',
    };
    const shared = await openAzureStorage({
      connectionString: azurite.connectionString,
      container: 'sign-in-limit',
    });
    await new StaffDirectory(shared.staffDirectory, { bcryptRounds: 4 }).setPassword(
      STAFF_EMAIL,
      STAFF_PASSWORD,
    );
    for (let n = 0; n < 2; n++) {
      const local = tempConfig();
      dirs.push(local);
      servers.push(await startServer({ ...loadConfig({ ...settings, DATA_DIR: local.DATA_DIR }), PORT: 0 }));
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await azurite?.stop();
    for (const dir of dirs) dir.cleanup();
  });

  it('allows 5 wrong passwords for an account in all, whichever instance each reaches', async () => {
    const checked = servers.map((server) => jest.spyOn(server.staff.directory, 'verifyPassword'));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      // alternately on each instance (fewer than the address's limit of 20: only the account's stops them)
      const client = new StaffClient(servers[attempt % 2]!.url);
      const csrf = StaffClient.csrfOf(await (await client.get('/staff/login')).text());
      const answer = await client.post('/staff/login', {
        _csrf: csrf,
        email: STAFF_EMAIL,
        password: `wrong ${attempt}`,
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expect(checked.reduce((sum, spy) => sum + spy.mock.calls.length, 0)).toBe(5);
    // the right password is refused too while the account is paused, on either instance
    const client = new StaffClient(servers[1]!.url);
    expect((await client.login()).status).toBe(429);
  });
});
