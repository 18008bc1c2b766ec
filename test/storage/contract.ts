import { entriesOf } from '../../src/notify/outbox';
import { type OutboxEntry } from '../../src/ports/outbox';
import type { Lead } from '../../src/screening/lead';
import type { DeletionEntry } from '../../src/ports/deletions';
import { rowOf } from '../../src/staff/lead-index';
import { type LeadQuery, type LeadRow } from '../../src/ports/lead-list';
import type { WorkflowRecord } from '../../src/ports/workflow';
import { isConflict, StoreConflictError } from '../../src/ports/store';
import type { Storage } from '../../src/ports/storage';
import { ForgottenConversations } from '../../src/channel/forgotten';
import { LoginThrottle } from '../../src/staff/sign-in-throttle';
import { intraCompanyWorker, spouseOfWorker } from '../support/answers';
import { leadOf } from '../notify/support';

/**
 * The behaviour every storage backend owes the rest of the system. Each backend's test calls
 * `describeStoreContract` with a factory; a new backend (a blob container, a database) passes
 * this suite before the server may use it.
 */
export interface StoreUnderTest {
  storage: Storage;
  /**
   * A second handle on the same data, as a second process would open it: claims must hold
   * between the two. Backends that cannot be shared return the same storage.
   */
  reopen(): Storage;
  cleanup(): Promise<void> | void;
}

const T0 = new Date('2026-11-25T17:00:00.000Z');
const LEASE_MS = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

function workflowRecord(leadId: string): WorkflowRecord {
  return {
    leadId,
    status: 'new',
    updatedAt: T0.toISOString(),
    history: [{ at: T0.toISOString(), by: 'intake', action: 'created', to: 'new' }],
  };
}

function outboxEntries(subjectId: string): OutboxEntry[] {
  return entriesOf({
    kind: 'lead',
    subjectId,
    intakeId: subjectId,
    targets: [
      { target: 'webhook', configured: true },
      { target: 'email', configured: false },
    ],
    now: T0,
  });
}

export function row(id: string, overrides: Partial<LeadRow> = {}): LeadRow {
  return {
    id,
    reference: `IMP-2026-TEST-${id.toUpperCase().slice(-4)}`,
    createdAt: T0.toISOString(),
    status: 'new',
    role: 'worker',
    priority: 'medium',
    urgency: 'normal',
    streams: [],
    name: `Prospect ${id}`,
    email: `${id}@example.com`,
    handoff: false,
    flags: 0,
    search: `prospect ${id}\n${id}@example.com`,
    attention: { urgency: { level: overrides.urgency ?? 'normal' }, flags: [] },
    ...overrides,
  };
}

/** Newest first unless asked, on a fixed day (the day decides which follow-ups are due). */
const query = (q: Partial<LeadQuery> = {}): LeadQuery => ({
  page: 1,
  pageSize: 50,
  sort: 'received',
  today: '2026-11-28',
  ...q,
});

