import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signWebhook, verifyWebhookSignature } from '../../src/notify';
import { splitName } from '../../src/notify/messages';
import { passwordProblem } from '../../src/staff/accounts';
import { csvCell, toCsv } from '../../src/staff/export';
import { parseFilter, queryOf, type LeadFilter } from '../../src/staff/filters';
import { escapeHtml, html } from '../../src/html';
import { matcher } from '../../src/ports/lead-list';
import { rowOf, rowsFrom } from '../../src/staff/lead-index';
import { WorkflowStore } from '../../src/staff/workflow';
import { openFileStorage } from '../../src/storage/file';
import { MemoryLeadIndex } from '../../src/storage/memory/lead-index';
import { splitConversationKey } from '../../src/staff/privacy';
import { LoginThrottle } from '../../src/staff/sign-in-throttle';
import { signInFailuresSchema } from '../../src/ports/sign-in-failures';
import { MemoryDocuments } from '../../src/storage/memory/documents';
import { employer, intraCompanyWorker, spouseOfWorker } from '../support/answers';
import { leadOf } from '../notify/support';
import { xssPayloads } from './xss';

const filter = (query: Record<string, string> = {}): LeadFilter => {
  const parsed = parseFilter(query);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.filter;
};

describe('the html template', () => {
  it('escapes every interpolated value, and nests templates without double escaping', () => {
    for (const payload of xssPayloads) {
      const out = html`<p title="${payload}">${payload}</p>`.value;
      expect(out).not.toMatch(/<(script|img|svg|iframe|style|a)\b/);
      expect(out.startsWith('<p title="')).toBe(true);
      expect(out.match(/"/g)).toHaveLength(2);
    }
    const list = html`<ul>
      ${['<b>', 'x'].map((v) => html`<li>${v}</li>`)}
    </ul>`.value;
    expect(list.replace(/\s+/g, '')).toBe('<ul><li>&lt;b&gt;</li><li>x</li></ul>');
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
    expect(html`${undefined}${null}${false}${0}`.value).toBe('0');
  });
});

describe('the lead index', () => {
  const index = new MemoryLeadIndex();
  const leads = [
    leadOf(intraCompanyWorker, 'lead-a', { createdAt: '2026-11-01T10:00:00.000Z' }),
    leadOf(employer, 'lead-b', { createdAt: '2026-11-20T10:00:00.000Z' }),
    leadOf(spouseOfWorker, 'lead-c', { createdAt: '2026-11-10T10:00:00.000Z', handoffRequested: true }),
  ];
  beforeAll(async () => {
    for (const lead of leads) await index.upsert(rowOf(lead, 'new'));
    await index.update('lead-c', (row) => ({ ...row, status: 'contacted' }));
  });

  it('lists newest first when sorted by date received, counting per status under the other filters', async () => {
    const page = await index.query(filter({ sort: 'received' }));
    expect(page.rows.map((r) => r.id)).toEqual(['lead-b', 'lead-c', 'lead-a']);
    expect(page.counts).toMatchObject({ new: 2, contacted: 1, retained: 0 });
    const workers = await index.query(filter({ role: 'worker', status: 'new' }));
    expect(workers.rows.map((r) => r.id)).toEqual(['lead-a']);
    expect(workers.counts).toMatchObject({ new: 1, contacted: 1 });
  });

  it('filters by search, stream, dates, priority and urgency', async () => {
    const all = await index.select({});
    const ids = (query: Record<string, string>) => all.filter(matcher(filter(query))).map((r) => r.id);
    expect(ids({ q: 'RAMAN' })).toEqual(['lead-a']);
    expect(ids({ q: 'lionsgaterobotics' })).toEqual(['lead-b']);
    expect(ids({ q: leads[2]!.reference.toLowerCase() })).toEqual(['lead-c']);
    expect(ids({ from: '2026-11-10', to: '2026-11-10' })).toEqual(['lead-c']);
    expect(ids({ from: '2026-11-11' })).toEqual(['lead-b']);
    const stream = leads[0]!.screening.streams[0]!.code;
    expect(ids({ stream })).toContain('lead-a');
    expect(ids({ priority: leads[1]!.screening.priority.level })).toContain('lead-b');
    expect(ids({ urgency: 'urgent' })).toEqual(
      leads.filter((l) => l.screening.urgency.level === 'urgent').map((l) => l.id),
    );
  });

  it('pages, keeping the last page when asked beyond it', async () => {
    expect(await index.query(filter({ pageSize: '2' }))).toMatchObject({ pages: 2, total: 3, page: 1 });
    const last = await index.query(filter({ pageSize: '2', page: '9', sort: 'received' }));
    expect(last.page).toBe(2);
    expect(last.rows.map((r) => r.id)).toEqual(['lead-a']);
  });

  it('keeps owner and follow-up across a restart: the index is rebuilt from the workflow records', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-lead-index-'));
    try {
      const before = openFileStorage(dir);
      for (const lead of leads) await before.leads.create(lead.id, lead);
      const workflow = new WorkflowStore(before.workflow);
      await workflow.assign(
        'lead-a',
        { owner: 'alex@firm.example', followUp: '2026-11-20' },
        'alex@firm.example',
        new Date('2026-11-19T12:00:00.000Z'),
      );
      // another process, started later on the same data
      const after = openFileStorage(dir);
      const index = new MemoryLeadIndex();
      await index.load(rowsFrom({ leads: after.leads, workflow: after.workflow }));
      expect(await index.get('lead-a')).toMatchObject({ owner: 'alex@firm.example', followUp: '2026-11-20' });
      const due = await index.query({ ...filter({ owner: 'alex@firm.example' }), followUpBy: '2026-11-28' });
      expect(due.rows.map((r) => r.id)).toEqual(['lead-a']);
      const first = await index.query({ ...filter(), today: '2026-11-28' });
      expect(first.rows[0]!.id).toBe('lead-a');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names what is wrong with a filter', () => {
    expect(parseFilter({ status: 'hired' })).toMatchObject({ ok: false });
    expect(parseFilter({ from: '25/11/2026' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('from'),
    });
    expect(parseFilter({ from: '2026-12-01', to: '2026-11-01' })).toMatchObject({
      ok: false,
      message: 'Invalid filter: "from" is after "to".',
    });
    expect(parseFilter({ colour: 'red' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('"colour"'),
    });
    expect(parseFilter({ q: ['a', 'b'] as unknown as string })).toMatchObject({ ok: false });
    expect(parseFilter({ role: '', q: '  ' })).toMatchObject({ ok: true });
    expect(queryOf(filter({ role: 'worker', q: 'a b' }), { page: 2 })).toBe('?role=worker&q=a+b&page=2');
  });
});

describe('the CSV export', () => {
  it('keeps cells a spreadsheet would run as formulas as text', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+16045550199')).toBe("'+16045550199");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('writes one row per lead under a header', () => {
    const csv = toCsv([{ lead: leadOf(employer, 'lead-b'), status: 'retained' }]);
    const [header, row] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toContain('reference,received,status');
    expect(row).toContain(',Retained,employer,Dana Whitfield,dana@lionsgaterobotics.example,');
  });
});

describe('webhook signatures', () => {
  const now = new Date('2026-11-25T17:00:00Z');
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = '{"id":"lead-1"}';
  const signature = signWebhook(body, 'secret', timestamp);

  it('verifies a fresh, untouched request signed with the secret', () => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(
      verifyWebhookSignature({ body, timestamp: String(timestamp), signature, secret: 'secret', now }),
    ).toBe(true);
    expect(
      verifyWebhookSignature({
        body: Buffer.from(body),
        timestamp: String(timestamp),
        signature,
        secret: 'secret',
        now,
      }),
    ).toBe(true);
  });

  it('refuses a changed body, another secret, a replay, or missing headers', () => {
    const base = { body, timestamp: String(timestamp), signature, secret: 'secret', now };
    expect(verifyWebhookSignature({ ...base, body: '{"id":"lead-2"}' })).toBe(false);
    expect(verifyWebhookSignature({ ...base, secret: 'other' })).toBe(false);
    expect(verifyWebhookSignature({ ...base, timestamp: String(timestamp + 1) })).toBe(false);
    expect(verifyWebhookSignature({ ...base, now: new Date(now.getTime() + 10 * 60_000) })).toBe(false);
    expect(verifyWebhookSignature({ ...base, signature: undefined })).toBe(false);
    expect(verifyWebhookSignature({ ...base, timestamp: 'yesterday' })).toBe(false);
  });
});

describe('small rules', () => {
  it('throttles per account and per address, and lets time heal', async () => {
    let clock = 0;
    const store = new MemoryDocuments(signInFailuresSchema);
    const throttle = new LoginThrottle(store, {
      maxPerAccount: 3,
      maxPerIp: 5,
      windowMs: 60_000,
      now: () => clock,
    });
    for (let i = 0; i < 3; i++) expect(await throttle.reserve('a@x', '1.1.1.1')).toBe(0);
    expect(await throttle.reserve('a@x', '2.2.2.2')).toBe(60);
    expect(await throttle.reserve('b@x', '1.1.1.1')).toBe(0);
    expect(await throttle.reserve('c@x', '1.1.1.1')).toBe(0);
    expect(await throttle.reserve('d@x', '1.1.1.1')).toBeGreaterThan(0); // the address is paused for everyone
    clock = 61_000;
    expect(await throttle.reserve('a@x', '1.1.1.1')).toBe(0);
    // a right password clears the account and gives the address its attempt back
    await throttle.succeeded('a@x', '1.1.1.1');
    clock = 200_000;
    expect(await throttle.prune()).toBeGreaterThan(0);
    expect(await store.ids()).toEqual([]);
  });

  it('refuses short, over-long and repetitive passwords', () => {
    expect(passwordProblem('short')).toContain('too short');
    expect(passwordProblem('a'.repeat(80))).toContain('too long');
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toContain('too few');
    expect(passwordProblem('correct horse battery staple')).toBeUndefined();
  });

  it('splits names for Clio Grow and conversation keys for the transcript store', () => {
    expect(splitName('Jean-Luc de la Tour')).toEqual({ first: 'Jean-Luc de la', last: 'Tour' });
    expect(splitName('Madonna')).toEqual({ first: 'Madonna', last: '-' });
    expect(splitConversationKey('webchat/conversations/abc/def')).toEqual({
      channelId: 'webchat',
      conversationId: 'abc/def',
    });
    expect(splitConversationKey('nonsense')).toBeUndefined();
  });
});
