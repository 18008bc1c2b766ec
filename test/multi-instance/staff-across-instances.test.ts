import { loadConfig } from '../../src/config';
import { openAzureStorage } from '../../src/storage/azure';
import { startServer } from '../../src/server';
import { createStaffStores } from '../../src/staff';
import { StaffDirectory } from '../../src/staff/accounts';
import { employer, intraCompanyWorker } from '../support/answers';
import { startAzurite, type Azurite } from '../support/azurite';
import { tempConfig } from '../support/temp-data';
import { STAFF_EMAIL, STAFF_PASSWORD, StaffClient, submitIntake, type Running } from '../staff/support';

/**
 * The staff side of two instances on one container: a session opened on one is valid on the
 * other and a sign-out on either ends it on both; each instance's lead list shows the leads
 * submitted through the other (the shared index), and a status change made on one shows on the other.
 */
describe('staff across two instances (Azurite)', () => {
  let azurite: Azurite;
  let shared: Awaited<ReturnType<typeof openAzureStorage>>;
  const servers: Running[] = [];
  const dirs: { cleanup: () => void }[] = [];

  beforeAll(async () => {
    azurite = await startAzurite();
    const settings = {
      STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: 'staff-across',
      DIRECT_LINE_DOMAIN: 'https://directline.botframework.com/v3/directline',
      DIRECT_LINE_SECRET: 'test-only-direct-line-secret-not-real',
      INSTANCES: '2',
    };
    shared = await openAzureStorage({
      connectionString: azurite.connectionString,
      container: 'staff-across',
    });
    await new StaffDirectory(shared.staffDirectory, { bcryptRounds: 4 }).setPassword(
      STAFF_EMAIL,
      STAFF_PASSWORD,
    );
    for (let n = 0; n < 2; n++) {
      // each instance with its own local folder: nothing may pass through the disk
      const local = tempConfig();
      dirs.push(local);
      const config = { ...loadConfig({ ...settings, DATA_DIR: local.DATA_DIR }), PORT: 0 };
      servers.push(await startServer(config));
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await azurite?.stop();
    for (const dir of dirs) dir.cleanup();
  });

  it('shares sessions, the lead list and its changes between the instances', async () => {
    const [a, b] = servers as [Running, Running];
    const first = await submitIntake(a, 'across-1', employer);
    const second = await submitIntake(b, 'across-2', intraCompanyWorker);

    const staff = new StaffClient(a.url);
    expect((await staff.login()).status).toBe(303);
    const onB = (path: string) =>
      fetch(`${b.url}${path}`, { headers: { cookie: staff.cookieHeader() }, redirect: 'manual' });

    // the session opened on A is valid on B, and each list shows both leads
    const listOnB = await onB('/staff/leads');
    expect(listOnB.status).toBe(200);
    const htmlB = await listOnB.text();
    const listOnA = await (await staff.get('/staff/leads')).text();
    for (const html of [htmlB, listOnA]) {
      expect(html).toContain(first);
      expect(html).toContain(second);
    }

    // a status change made on A shows in B's list filter
    const lead = (await shared.leads.all()).find((l) => l.reference === first)!;
    const csrf = await staff.csrf(`/staff/leads/${lead.id}`);
    const changed = await staff.post(`/staff/leads/${lead.id}/status`, { _csrf: csrf, status: 'contacted' });
    expect(changed.status).toBeLessThan(400);
    const contactedOnB = await (await onB('/staff/leads?status=contacted')).text();
    expect(contactedOnB).toContain(first);
    expect(contactedOnB).not.toContain(second);

    // signing out on B ends the session on A too
    const logoutCsrf = StaffClient.csrfOf(htmlB);
    const out = await fetch(`${b.url}/staff/logout`, {
      method: 'POST',
      headers: { cookie: staff.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: logoutCsrf }).toString(),
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    const afterLogout = await staff.get('/staff/leads');
    expect(afterLogout.status).toBe(303);
    expect(afterLogout.headers.get('location')).toContain('/staff/login');
  }, 180_000);

  it("puts back a row the shared index lacks (a crash between a lead and its row), and drops a deleted lead's", async () => {
    const [lead] = await shared.leads.all();
    await shared.leadIndex.remove(lead!.id);
    await shared.leadIndex.upsert({ ...(await shared.leadIndex.select({}))[0]!, id: 'lead-gone' });
    const { loadIndex } = createStaffStores(servers[0]!.config, { storage: shared });
    await loadIndex();
    expect(await shared.leadIndex.get(lead!.id)).toMatchObject({ id: lead!.id, reference: lead!.reference });
    expect(await shared.leadIndex.get('lead-gone')).toBeUndefined();
    expect(await shared.leadIndex.size()).toBe(2);
  });
});
