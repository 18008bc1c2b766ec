import { Notifier, verifyWebhookSignature } from '../../src/notify';
import { CLIO_SOURCE } from '../../src/notify/messages';
import { leadSchema } from '../../src/screening/lead';
import type { HandoffRequest } from '../../src/ports/handoffs';
import { employer, intraCompanyWorker } from '../support/answers';
import { filesUnder, tempConfig } from '../support/temp-data';
import { eventually, leadOf, startHttpReceiver, storesIn } from './support';

const SECRET = 'test-webhook-secret-0123456789-abcdefghij';
const fast = { baseDelayMs: 60, maxDelayMs: 1000, pollMs: 20 };

describe('Clio Grow and webhook deliveries', () => {
  let config: ReturnType<typeof tempConfig>;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
  const notifiers: Notifier[] = [];

  const notifierFor = (overrides: Record<string, string> = {}) => {
    const settings = {
      ...config,
      CLIO_GROW_URL: `${receiver.url}/clio`,
      CLIO_GROW_INBOX_TOKEN: 'inbox-token-123',
      WEBHOOK_URL: `${receiver.url}/hook`,
      WEBHOOK_SECRET: SECRET,
      ...overrides,
    };
    const { leads, handoffs, outbox } = storesIn(config.DATA_DIR);
    const notifier = new Notifier(settings, outbox, leads, handoffs, fast);
    notifiers.push(notifier);
    return { notifier, leads, handoffs, outbox };
  };

  beforeEach(async () => {
    config = tempConfig();
    receiver = await startHttpReceiver();
  });
  afterEach(async () => {
    for (const notifier of notifiers.splice(0)) await notifier.worker.stop();
    await receiver.close();
    config.cleanup();
  });

  const requestsTo = (path: string) => receiver.received.filter((r) => r.path === path);

  it('posts the lead to the Clio Grow Lead Inbox with the summary as the message', async () => {
    const { notifier, leads } = notifierFor();
    const lead = leadOf(intraCompanyWorker);
    await leads.create(lead.id, lead);
    notifier.worker.start();
    await notifier.enqueueLead(lead.id, new Date());

    const [request] = await eventually(
      () => requestsTo('/clio/inbox_leads').length > 0 && requestsTo('/clio/inbox_leads'),
    );
    expect(request!.headers['content-type']).toMatch(/application\/json/);
    expect(request!.headers.accept).toBe('application/json');
    expect(request!.headers['idempotency-key']).toBe(`lead-${lead.id}-clio`);
    expect(JSON.parse(request!.body)).toEqual({
      inbox_lead_token: 'inbox-token-123',
      inbox_lead: {
        from_first: 'Priya',
        from_last: 'Raman',
        from_email: 'priya@example.com',
        from_phone: '+16045550199',
        from_message: lead.summary.text,
        referring_url: 'imp-intake',
        from_source: CLIO_SOURCE,
      },
    });
    const entry = await eventually(async () => {
      const e = await notifier.outbox.get(`lead-${lead.id}-clio`);
      return e?.status === 'delivered' && e;
    });
    expect(entry).toMatchObject({ attempts: 1, status: 'delivered' });
  });

  it('signs the webhook so the receiver can verify it, and the body is the lead contract', async () => {
    const { notifier, leads } = notifierFor();
    const lead = leadOf(employer);
    await leads.create(lead.id, lead);
    notifier.worker.start();
    await notifier.enqueueLead(lead.id, new Date());

    const [request] = await eventually(() => requestsTo('/hook').length > 0 && requestsTo('/hook'));
    const { headers, body } = request!;
    expect(headers['x-imp-event']).toBe('lead.submitted');
    expect(headers['x-imp-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(
      verifyWebhookSignature({
        body,
        timestamp: headers['x-imp-timestamp'] as string,
        signature: headers['x-imp-signature'] as string,
        secret: SECRET,
      }),
    ).toBe(true);
    expect(leadSchema.parse(JSON.parse(body))).toEqual(lead);

    // a forged or altered request does not verify
    const tampered = body.replace('Lions Gate', 'Evil Corp');
    expect(
      verifyWebhookSignature({
        body: tampered,
        timestamp: headers['x-imp-timestamp'] as string,
        signature: headers['x-imp-signature'] as string,
        secret: SECRET,
      }),
    ).toBe(false);
    expect(
      verifyWebhookSignature({
        body,
        timestamp: headers['x-imp-timestamp'] as string,
        signature: headers['x-imp-signature'] as string,
        secret: 'another-secret',
      }),
    ).toBe(false);
  });

  it('retries with growing waits after the receiver fails twice, then delivers once', async () => {
    receiver.failNext(2);
    const { notifier, leads } = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    const lead = leadOf(intraCompanyWorker);
    await leads.create(lead.id, lead);
    notifier.worker.start();
    await notifier.enqueueLead(lead.id, new Date());

    const entry = await eventually(async () => {
      const e = await notifier.outbox.get(`lead-${lead.id}-webhook`);
      return e?.status === 'delivered' && e;
    });
    expect(entry.attempts).toBe(3);
    expect(entry.lastError).toBeUndefined();
    const attempts = requestsTo('/hook');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    expect(new Set(attempts.map((a) => a.headers['idempotency-key'])).size).toBe(1);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(fast.baseDelayMs);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(2 * fast.baseDelayMs);
    // the Clio target is not configured: skipped, never an error
    expect(await notifier.outbox.get(`lead-${lead.id}-clio`)).toMatchObject({
      status: 'not-configured',
      attempts: 0,
    });
  });

  it('shows the failure while retrying, without echoing the receiver’s body', async () => {
    receiver.failNext(1000);
    const { notifier, leads } = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    const lead = leadOf(intraCompanyWorker);
    await leads.create(lead.id, lead);
    notifier.worker.start();
    await notifier.enqueueLead(lead.id, new Date());
    const entry = await eventually(async () => {
      const e = await notifier.outbox.get(`lead-${lead.id}-webhook`);
      return e?.status === 'retrying' && e;
    });
    expect(entry.lastError).toBe('HTTP 500 Internal Server Error');
    expect(entry.nextAttemptAt).toBeDefined();
  });

  it('never delivers twice to the same target across restarts', async () => {
    receiver.failNext(1);
    const first = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    const lead = leadOf(intraCompanyWorker);
    await first.leads.create(lead.id, lead);
    first.notifier.worker.start();
    await first.notifier.enqueueLead(lead.id, new Date());
    const id = `lead-${lead.id}-webhook`;
    await eventually(async () => (await first.notifier.outbox.get(id))?.status === 'retrying');
    await first.notifier.worker.stop(); // the server stops between the failed attempt and the retry

    // an intake retried after the restart enqueues the same deliveries again: nothing new
    const second = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    await second.notifier.enqueueLead(lead.id, new Date());
    second.notifier.worker.start();
    await eventually(async () => (await second.notifier.outbox.get(id))?.status === 'delivered');
    await second.notifier.worker.stop();

    // and a third start sends nothing: the worker finds no delivery due
    const third = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    await third.notifier.enqueueLead(lead.id, new Date());
    await third.notifier.worker.runOnce(); // finds the delivery delivered already: sends nothing
    expect(await third.notifier.worker.runOnce()).toBe(0);

    const posts = requestsTo('/hook');
    expect(posts).toHaveLength(2); // one failure, one success
    expect((await third.notifier.outbox.get(id))?.attempts).toBe(2);
    expect(Object.keys(filesUnder(config.DATA_DIR)).filter((f) => f.includes('pending'))).toEqual([]);
  });

  it('resends a delivery cut off mid-send with the same idempotency key', async () => {
    const { notifier, leads } = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    const lead = leadOf(intraCompanyWorker);
    await leads.create(lead.id, lead);
    await notifier.enqueueLead(lead.id, new Date());
    const id = `lead-${lead.id}-webhook`;
    // a crash after "sending" was recorded and before the outcome was
    await notifier.outbox.update(id, (e) => ({ ...e, status: 'sending', attempts: 1 }));

    const restarted = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    restarted.notifier.worker.start();
    const entry = await eventually(async () => {
      const e = await restarted.notifier.outbox.get(id);
      return e?.status === 'delivered' && e;
    });
    expect(entry.attempts).toBe(2);
    expect(requestsTo('/hook')[0]!.headers['idempotency-key']).toBe(id);
  });

  it('sends each notification once when two workers share the outbox (each claims before it sends)', async () => {
    const first = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    const second = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const lead = leadOf(intraCompanyWorker, `lead-000${n}`);
      await first.leads.create(lead.id, lead);
      await first.notifier.enqueueLead(lead.id, new Date());
      ids.push(`lead-${lead.id}-webhook`);
    }
    const attempted = await Promise.all([first.notifier.worker.runOnce(), second.notifier.worker.runOnce()]);
    expect(attempted[0] + attempted[1]).toBeGreaterThanOrEqual(ids.length);
    expect(
      requestsTo('/hook')
        .map((r) => r.headers['idempotency-key'])
        .sort(),
    ).toEqual(ids.sort());
    for (const id of ids)
      expect(await first.notifier.outbox.get(id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('does not lose a delivery whose entry is written while the worker looks', async () => {
    const { notifier, leads, outbox } = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    const lead = leadOf(intraCompanyWorker);
    await leads.create(lead.id, lead);
    const id = `lead-${lead.id}-webhook`;
    await outbox.markPending(id); // enqueue's first step, and the worker runs right then
    expect(await notifier.worker.runOnce()).toBe(0);
    expect(await notifier.outbox.pendingIds()).toEqual([id]);
    await notifier.enqueueLead(lead.id, new Date());
    expect(await notifier.worker.runOnce()).toBe(1);
    expect(await notifier.outbox.get(id)).toMatchObject({ status: 'delivered' });
  });

  it('sends a handoff with what is known, and marks it as unfinished', async () => {
    const { notifier, handoffs } = notifierFor();
    const request: HandoffRequest = {
      id: 'intake-77-abc',
      intakeId: 'intake-77',
      requestedAt: '2026-11-25T17:00:00.000Z',
      locale: 'fr-CA',
      position: 'offerWage',
      role: 'worker',
      contact: {},
      answeredCount: 9,
    };
    await handoffs.add('test/conversations/c77', request);
    notifier.worker.start();
    await notifier.enqueueHandoff(request.id, request.intakeId, new Date());

    const [hook] = await eventually(() => requestsTo('/hook').length > 0 && requestsTo('/hook'));
    expect(hook!.headers['x-imp-event']).toBe('handoff.requested');
    expect(JSON.parse(hook!.body)).toMatchObject({
      type: 'handoff',
      intakeId: 'intake-77',
      position: 'offerWage',
      intakeFinished: false,
      contactDetailsGiven: false,
    });
    // Clio Grow takes submitted leads only: no inbox lead without a contact
    expect(await notifier.outbox.get('handoff-intake-77-abc-clio')).toBeUndefined();
    expect(requestsTo('/clio/inbox_leads')).toHaveLength(0);
  });

  it('cancels a delivery whose lead was deleted before it was sent', async () => {
    receiver.failNext(1);
    const { notifier, leads } = notifierFor({ CLIO_GROW_URL: '', CLIO_GROW_INBOX_TOKEN: '' });
    const lead = leadOf(intraCompanyWorker);
    await leads.create(lead.id, lead);
    notifier.worker.start();
    await notifier.enqueueLead(lead.id, new Date());
    const id = `lead-${lead.id}-webhook`;
    await eventually(async () => (await notifier.outbox.get(id))?.status === 'retrying');
    await leads.delete(lead.id);
    const entry = await eventually(async () => {
      const e = await notifier.outbox.get(id);
      return e?.status === 'cancelled' && e;
    });
    expect(entry.lastError).toBe('the lead no longer exists');
    expect(requestsTo('/hook')).toHaveLength(1);
  });
});
