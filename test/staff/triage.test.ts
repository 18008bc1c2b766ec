import fs from 'node:fs';
import path from 'node:path';
import type { Lead } from '../../src/screening/lead';
import { sourceFrom } from '../../src/screening/source';
import { startServer } from '../../src/server';
import { leadQueryOf, parseFilter } from '../../src/staff/filters';
import { matcher } from '../../src/ports/lead-list';
import { rowOf } from '../../src/staff/lead-index';
import { markdownToHtml } from '../../src/staff/markdown';
import {
  dayInZone,
  displayPhone,
  duplicateGroups,
  formatInZone,
  startOfDayInZone,
  whyPhrases,
} from '../../src/staff/triage';
import { sortLeads, type TriageRecord } from '../../src/ports/lead-order';
import { employer, intraCompanyWorker, spouseOfWorker } from '../support/answers';
import { leadOf, storesIn } from '../notify/support';
import { flows } from '../support/talk';
import { tempConfig } from '../support/temp-data';
import { addStaff, StaffClient, STAFF_EMAIL, type Running } from './support';
import { xssPayloads } from './xss';

const record = (id: string, fields: Partial<TriageRecord> = {}): TriageRecord => ({
  id,
  reference: `IMP-2026-TEST-${id.toUpperCase()}`,
  createdAt: '2026-11-01T10:00:00.000Z',
  status: 'new',
  priority: 'medium',
  urgency: 'normal',
  email: `${id}@example.com`,
  name: id,
  ...fields,
});

function parsedFilter(query: Record<string, string>) {
  const parsed = parseFilter(query);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.filter;
}

