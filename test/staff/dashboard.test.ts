import { leadSchema } from '../../src/screening/lead';
import { startServer } from '../../src/server';
import { StaffDirectory } from '../../src/staff/accounts';
import { openFileStorage } from '../../src/storage/file';
import { employer, intraCompanyWorker, spouseOfWorker } from '../support/answers';
import { flows } from '../support/talk';
import { tempConfig } from '../support/temp-data';
import { addStaff, StaffClient, STAFF_EMAIL, submitIntake, type Running } from './support';

describe('working a lead in the dashboard', () => {
  const config = tempConfig();
  let server: Running;
  let client: StaffClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer(config);
    await submitIntake(server, 'd-1', intraCompanyWorker);
    await submitIntake(server, 'd-2', employer, { handoffAtReview: true });
    await submitIntake(server, 'd-3', spouseOfWorker);
    for (const lead of await server.leads.all()) ids[lead.contact.name] = lead.id;
    await addStaff(config.DATA_DIR);
    client = new StaffClient(server.url);
    await client.login();
  }, 30_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  const referencesIn = (page: string) =>
    [...page.matchAll(/>(IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</g)].map((m) => m[1]);

  it('lists leads newest first when sorted by date received, with counts per status', async () => {
    const page = await (await client.get('/staff/leads?sort=received')).text();
    const leads = await server.leads.all();
    const newestFirst = [...leads]
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .map((l) => l.reference);
    expect(referencesIn(page)).toEqual(newestFirst);
    expect(page).toContain('All (3)');
    expect(page).toContain('New (3)');
    expect(page).toContain('Contacted (0)');
  });

  it('filters by role, priority, stream and search, and names an invalid filter', async () => {
    const employers = await (await client.get('/staff/leads?role=employer')).text();
    expect(employers).toContain('Dana Whitfield');
    expect(employers).not.toContain('Priya Raman');

    const search = await (await client.get('/staff/leads?q=PRIYA%40example')).text();
    expect(search).toContain('Priya Raman');
    expect(search).not.toContain('Maria Santos');

    const priya = await server.leads.get(ids['Priya Raman']!);
    const byReference = await (await client.get(`/staff/leads?q=${priya!.reference}`)).text();
    expect(referencesIn(byReference)).toEqual([priya!.reference]);

    const best = priya!.screening.streams[0]!.code;
    const byStream = await (await client.get(`/staff/leads?stream=${encodeURIComponent(best)}`)).text();
    expect(byStream).toContain('Priya Raman');

    const byPriority = await (
      await client.get(`/staff/leads?priority=${priya!.screening.priority.level}`)
    ).text();
    expect(byPriority).toContain('Priya Raman');

    const future = await (await client.get('/staff/leads?from=2999-01-01')).text();
    expect(future).toContain('No lead matches these filters.');

    const invalid = await client.get('/staff/leads?urgency=whenever');
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain('Invalid filter: urgency');
  });

  it('shows the whole lead: summary, streams, answers with their labels, transcript, notifications', async () => {
    const page = await (await client.get(`/staff/leads/${ids['Priya Raman']}`)).text();
    expect(page).toContain('Data engineering manager'); // an answer
    const labels = flows()['en-CA'].steps;
    expect(page).toMatch(
      new RegExp(
        `<dt>${labels.offerJobTitle.label}</dt>\\s*<dd>Data engineering manager at Northshore Analytics Ltd\\.</dd>`,
      ),
    );
    expect(page).toMatch(new RegExp(`<dt>${labels.criminalHistory.label}</dt>\\s*<dd>No</dd>`));
    expect(page).toContain('India'); // a country formatted by name
    expect(page).toMatch(/C62<\/strong>/); // a stream with its code
    expect(page).toContain('Conversation transcript');
    expect(page).toMatch(/Show the conversation \(\d+ messages\)/);
    expect(page).toContain('Notifications');
    expect(page).toContain('not configured');
    expect(page).toContain('The prospect did not ask to talk to a person.');

    const dana = await (await client.get(`/staff/leads/${ids['Dana Whitfield']}`)).text();
    expect(dana).toContain('asked to talk to a person');
  });

  it('changes the status with a note and records who did it and when', async () => {
    const id = ids['Maria Santos']!;
    const csrf = await client.csrf(`/staff/leads/${id}`);
    const saved = await client.post(`/staff/leads/${id}/status`, {
      _csrf: csrf,
      status: 'consultation-booked',
      note: 'Booked for Dec 2 at 10:00',
    });
    expect(saved.headers.get('location')).toBe(`/staff/leads/${id}?done=saved`);
    const page = await (await client.get(`/staff/leads/${id}?done=saved`)).text();
    expect(page).toContain('Saved.');
    expect(page).toContain('Status: New → Consultation booked');
    expect(page).toContain(STAFF_EMAIL);
    expect(page).toContain('Booked for Dec 2 at 10:00');

    const unchanged = await client.post(`/staff/leads/${id}/status`, {
      _csrf: csrf,
      status: 'consultation-booked',
    });
    expect(unchanged.headers.get('location')).toBe(`/staff/leads/${id}?done=unchanged`);
    const invalid = await client.post(`/staff/leads/${id}/status`, { _csrf: csrf, status: 'hired' });
    expect(invalid.headers.get('location')).toBe(`/staff/leads/${id}?error=invalid-status`);

    const list = await (await client.get('/staff/leads')).text();
    expect(list).toContain('Consultation booked (1)');
    const booked = await (await client.get('/staff/leads?status=consultation-booked')).text();
    expect(booked).toContain('Maria Santos');
    expect(booked).not.toContain('Priya Raman');
  });

  it('exports the filtered leads as CSV and as JSON', async () => {
    const csvResponse = await client.get('/staff/export.csv?role=worker');
    expect(csvResponse.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csvResponse.headers.get('content-disposition')).toMatch(
      /attachment; filename="?imp-leads-\d{4}-\d{2}-\d{2}\.csv/,
    );
    const csv = (await csvResponse.text()).replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^reference,received,status,role,name,email/);
    expect(lines).toHaveLength(3);
    expect(csv).not.toContain('Dana Whitfield');

    const json = (await (await client.get('/staff/export.json?role=employer')).json()) as {
      count: number;
      leads: { lead: unknown; workflow: { status: string } }[];
    };
    expect(json.count).toBe(1);
    expect(leadSchema.parse(json.leads[0]!.lead).contact.name).toBe('Dana Whitfield');
    expect(json.leads[0]!.workflow.status).toBe('new');
  });

  it('draws the overview as SVG charts with text alternatives', async () => {
    const page = await (await client.get('/staff/overview')).text();
    for (const title of [
      'Leads per week',
      'Leads by role',
      'Leads by best-fit stream',
      'Leads by status',
      'Leads by urgency',
      'Leads by source',
    ]) {
      expect(page).toContain(title);
    }
    expect(page.match(/<svg\s[^>]*role="img"/g)?.length).toBeGreaterThanOrEqual(5);
    expect(page).toMatch(/<desc id="by-role-desc">Worker: 2; Employer: 1<\/desc>/);
    expect(page).toMatch(/<td>Employer<\/td>\s*<td>1<\/td>/);
  });

  it('lists handoff requests', async () => {
    const page = await (await client.get('/staff/handoffs')).text();
    expect(page).toContain('Dana Whitfield');
    expect(page).not.toContain('Priya Raman');
  });
});