export function describeStoreContract(name: string, open: () => Promise<StoreUnderTest> | StoreUnderTest) {
  describe(`the ${name} store keeps the storage contract`, () => {
    let under: StoreUnderTest;
    let storage: Storage;
    beforeEach(async () => {
      under = await open();
      storage = under.storage;
    });
    afterEach(async () => {
      await under.cleanup();
    });

    describe('conversations', () => {
      it('writes with "*", reads the item back with a new eTag, and refuses a stale eTag with the store-neutral conflict', async () => {
        await storage.conversations.write({ 'web/conversations/a': { position: 'consent', eTag: '*' } });
        const first = (await storage.conversations.read(['web/conversations/a']))['web/conversations/a']!;
        expect(first).toMatchObject({ position: 'consent' });
        expect(typeof first.eTag).toBe('string');

        await storage.conversations.write({ 'web/conversations/a': { ...first, position: 'role' } });
        const second = (await storage.conversations.read(['web/conversations/a']))['web/conversations/a']!;
        expect(second).toMatchObject({ position: 'role' });
        expect(second.eTag).not.toBe(first.eTag);

        const stale = storage.conversations.write({ 'web/conversations/a': { ...first, position: 'lost' } });
        await expect(stale).rejects.toBeInstanceOf(StoreConflictError);
        await expect(stale.catch((error: unknown) => isConflict(error))).resolves.toBe(true);
        expect(
          (await storage.conversations.read(['web/conversations/a']))['web/conversations/a'],
        ).toMatchObject({
          position: 'role',
        });
      });

      it('refuses an eTag for an item that does not exist', async () => {
        await expect(
          storage.conversations.write({ 'web/conversations/none': { position: 'x', eTag: 'made-up' } }),
        ).rejects.toBeInstanceOf(StoreConflictError);
        expect(await storage.conversations.read(['web/conversations/none'])).toEqual({});
      });

      it('lets exactly one of two writers holding the same eTag win', async () => {
        await storage.conversations.write({ k: { n: 0, eTag: '*' } });
        const read = (await storage.conversations.read(['k'])).k!;
        const other = under.reopen();
        const outcomes = await Promise.allSettled([
          storage.conversations.write({ k: { ...read, n: 1 } }),
          other.conversations.write({ k: { ...read, n: 2 } }),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        expect(outcomes.filter((o) => o.status === 'rejected' && isConflict(o.reason))).toHaveLength(1);
      });

      it('deletes, and lists every key', async () => {
        await storage.conversations.write({ 'a/conversations/1': { n: 1 }, 'b/conversations/2': { n: 2 } });
        const keys: string[] = [];
        for await (const key of storage.conversations.keys()) keys.push(key);
        expect(keys.sort()).toEqual(['a/conversations/1', 'b/conversations/2']);
        await storage.conversations.delete(['a/conversations/1']);
        expect(await storage.conversations.read(['a/conversations/1', 'b/conversations/2'])).toEqual({
          'b/conversations/2': expect.objectContaining({ n: 2 }),
        });
      });
    });

    describe('documents', () => {
      it('creates once, updates atomically, deletes, and lists', async () => {
        const { workflow } = storage;
        expect(await workflow.create('lead-1', workflowRecord('lead-1'))).toBe(true);
        expect(await workflow.create('lead-1', { ...workflowRecord('lead-1'), status: 'retained' })).toBe(
          false,
        );
        expect(await workflow.get('lead-1')).toMatchObject({ status: 'new' });

        const changes = await Promise.all(
          ['contacted', 'declined'].map((note) =>
            workflow.update('lead-1', (current) => ({
              ...current,
              history: [...current.history, { at: T0.toISOString(), by: 'staff', action: 'note', note }],
            })),
          ),
        );
        expect(changes.every(Boolean)).toBe(true);
        expect((await workflow.get('lead-1'))!.history.map((h) => h.note ?? h.action)).toEqual(
          expect.arrayContaining(['created', 'contacted', 'declined']),
        );

        expect(await workflow.update('lead-none', (current) => current)).toBeUndefined();
        expect(await workflow.get('lead-none')).toBeUndefined();

        await workflow.put('lead-2', workflowRecord('lead-2'));
        expect((await workflow.ids()).sort()).toEqual(['lead-1', 'lead-2']);
        expect((await workflow.all()).map((r) => r.leadId).sort()).toEqual(['lead-1', 'lead-2']);

        expect(await workflow.delete('lead-1')).toBe(true);
        expect(await workflow.delete('lead-1')).toBe(false);
        expect(await workflow.get('lead-1')).toBeUndefined();
        expect(await workflow.ids()).toEqual(['lead-2']);
      });

      it('writes nothing when a change throws, and refuses what breaks the schema or is not an id', async () => {
        const { workflow } = storage;
        await workflow.put('lead-1', workflowRecord('lead-1'));
        await expect(
          workflow.update('lead-1', () => {
            throw new Error('nothing to change');
          }),
        ).rejects.toThrow('nothing to change');
        await expect(
          workflow.update('lead-1', (current) => ({ ...current, status: 'hired' as never })),
        ).rejects.toThrow();
        expect(await workflow.get('lead-1')).toEqual(workflowRecord('lead-1'));
        await expect(workflow.put('../escape', workflowRecord('x'))).rejects.toThrow('not a document id');
        await expect(workflow.get('a/b')).rejects.toThrow('not a document id');
      });

      it('hands out copies: changing what was read changes nothing stored', async () => {
        await storage.workflow.put('lead-1', workflowRecord('lead-1'));
        const read = await storage.workflow.get('lead-1');
        try {
          read!.history.push({ at: T0.toISOString(), by: 'x', action: 'note', note: 'sneaky' });
        } catch {
          // a frozen copy is fine too
        }
        expect((await storage.workflow.get('lead-1'))!.history).toHaveLength(1);
      });

      it('keeps every collection apart', async () => {
        const lead: Lead = leadOf(intraCompanyWorker, 'lead-1');
        await storage.leads.create(lead.id, lead);
        await storage.workflow.put('lead-1', workflowRecord('lead-1'));
        await storage.handoffs.put('lead-1', {
          intakeId: 'lead-1',
          conversationKey: 'web/conversations/1',
          requests: [],
        });
        await storage.staffDirectory.put('accounts', { accounts: [], tokens: [] });
        await storage.sessions.put('sessions', { sessions: {} });
        expect(await storage.leads.get('lead-1')).toEqual(lead);
        expect(await storage.leads.ids()).toEqual(['lead-1']);
        expect(await storage.resumeCodes.ids()).toEqual([]);
        expect(await storage.staffDirectory.get('accounts')).toEqual({ accounts: [], tokens: [] });
        expect(await storage.sessions.get('sessions')).toEqual({ sessions: {} });
        expect(await storage.handoffs.get('lead-1')).toMatchObject({ intakeId: 'lead-1' });
      });
    });

    describe('the outbox', () => {
      it('adds idempotently and lists only what is still to send', async () => {
        expect(await storage.outbox.add(outboxEntries('lead-1'))).toEqual([
          'lead-lead-1-webhook',
          'lead-lead-1-email',
        ]);
        expect(await storage.outbox.add(outboxEntries('lead-1'))).toEqual([]);
        expect(await storage.outbox.pendingIds()).toEqual(['lead-lead-1-webhook']);
        await storage.outbox.update('lead-lead-1-webhook', (e) => ({ ...e, status: 'delivered' }));
        expect(await storage.outbox.pendingIds()).toEqual([]);
        expect(await storage.outbox.update('missing', (e) => e)).toBeUndefined();
        expect(await storage.outbox.get('missing')).toBeUndefined();
      });

      it('lets one of two claimers win, even from two handles on the store', async () => {
        await storage.outbox.add(outboxEntries('lead-1'));
        const other = under.reopen();
        const claims = await Promise.all([
          storage.outbox.claim('lead-lead-1-webhook', 'worker-a', at(0), LEASE_MS),
          other.outbox.claim('lead-lead-1-webhook', 'worker-b', at(0), LEASE_MS),
        ]);
        const winners = claims.filter((c) => c !== undefined);
        expect(winners).toHaveLength(1);
        const owner = winners[0]!.lease!.owner;
        expect((await storage.outbox.get('lead-lead-1-webhook'))!.lease).toEqual({
          owner,
          until: at(LEASE_MS).toISOString(),
        });
        // the loser tries again while the lease holds: still refused; the holder may renew
        const loser = owner === 'worker-a' ? 'worker-b' : 'worker-a';
        expect(
          await storage.outbox.claim('lead-lead-1-webhook', loser, at(LEASE_MS - 1), LEASE_MS),
        ).toBeUndefined();
        expect(await storage.outbox.claim('lead-lead-1-webhook', owner, at(1000), LEASE_MS)).toBeDefined();
      });

      it('lets another worker reclaim an expired lease, and nobody claim a final entry', async () => {
        await storage.outbox.add(outboxEntries('lead-1'));
        expect(await storage.outbox.claim('lead-lead-1-webhook', 'crashed', at(0), LEASE_MS)).toBeDefined();
        expect(
          await storage.outbox.claim('lead-lead-1-webhook', 'next', at(LEASE_MS - 1), LEASE_MS),
        ).toBeUndefined();
        const reclaimed = await storage.outbox.claim('lead-lead-1-webhook', 'next', at(LEASE_MS), LEASE_MS);
        expect(reclaimed?.lease?.owner).toBe('next');

        expect(await storage.outbox.claim('lead-lead-1-email', 'next', at(0), LEASE_MS)).toBeUndefined();
        await storage.outbox.update('lead-lead-1-webhook', (e) => ({
          ...e,
          status: 'delivered',
          lease: undefined,
        }));
        expect(
          await storage.outbox.claim('lead-lead-1-webhook', 'late', at(10 * LEASE_MS), LEASE_MS),
        ).toBeUndefined();
        expect(await storage.outbox.claim('missing', 'late', at(0), LEASE_MS)).toBeUndefined();
      });

      it('removes an entry and its place in the pending list', async () => {
        await storage.outbox.add(outboxEntries('lead-1'));
        await storage.outbox.remove('lead-lead-1-webhook');
        expect(await storage.outbox.get('lead-lead-1-webhook')).toBeUndefined();
        expect(await storage.outbox.pendingIds()).toEqual([]);
        expect(await storage.outbox.update('lead-lead-1-webhook', (e) => e)).toBeUndefined();
      });
    });

    describe('the lead index', () => {
      const rows = [
        row('a', {
          createdAt: '2026-11-01T10:00:00.000Z',
          urgency: 'soon',
          priority: 'low',
          deadline: '2026-12-20',
        }),
        row('b', {
          createdAt: '2026-11-20T10:00:00.000Z',
          role: 'employer',
          priority: 'high',
          streams: ['C12'],
        }),
        row('c', {
          createdAt: '2026-11-10T10:00:00.000Z',
          urgency: 'urgent',
          status: 'contacted',
          owner: 'alex@firm.example',
          followUp: '2026-11-30',
        }),
        row('d', {
          createdAt: '2026-11-15T10:00:00.000Z',
          urgency: 'soon',
          deadline: '2026-12-01',
          followUp: '2026-11-26',
        }),
      ];
      const ids = (page: { rows: LeadRow[] }) => page.rows.map((r) => r.id);

      beforeEach(async () => {
        await storage.leadIndex.load(rows);
      });

      it('filters, counting per status under the other filters', async () => {
        const all = await storage.leadIndex.query(query());
        expect(ids(all)).toEqual(['b', 'd', 'c', 'a']);
        expect(all.counts).toMatchObject({ new: 3, contacted: 1, retained: 0 });
        const workers = await storage.leadIndex.query(query({ role: 'worker', status: 'new' }));
        expect(ids(workers)).toEqual(['d', 'a']);
        expect(workers.counts).toMatchObject({ new: 2, contacted: 1 });
        expect(ids(await storage.leadIndex.query(query({ stream: 'c12' })))).toEqual(['b']);
        expect(ids(await storage.leadIndex.query(query({ q: 'PROSPECT C' })))).toEqual(['c']);
        expect(ids(await storage.leadIndex.query(query({ from: '2026-11-10', to: '2026-11-15' })))).toEqual([
          'd',
          'c',
        ]);
        expect(ids(await storage.leadIndex.query(query({ owner: 'Alex@Firm.example' })))).toEqual(['c']);
        expect(ids(await storage.leadIndex.query(query({ owner: 'none' })))).toEqual(['b', 'd', 'a']);
        expect(ids(await storage.leadIndex.query(query({ followUpBy: '2026-11-28' })))).toEqual(['d']);
        expect(await storage.leadIndex.select({ createdBefore: '2026-11-10T10:00:00.000Z' })).toEqual([
          rows[0],
        ]);
      });

      it('sorts by what needs action first (the default), then by any column, either way', async () => {
        const order = async (q: Partial<LeadQuery>) => ids(await storage.leadIndex.query(query(q)));
        // d's follow-up is due on the 28th, then urgency (c), the nearer deadline, priority
        expect(await order({ sort: undefined })).toEqual(['d', 'c', 'a', 'b']);
        expect(await order({ sort: 'action' })).toEqual(['d', 'c', 'a', 'b']);
        // on the 30th, c's follow-up is due too, and it is urgent
        expect(await order({ sort: undefined, today: '2026-11-30' })).toEqual(['c', 'd', 'a', 'b']);
        // a declined lead goes last, whatever its urgency
        await storage.leadIndex.update('c', (r) => ({ ...r, status: 'declined' }));
        expect(await order({ sort: 'action', today: '2026-11-30' })).toEqual(['d', 'a', 'b', 'c']);
        expect(ids(await storage.leadIndex.query(query({ followUpBy: '2026-11-30' })))).toEqual(['d']);
        await storage.leadIndex.update('c', (r) => ({ ...r, status: 'contacted' }));
        expect(await order({ sort: 'received' })).toEqual(['b', 'd', 'c', 'a']);
        expect(await order({ sort: 'received', dir: 'asc' })).toEqual(['a', 'c', 'd', 'b']);
        expect(await order({ sort: 'urgency' })).toEqual(['c', 'd', 'a', 'b']);
        expect(await order({ sort: 'priority' })).toEqual(['b', 'd', 'c', 'a']);
        expect(await order({ sort: 'follow-up' })).toEqual(['d', 'c', 'a', 'b']);
        expect(await order({ sort: 'name' })).toEqual(['a', 'b', 'c', 'd']);
        expect(await order({ sort: 'name', dir: 'desc' })).toEqual(['d', 'c', 'b', 'a']);
        const workers = await storage.leadIndex.select({ role: 'worker' }, { sort: 'received', dir: 'asc' });
        expect(workers.map((r) => r.id)).toEqual(['a', 'c', 'd']);
        expect((await storage.leadIndex.select({ role: 'worker' })).map((r) => r.id)).toEqual([
          'd',
          'c',
          'a',
        ]);
      });

      it('pages, giving the last page when asked beyond it', async () => {
        const first = await storage.leadIndex.query(query({ pageSize: 3 }));
        expect(first).toMatchObject({ total: 4, pages: 2, page: 1, pageSize: 3 });
        expect(ids(first)).toEqual(['b', 'd', 'c']);
        const beyond = await storage.leadIndex.query(query({ pageSize: 3, page: 9 }));
        expect(beyond.page).toBe(2);
        expect(ids(beyond)).toEqual(['a']);
        expect(await storage.leadIndex.query(query({ q: 'nobody' }))).toMatchObject({
          total: 0,
          pages: 1,
          rows: [],
        });
      });

      it('follows writes: upsert, update, remove', async () => {
        await storage.leadIndex.update('a', (r) => ({ ...r, status: 'retained' }));
        await storage.leadIndex.update('missing', (r) => ({ ...r, status: 'retained' }));
        await storage.leadIndex.remove('b');
        const lead = leadOf(spouseOfWorker, 'e', { createdAt: '2026-11-25T10:00:00.000Z' });
        await storage.leadIndex.upsert(rowOf(lead, 'new'));
        expect(await storage.leadIndex.get('b')).toBeUndefined();
        expect(await storage.leadIndex.get('missing')).toBeUndefined();
        expect(await storage.leadIndex.get('a')).toMatchObject({ status: 'retained' });
        expect(await storage.leadIndex.size()).toBe(4);
        expect(ids(await storage.leadIndex.query(query()))).toEqual(['e', 'd', 'c', 'a']);
        expect(await storage.leadIndex.streamCodes()).toEqual(
          [...new Set(rowOf(lead, 'new').streams)].sort(),
        );
        expect((await storage.leadIndex.query(query({ role: 'employer' }))).total).toBe(0);
      });
    });

    describe('privacy deletions of website conversations', () => {
      it('are seen by another handle on the store (another instance, a later start), until they expire', async () => {
        let now = T0.getTime();
        const clock = () => now;
        await new ForgottenConversations(storage.forgottenConversations, LEASE_MS, clock).forget('conv/1+é');
        const other = new ForgottenConversations(under.reopen().forgottenConversations, LEASE_MS, clock);
        expect(await other.isForgotten('conv/1+é')).toBe(true);
        expect(await other.isForgotten('conv/2')).toBe(false);
        expect(await other.purgeExpired()).toBe(0);
        now += LEASE_MS;
        expect(await other.purgeExpired()).toBe(1);
        expect(await storage.forgottenConversations.ids()).toEqual([]);
      });
    });

    describe('failed staff sign-ins', () => {
      it('are counted together by two handles on the store (two instances), at once', async () => {
        const now = () => T0.getTime();
        const here = new LoginThrottle(storage.signInFailures, { now });
        const there = new LoginThrottle(under.reopen().signInFailures, { now });
        const waits = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? here : there).reserve('a@firm.example', `10.0.0.${i}`),
          ),
        );
        expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
        expect(await here.reserve('a@firm.example', '10.0.1.1')).toBe(15 * 60);
        await there.succeeded('a@firm.example');
        expect(await here.reserve('a@firm.example', '10.0.1.1')).toBe(0);
      });
    });

    describe('the deletion log', () => {
      it('appends and reads the latest first, up to a limit', async () => {
        const entry = (n: number): DeletionEntry => ({
          at: at(n * 1000).toISOString(),
          by: 'alex@firm.example',
          action: 'lead-deleted',
          reason: 'privacy-request',
          leadId: `lead-${n}`,
        });
        expect(await storage.deletions.latest(10)).toEqual([]);
        for (const n of [1, 2, 3]) await storage.deletions.append(entry(n));
        expect(await storage.deletions.latest(2)).toEqual([entry(3), entry(2)]);
        await expect(storage.deletions.append({ ...entry(4), reason: 'whim' as never })).rejects.toThrow();
        expect(await storage.deletions.latest(10)).toHaveLength(3);
      });
    });

    describe('transcripts', () => {
      const activity = (conversation: string, n: number) => ({
        type: 'message',
        channelId: 'webchat',
        conversation: { id: conversation },
        id: `${conversation}-${n}`,
        from: { id: 'bot', role: 'bot' },
        text: `message ${n}`,
      });

      it('appends in order, finds the last match, lists and deletes', async () => {
        for (const n of [1, 2, 3]) await storage.transcripts.append(activity('c-1', n));
        await storage.transcripts.append(activity('c-2', 1));
        await storage.transcripts.settled();
        expect((await storage.transcripts.read('webchat', 'c-1')).map((a) => a.id)).toEqual([
          'c-1-1',
          'c-1-2',
          'c-1-3',
        ]);
        expect(
          (await storage.transcripts.findLast('webchat', 'c-1', (a) => a.text !== 'message 3'))?.id,
        ).toBe('c-1-2');
        const listed: string[] = [];
        for await (const summary of storage.transcripts.conversations()) listed.push(summary.conversationId);
        expect(listed.sort()).toEqual(['c-1', 'c-2']);
        expect(await storage.transcripts.delete('webchat', 'c-1')).toBe(true);
        expect(await storage.transcripts.delete('webchat', 'c-1')).toBe(false);
        expect(await storage.transcripts.read('webchat', 'c-1')).toEqual([]);
      });
    });
  });
}