describe('who to call first (pure triage)', () => {
  const today = '2026-11-28';

  it('puts what needs action first: open, follow-up due, urgency and deadline, priority, then the oldest', () => {
    const records = [
      record('newest-low', { createdAt: '2026-11-27T10:00:00Z', priority: 'low' }),
      record('old-high', { createdAt: '2026-10-01T10:00:00Z', priority: 'high' }),
      record('urgent-late', { urgency: 'urgent', deadline: '2027-01-30' }),
      record('urgent-soon', { urgency: 'urgent', deadline: '2027-01-07' }),
      record('retained-urgent', { urgency: 'urgent', status: 'retained' }),
      record('soon', { urgency: 'soon', createdAt: '2026-11-20T10:00:00Z' }),
      record('follow-up-due', { followUp: '2026-11-27' }),
      record('old-medium', { createdAt: '2026-09-01T10:00:00Z' }),
    ];
    expect(sortLeads(records, { today }).map((r) => r.id)).toEqual([
      'follow-up-due',
      'urgent-soon',
      'urgent-late',
      'soon',
      'old-high',
      'old-medium',
      'newest-low',
      'retained-urgent',
    ]);
    expect(sortLeads(records, { sort: 'received', today })[0]!.id).toBe('newest-low');
    expect(sortLeads(records, { sort: 'received', dir: 'asc', today })[0]!.id).toBe('old-medium');
    expect(sortLeads(records, { sort: 'name', today }).map((r) => r.id)[0]).toBe('follow-up-due');
    expect(sortLeads(records, { sort: 'priority', today })[0]!.id).toBe('old-high');
  });

  it('says why in words a paralegal scans', () => {
    const why = whyPhrases(
      {
        urgency: {
          level: 'urgent',
          deadline: '2027-01-07',
          reason: 'status expires 2027-01-07 (in 40 days); job starts 2026-12-01 (in 3 days)',
        },
        flags: [{ ground: 'previous-refusal' }, { ground: 'criminality', serious: true }],
        handoff: true,
        followUp: '2026-11-20',
        status: 'contacted',
      },
      today,
    );
    expect(why).toEqual([
      'status expires Jan 7, 2027',
      'serious criminality',
      'previous refusal',
      'asked for a person',
      'follow-up overdue (Nov 20)',
    ]);
    expect(whyPhrases({ urgency: { level: 'normal' }, flags: [], handoff: false }, today)).toEqual([]);
  });

  it('links leads from the same person by email (any case) or phone (however written)', () => {
    const groups = duplicateGroups([
      record('a', { email: 'Priya@Example.com', createdAt: '2026-11-01T00:00:00Z' }),
      record('b', { email: 'priya@example.com ', createdAt: '2026-11-02T00:00:00Z' }),
      record('c', { email: 'other@example.com', phone: '(604) 555-0199', createdAt: '2026-11-03T00:00:00Z' }),
      record('d', {
        email: 'third@example.com',
        phone: '+1 604 555 0199',
        createdAt: '2026-11-04T00:00:00Z',
      }),
      record('e', { email: 'alone@example.com', phone: '604 555 0100' }),
    ]);
    expect(groups.get('a')!.map((r) => r.id)).toEqual(['b']);
    expect(groups.get('c')!.map((r) => r.id)).toEqual(['d']);
    expect(groups.get('d')!.map((r) => r.id)).toEqual(['c']);
    expect(groups.has('e')).toBe(false);
  });

  it("shows times in the firm's zone, named, and today's date there", () => {
    expect(formatInZone('2026-11-28T03:30:00.000Z', 'America/Vancouver')).toBe('2026-11-27 19:30 PST');
    expect(formatInZone('2026-07-01T12:00:00.000Z', 'America/Vancouver')).toBe('2026-07-01 05:00 PDT');
    expect(formatInZone('2026-11-28T03:30:00.000Z', 'America/Toronto')).toBe('2026-11-27 22:30 EST');
    expect(dayInZone(new Date('2026-11-28T03:30:00.000Z'), 'America/Vancouver')).toBe('2026-11-27');
  });

  it("filters received dates by the firm's days, not UTC days (DST included)", () => {
    const row = (createdAt: string) => ({
      ...rowOf(leadOf(employer, 'lead-x', { createdAt }), 'new'),
      createdAt,
    });
    const on27 = leadQueryOf(
      parsedFilter({ from: '2026-11-27', to: '2026-11-27' }),
      '2026-11-28',
      'America/Vancouver',
    );
    const test = matcher(on27);
    // 21:00 on Nov 27 in Vancouver is already Nov 28 in UTC
    expect(test(row('2026-11-28T05:00:00.000Z'))).toBe(true);
    // 23:30 on Nov 26 in Vancouver (07:30 UTC on Nov 27) is not Nov 27 there
    expect(test(row('2026-11-27T07:30:00.000Z'))).toBe(false);
    expect(test(row('2026-11-28T08:00:00.000Z'))).toBe(false);
    expect(startOfDayInZone('2026-03-08', 'America/Vancouver')).toBe('2026-03-08T08:00:00.000Z');
    expect(startOfDayInZone('2026-03-09', 'America/Vancouver')).toBe('2026-03-09T07:00:00.000Z');
    expect(startOfDayInZone('2026-11-01', 'America/Vancouver')).toBe('2026-11-01T07:00:00.000Z');
    expect(startOfDayInZone('2026-11-02', 'America/Vancouver')).toBe('2026-11-02T08:00:00.000Z');
  });

  it('formats phone numbers with a tel: link, leaving what is not a number as typed', () => {
    expect(displayPhone('6045550199')).toEqual({ text: '(604) 555-0199', href: 'tel:+16045550199' });
    expect(displayPhone('+44 20 7946 0958')).toEqual({ text: '+44 20 7946 0958', href: 'tel:+442079460958' });
    expect(displayPhone('call me')).toEqual({ text: 'call me' });
  });

  it('renders the bot’s markdown, escaping everything else', () => {
    expect(markdownToHtml('**Reference:** IMP-1\n- one\n- two\n[site](https://firm.example)').value).toBe(
      '<p><strong>Reference:</strong> IMP-1</p><ul><li>one</li><li>two</li></ul><p><a href="https://firm.example" rel="noopener noreferrer">site</a></p>',
    );
    expect(markdownToHtml('[x](javascript:alert(1))').value).not.toContain('href');
    for (const payload of xssPayloads) {
      expect(markdownToHtml(`**${payload}**`).value).not.toMatch(/<(script|img|svg|iframe|style)\b/);
    }
  });
});