describe('the staff API', () => {
  const config = tempConfig();
  let server: Running;
  let token: string;
  let leadId: string;

  beforeAll(async () => {
    server = await startServer(config);
    await submitIntake(server, 'api-1', intraCompanyWorker);
    await submitIntake(server, 'api-2', employer);
    leadId = (await server.leads.all()).find((l) => l.role === 'worker')!.id;
    token = await new StaffDirectory(openFileStorage(config.DATA_DIR).staffDirectory).createToken('crm-sync');
  }, 30_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/staff/api${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });

  it('lists leads with filters and paging, each the lead contract beside its workflow status', async () => {
    const page = (await (await api('/leads?pageSize=1')).json()) as {
      items: { lead: unknown; workflow: { status: string } }[];
      total: number;
      pages: number;
      counts: Record<string, number>;
    };
    expect(page.total).toBe(2);
    expect(page.pages).toBe(2);
    expect(page.items).toHaveLength(1);
    expect(leadSchema.safeParse(page.items[0]!.lead).success).toBe(true);
    expect(page.counts.new).toBe(2);

    const employers = (await (await api('/leads?role=employer')).json()) as {
      items: { lead: { role: string } }[];
    };
    expect(employers.items.map((i) => i.lead.role)).toEqual(['employer']);

    const invalid = await api('/leads?page=zero');
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toContain('page');
  });

  it('returns one lead as the contract, with the workflow in a separate field', async () => {
    const body = (await (await api(`/leads/${leadId}`)).json()) as {
      lead: unknown;
      workflow: { status: string };
    };
    expect(leadSchema.parse(body.lead)).toEqual(await server.leads.get(leadId));
    expect(body.workflow.status).toBe('new');
    expect((await api('/leads/no-such-lead')).status).toBe(404);
  });

  it('changes the status, records the token as the author, and refuses a bad change', async () => {
    const changed = await api(`/leads/${leadId}`, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'contacted', note: 'Emailed the checklist' }),
    });
    expect(changed.status).toBe(200);
    const body = (await changed.json()) as {
      changed: boolean;
      workflow: { status: string; history: { by: string }[] };
    };
    expect(body.changed).toBe(true);
    expect(body.workflow.status).toBe('contacted');
    expect(body.workflow.history.at(-1)!.by).toBe('api:crm-sync');

    const again = (await (
      await api(`/leads/${leadId}`, { method: 'PATCH', body: '{"status":"contacted"}' })
    ).json()) as {
      changed: boolean;
    };
    expect(again.changed).toBe(false);

    for (const bad of [
      '{"status":"hired"}',
      '{"note":"no status"}',
      '{"status":"new","extra":1}',
      'not json',
    ]) {
      const refused = await api(`/leads/${leadId}`, { method: 'PATCH', body: bad });
      expect(refused.status).toBe(400);
    }
    expect((await server.staff.stores.workflow.get(leadId))?.status).toBe('contacted');
    const list = (await (await api('/leads?status=contacted')).json()) as { total: number };
    expect(list.total).toBe(1);
  });

  it('stops accepting a revoked token', async () => {
    const directory = new StaffDirectory(openFileStorage(config.DATA_DIR).staffDirectory);
    const temporary = await directory.createToken('temporary');
    const call = () =>
      fetch(`${server.url}/staff/api/leads`, { headers: { authorization: `Bearer ${temporary}` } });
    expect((await call()).status).toBe(200);
    await directory.revokeToken('temporary');
    expect((await call()).status).toBe(401);
  });
});
