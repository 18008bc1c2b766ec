import { startServer } from '../../src/server';
import { StaffDirectory } from '../../src/staff/accounts';
import { openFileStorage } from '../../src/storage/file';
import { employer, intraCompanyWorker } from '../support/answers';
import { tempConfig } from '../support/temp-data';
import { addStaff, StaffClient, STAFF_EMAIL, STAFF_PASSWORD, submitIntake, type Running } from './support';
import { xssPayloads } from './xss';

describe('the staff dashboard and API refuse anyone not signed in', () => {
  const config = tempConfig();
  let server: Running;
  let leadId: string;
  let reference: string;

  beforeAll(async () => {
    server = await startServer(config);
    reference = await submitIntake(server, 'sec-1', intraCompanyWorker);
    leadId = (await server.leads.all())[0]!.id;
  }, 30_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  const pages = () => [
    '/staff',
    '/staff/leads',
    '/staff/leads?q=priya',
    `/staff/leads/${leadId}`,
    '/staff/overview',
    '/staff/handoffs',
    '/staff/deletions',
    '/staff/export.csv',
    '/staff/export.json',
    '/staff/no-such-page',
  ];

  it('sends every page to the sign-in form, showing nothing of the leads', async () => {
    for (const path of pages()) {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect({ path, status: response.status }).toEqual({ path, status: 303 });
      expect(response.headers.get('location')).toMatch(/^\/staff\/login/);
      const body = await response.text();
      expect(body).not.toContain('Priya');
      expect(body).not.toContain(reference);
    }
  });

  it('refuses every state change, and changes nothing', async () => {
    const posts = [
      `/staff/leads/${leadId}/status`,
      `/staff/leads/${leadId}/delete`,
      `/staff/deliveries/lead-${leadId}-email/retry`,
      '/staff/logout',
    ];
    for (const path of posts) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ status: 'declined', confirm: reference }).toString(),
        redirect: 'manual',
      });
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
    }
    expect(await server.leads.get(leadId)).toBeDefined();
    expect((await server.staff.stores.workflow.get(leadId))?.status).toBe('new');
  });

  it('answers 401 on the API without a valid bearer token, even with a dashboard session', async () => {
    await addStaff(config.DATA_DIR);
    const client = new StaffClient(server.url);
    await client.login();
    const attempts: [string, RequestInit][] = [
      ['/staff/api/leads', {}],
      [`/staff/api/leads/${leadId}`, {}],
      [`/staff/api/leads/${leadId}`, { headers: { authorization: 'Bearer imp_not-a-real-token' } }],
      [
        `/staff/api/leads/${leadId}`,
        { headers: { authorization: `Basic ${btoa(`${STAFF_EMAIL}:${STAFF_PASSWORD}`)}` } },
      ],
      [
        `/staff/api/leads/${leadId}`,
        { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"retained"}' },
      ],
    ];
    for (const [path, init] of attempts) {
      const response = await client.request(path, init);
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain('Priya');
    }
    expect((await server.staff.stores.workflow.get(leadId))?.status).toBe('new');
  });

  it('sends security headers: a strict CSP, no framing, no caching of personal data', async () => {
    const response = await fetch(`${server.url}/staff/login`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('signing in', () => {
  let config: ReturnType<typeof tempConfig>;
  let server: Running;

  beforeEach(async () => {
    config = tempConfig();
    server = await startServer(config);
  });
  afterEach(async () => {
    await server.close();
    config.cleanup();
  });

  it('has no default account: the sign-in page says how to create one', async () => {
    const page = await (await fetch(`${server.url}/staff/login`)).text();
    expect(page).toContain('npm run staff:add -- you@yourfirm.ca');
    const client = new StaffClient(server.url);
    for (const [email, password] of [
      ['admin@localhost', 'password'],
      [STAFF_EMAIL, STAFF_PASSWORD],
    ]) {
      expect((await client.login(email, password)).status).toBe(401);
    }
  });

  it('shows the leads after sign-in and not before', async () => {
    const reference = await submitIntake(server, 'in-1', employer);
    await addStaff(config.DATA_DIR);
    const client = new StaffClient(server.url);
    expect((await client.get('/staff/leads')).status).toBe(303);

    const login = await client.login();
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/staff/leads');
    const list = await client.get('/staff/leads');
    expect(list.status).toBe(200);
    const page = await list.text();
    expect(page).toContain(reference);
    expect(page).toContain('Dana Whitfield');
  });

  it('sets the session cookie httpOnly and SameSite=Strict, and ends it on sign-out', async () => {
    await addStaff(config.DATA_DIR);
    const client = new StaffClient(server.url);
    const login = await client.login();
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('imp_staff_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/staff/);
    expect(cookie).not.toMatch(/Secure/i);
    const stolen = client.cookieHeader();

    const signOut = await client.post('/staff/logout', { _csrf: await client.csrf() });
    expect(signOut.headers.get('location')).toBe('/staff/login?done=signed-out');
    // the old cookie is worthless: the session is gone on the server too
    const replay = await fetch(`${server.url}/staff/leads`, {
      headers: { cookie: stolen },
      redirect: 'manual',
    });
    expect(replay.status).toBe(303);
  });

  it('marks the cookie Secure when the dashboard is served over HTTPS', async () => {
    const secureConfig = tempConfig({ PUBLIC_URL: 'https://intake.firm.example' });
    const secure = await startServer(secureConfig);
    try {
      await addStaff(secureConfig.DATA_DIR);
      const login = await new StaffClient(secure.url).login();
      expect(login.headers.getSetCookie().find((c) => c.startsWith('imp_staff_session='))).toMatch(
        /;\s*Secure/i,
      );
      expect(login.headers.get('strict-transport-security')).toMatch(/max-age=/);
    } finally {
      await secure.close();
      secureConfig.cleanup();
    }
  });

  it('refuses a sign-in form that did not come from the page (login CSRF)', async () => {
    await addStaff(config.DATA_DIR);
    const client = new StaffClient(server.url);
    const response = await client.post('/staff/login', { email: STAFF_EMAIL, password: STAFF_PASSWORD });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('This sign-in form expired');
    expect(response.headers.getSetCookie().some((c) => c.startsWith('imp_staff_session='))).toBe(false);
  });

  it('pauses sign-in after repeated wrong passwords, even for the right one, and says so', async () => {
    await addStaff(config.DATA_DIR);
    const client = new StaffClient(server.url);
    for (let i = 0; i < 5; i++) {
      const wrong = await client.login(STAFF_EMAIL, `wrong password ${i}`);
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('Wrong email or password.');
    }
    const blocked = await client.login(STAFF_EMAIL, STAFF_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('Too many failed sign-in attempts');
    // another account is not locked by this one's failures
    await addStaff(config.DATA_DIR, 'associate@firm.example', 'another long passphrase');
    expect((await client.login('associate@firm.example', 'another long passphrase')).status).toBe(303);
  });

  it('ends open sessions when the password is set again', async () => {
    await addStaff(config.DATA_DIR);
    const client = new StaffClient(server.url);
    await client.login();
    expect((await client.get('/staff/leads')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await new StaffDirectory(openFileStorage(config.DATA_DIR).staffDirectory, {
      bcryptRounds: 4,
    }).setPassword(STAFF_EMAIL, 'a brand new passphrase');
    expect((await client.get('/staff/leads')).status).toBe(303);
  });

  it('does not redirect elsewhere after sign-in (no open redirect)', async () => {
    await addStaff(config.DATA_DIR);
    for (const next of [
      'https://evil.example/',
      '//evil.example/staff',
      '/staff//evil.example',
      'javascript:alert(1)',
    ]) {
      const client = new StaffClient(server.url);
      const token = StaffClient.csrfOf(await (await client.get('/staff/login')).text());
      const response = await client.post('/staff/login', {
        _csrf: token,
        email: STAFF_EMAIL,
        password: STAFF_PASSWORD,
        next,
      });
      expect(response.headers.get('location')).toBe('/staff/leads');
    }
  });
});

describe('sign-in throttling with several instances', () => {
  it('counts the limit in storage, not per instance: 5 wrong passwords per account whatever INSTANCES is', async () => {
    const config = tempConfig({ INSTANCES: '2' });
    const server = await startServer(config);
    try {
      await addStaff(config.DATA_DIR);
      const client = new StaffClient(server.url);
      for (let i = 0; i < 5; i++)
        expect((await client.login(STAFF_EMAIL, `wrong password ${i}`)).status).toBe(401);
      expect((await client.login(STAFF_EMAIL, STAFF_PASSWORD)).status).toBe(429);
    } finally {
      await server.close();
      config.cleanup();
    }
  });
});

describe('state changes need the session’s CSRF token', () => {
  const config = tempConfig();
  let server: Running;
  let leadId: string;

  beforeAll(async () => {
    server = await startServer(config);
    await submitIntake(server, 'csrf-1', intraCompanyWorker);
    leadId = (await server.leads.all())[0]!.id;
    await addStaff(config.DATA_DIR);
    await addStaff(config.DATA_DIR, 'other@firm.example', 'other staff passphrase');
  }, 30_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  it('refuses a form without the token, or with another session’s, and changes nothing', async () => {
    const alice = new StaffClient(server.url);
    await alice.login();
    const bob = new StaffClient(server.url);
    await bob.login('other@firm.example', 'other staff passphrase');
    const bobsToken = await bob.csrf();

    const variants: Record<string, string>[] = [{}, { _csrf: '' }, { _csrf: bobsToken }, { _csrf: 'forged' }];
    for (const fields of variants) {
      const status = await alice.post(`/staff/leads/${leadId}/status`, {
        ...fields,
        status: 'declined',
        note: 'x',
      });
      expect(status.status).toBe(403);
      const deletion = await alice.post(`/staff/leads/${leadId}/delete`, { ...fields, confirm: 'x' });
      expect(deletion.status).toBe(403);
      const logout = await alice.post('/staff/logout', fields);
      expect(logout.status).toBe(403);
    }
    expect((await server.staff.stores.workflow.get(leadId))?.status).toBe('new');
    expect(await server.leads.get(leadId)).toBeDefined();
    expect((await alice.get('/staff/leads')).status).toBe(200);

    const saved = await alice.post(`/staff/leads/${leadId}/status`, {
      _csrf: await alice.csrf(),
      status: 'contacted',
    });
    expect(saved.status).toBe(303);
    expect((await server.staff.stores.workflow.get(leadId))?.status).toBe('contacted');
  });
});

describe('answers typed as markup', () => {
  const config = tempConfig();
  let server: Running;
  let leadId: string;

  beforeAll(async () => {
    server = await startServer(config);
    await submitIntake(
      server,
      'xss-1',
      {
        ...intraCompanyWorker,
        contactName: xssPayloads[0]!,
        offerJobTitle: `${xssPayloads[1]!} at ${xssPayloads[2]!}`,
        contactEmail: 'x@example.com',
      },
      { handoffAtReview: true },
    );
    await submitIntake(server, 'xss-2', {
      ...employer,
      contactName: '=HYPERLINK("http://evil.example","click")',
      employerCompany: xssPayloads[5]!,
    });
    leadId = (await server.leads.all()).find((l) => l.contact.email === 'x@example.com')!.id;
    await addStaff(config.DATA_DIR);
  }, 30_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  const activeMarkup =
    /<(script|img|svg|iframe|style)\b|<[^>]*\son\w+\s*=|href="javascript:|<\/textarea><iframe/i;

  it('renders inert in the list, every lead page and the handoff page', async () => {
    const client = new StaffClient(server.url);
    await client.login();
    const details = (await server.leads.all()).map((lead) => `/staff/leads/${lead.id}`);
    for (const path of ['/staff/leads', ...details, '/staff/leads?q=%3Cscript%3E', '/staff/handoffs']) {
      const page = await (await client.get(path)).text();
      for (const payload of xssPayloads) expect(page).not.toContain(payload);
      expect(page).not.toMatch(activeMarkup);
    }
    const detail = await (await client.get(`/staff/leads/${leadId}`)).text();
    expect(detail).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(detail).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(detail).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
    const handoffs = await (await client.get('/staff/handoffs')).text();
    expect(handoffs).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps formulas from running in the CSV export', async () => {
    const client = new StaffClient(server.url);
    await client.login();
    const csv = await (await client.get('/staff/export.csv')).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv).toContain("'+16045550199");
  });
});