describe('the lead list in the dashboard: who to call first', () => {
  const config = tempConfig({ FIRM_TIME_ZONE: 'America/Vancouver' });
  let server: Running;
  let client: StaffClient;
  const leads: Lead[] = [];

  const write = (lead: Lead, stored: object = lead) => {
    const dir = path.join(config.DATA_DIR, 'leads');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${lead.id}.json`), JSON.stringify(stored));
    leads.push(lead);
  };

  beforeAll(async () => {
    // Nine leads; the one that needs a call today is neither the newest nor the oldest.
    for (let i = 1; i <= 8; i++) {
      const lead = leadOf(i % 2 ? intraCompanyWorker : spouseOfWorker, `lead-${i}`, {
        createdAt: `2026-11-${String(10 + i).padStart(2, '0')}T18:00:00.000Z`,
      });
      lead.contact = {
        name: `Person ${i}`,
        email: `person${i}@example.com`,
        phone: `+1604555010${i}`,
        preferredContact: 'email',
      };
      lead.screening.urgency = { level: 'normal' };
      lead.screening.admissibility.flags = [];
      lead.handoffRequested = false;
      // Leads 6 and 7 share an email, 7 and 8 a phone number: one person, three submissions.
      if (i === 6 || i === 7) lead.contact = { ...lead.contact, email: 'same@example.com' };
      if (i === 8) lead.contact = { ...lead.contact, phone: '+16045550107' };
      if (i === 2)
        lead.source = sourceFrom('directline', { referrerHost: 'www.google.ca', landingPath: '/fr' });
      write(lead);
    }
    const urgent = leadOf(employer, 'lead-urgent', {
      createdAt: '2026-11-13T18:00:00.000Z',
      handoffRequested: true,
    });
    urgent.contact = { ...urgent.contact, name: 'Urgent Person', phone: '+16045550123' };
    urgent.screening.urgency = {
      level: 'urgent',
      deadline: '2027-01-07',
      reason: 'status expires 2027-01-07 (in 40 days)',
    };
    urgent.screening.admissibility.flags = [{ ground: 'criminality', serious: true, note: 'A37(1)' }];
    // Stored before the source was captured from the page: the prospect's answer, no source.
    const { source: _source, ...current } = urgent;
    write(urgent, { ...current, answers: { ...urgent.answers, heardAbout: 'referral' } });
    await storesIn(config.DATA_DIR).handoffs.add('msteams|conv-urgent', {
      id: 'lead-urgent-h1',
      intakeId: 'lead-urgent',
      requestedAt: '2026-11-13T17:00:00.000Z',
      locale: 'en-CA',
      position: 'offerWage',
      role: 'employer',
      contact: {},
      answeredCount: 1,
    });
    server = await startServer(config);
    await addStaff(config.DATA_DIR);
    await addStaff(config.DATA_DIR, 'paralegal@firm.example');
    client = new StaffClient(server.url);
    await client.login();
  }, 30_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  /** The references of the rows, in order (not those named in a row's "same person as"). */
  const referencesIn = (page: string) =>
    [...page.matchAll(/class="nowrap"><a href="[^"]+">(IMP-[\w-]+)</g)].map((m) => m[1]);
  const referenceOf = (id: string) => leads.find((l) => l.id === id)!.reference;

  it('puts the urgent lead first and says why in words, times in Vancouver time', async () => {
    const page = await (await client.get('/staff/leads')).text();
    expect(referencesIn(page)[0]).toBe(referenceOf('lead-urgent'));
    const urgentRow = page.slice(
      page.indexOf(referenceOf('lead-urgent')),
      page.indexOf('</tr>', page.indexOf(referenceOf('lead-urgent'))),
    );
    expect(urgentRow).toMatch(/status expires Jan 7, 2027/);
    expect(urgentRow).toContain('serious criminality');
    expect(urgentRow).toContain('asked for a person');
    expect(urgentRow).toContain('<td>referral</td>');
    expect(urgentRow).toContain('<a href="tel:+16045550123">(604) 555-0123</a>');
    expect(page).not.toMatch(/\d+ flags?/);
    // 2026-11-13T18:00Z is 10:00 in Vancouver.
    expect(urgentRow).toContain('2026-11-13 10:00 PST');
    expect(page).not.toContain(' UTC');
    expect(page).toContain('America/Vancouver');
    // Sortable columns, the current one marked for screen readers.
    expect(page).toMatch(/aria-sort="ascending"[^>]*>\s*<a href="\/staff\/leads\?sort=action&amp;dir=desc"/);
    const byDate = await (await client.get('/staff/leads?sort=received&dir=desc')).text();
    expect(referencesIn(byDate)[0]).toBe(referenceOf('lead-8'));
  });

  it('links the leads from the same email or phone, and says so', async () => {
    const page = await (await client.get('/staff/leads?sort=received')).text();
    const row = (id: string) =>
      page.slice(
        page.indexOf(`>${referenceOf(id)}<`),
        page.indexOf('</tr>', page.indexOf(`>${referenceOf(id)}<`)),
      );
    expect(row('lead-8')).toMatch(/Same person as/);
    expect(row('lead-8')).toContain(referenceOf('lead-6'));
    expect(row('lead-8')).toContain(referenceOf('lead-7'));
    expect(row('lead-8')).toContain('2 other leads');
    expect(row('lead-2')).not.toContain('Same person');
    const detail = await (await client.get('/staff/leads/lead-6')).text();
    expect(detail).toContain('same email or phone');
    expect(detail).toContain(referenceOf('lead-8'));
  });

  it('shows, filters and exports the lead source, with the answer of an older lead', async () => {
    const csv = await (await client.get('/staff/export.csv')).text();
    expect(csv.split('\r\n')[0]).toContain('source,source details');
    expect(csv).toContain('referral,referral — the prospect said: referral');
    expect(csv).toContain('search engine,"search engine — via www.google.ca, landed on /fr"');
    const fromSearch = await (await client.get('/staff/leads?source=search')).text();
    expect(referencesIn(fromSearch)).toEqual([referenceOf('lead-2')]);
    const referred = await (await client.get('/staff/leads?source=referral')).text();
    expect(referencesIn(referred)).toEqual([referenceOf('lead-urgent')]);
    const bad = await client.get('/staff/leads?source=%3Cscript%3E');
    expect(bad.status).toBe(400);
    const detail = await (await client.get('/staff/leads/lead-urgent')).text();
    expect(detail).toContain('<dd>referral — the prospect said: referral</dd>');
  });

  it('assigns an owner and a follow-up day, filters "my leads" and "follow-ups due", and records both', async () => {
    const detail = await (await client.get('/staff/leads/lead-3')).text();
    const csrf = StaffClient.csrfOf(detail);
    const saved = await client.post('/staff/leads/lead-3/assign', {
      _csrf: csrf,
      owner: STAFF_EMAIL,
      followUp: '2026-01-02',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toMatch(/done=saved/);
    const refused = await client.post('/staff/leads/lead-3/assign', {
      _csrf: csrf,
      owner: 'stranger@x.example',
    });
    expect(refused.headers.get('location')).toMatch(/error=invalid-assignment/);
    const badDay = await client.post('/staff/leads/lead-3/assign', { _csrf: csrf, followUp: 'tomorrow' });
    expect(badDay.headers.get('location')).toMatch(/error=invalid-assignment/);

    const mine = await (await client.get(`/staff/leads?owner=${encodeURIComponent(STAFF_EMAIL)}`)).text();
    expect(referencesIn(mine)).toEqual([referenceOf('lead-3')]);
    const due = await (await client.get('/staff/leads?due=1')).text();
    expect(referencesIn(due)).toEqual([referenceOf('lead-3')]);
    // A follow-up that is due comes first of all.
    expect(referencesIn(await (await client.get('/staff/leads')).text())[0]).toBe(referenceOf('lead-3'));

    const after = await (await client.get('/staff/leads/lead-3')).text();
    expect(after).toContain(`Assigned to ${STAFF_EMAIL}`);
    expect(after).toContain('Follow-up set for 2026-01-02');
    const cleared = await client.post('/staff/leads/lead-3/assign', {
      _csrf: csrf,
      owner: '',
      followUp: '',
    });
    expect(cleared.headers.get('location')).toMatch(/done=saved/);
    const history = await (await client.get('/staff/leads/lead-3')).text();
    expect(history).toContain('Owner removed');
    expect(history).toContain('Follow-up cleared');
    expect(referencesIn(await (await client.get('/staff/leads?due=1')).text())).toEqual([]);
  });

  it('shows handoff requests with the question’s label, the lead’s name, and lets staff mark them handled', async () => {
    const page = await (await client.get('/staff/handoffs')).text();
    expect(page).toContain(`at “${flows()['en-CA'].steps.offerWage.label}”, 1 answer given`);
    expect(page).not.toContain('offerWage');
    expect(page).toContain('Urgent Person');
    expect(page).not.toContain('no name');
    const marked = await client.post('/staff/handoffs/lead-urgent/handled', {
      _csrf: StaffClient.csrfOf(page),
    });
    expect(marked.headers.get('location')).toBe('/staff/handoffs?done=handled');
    const after = await (await client.get('/staff/handoffs?done=handled')).text();
    expect(after).toContain('Marked handled.');
    expect(after).toMatch(/handled<\/span><br \/><span class="muted"\s*>partner@firm\.example/);
    expect(after).not.toContain('Mark handled</button>');
    const missing = await client.post('/staff/handoffs/nothing-here/handled', {
      _csrf: StaffClient.csrfOf(page),
    });
    expect(missing.status).toBe(404);
  });

  it('serves a favicon to the dashboard', async () => {
    const page = await (await client.get('/staff/leads')).text();
    const href = /<link rel="icon" href="([^"]+)"/.exec(page)![1]!;
    const icon = await client.get(href);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/svg/);
  });
});
