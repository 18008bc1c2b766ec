import { randomBytes } from 'node:crypto';
import { entriesOf } from '../../src/notify/outbox';
import type { Notification } from '../../src/notify/messages';
import type { Sender } from '../../src/notify/senders';
import { OutboxWorker } from '../../src/notify/worker';
import { openAzureStorage } from '../../src/storage/azure';
import type { Storage } from '../../src/ports/storage';
import { intraCompanyWorker } from '../support/answers';
import { startAzurite, type Azurite } from '../support/azurite';
import { leadOf } from '../notify/support';

/**
 * Two instances' outbox workers on one container (each with its own handle on it, as two
 * processes have): every delivery is sent by exactly one of them, and one claimed by an instance
 * that died is sent by the other once its lease has run out — not before.
 */
const T0 = new Date('2026-11-28T12:00:00.000Z');
const LEASE_MS = 60_000;

describe('outbox workers of two instances on one container (Azurite)', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.stop();
  });

  const open = async (container: string) => {
    const settings = { connectionString: azurite.connectionString, container };
    return [await openAzureStorage(settings), await openAzureStorage(settings)] as [Storage, Storage];
  };
  const countingSender = (sent: string[]): Sender => ({
    target: 'webhook',
    kinds: ['lead', 'handoff'],
    send: async (_notification, id) => {
      sent.push(id);
    },
  });
  const load = async (): Promise<Notification> => ({ kind: 'lead', lead: leadOf(intraCompanyWorker) });
  const enqueue = async (storage: Storage, count: number) => {
    for (let i = 0; i < count; i++)
      await storage.outbox.add(
        entriesOf({
          kind: 'lead',
          subjectId: `lead-${i}`,
          intakeId: `lead-${i}`,
          targets: [{ target: 'webhook', configured: true }],
          now: T0,
        }),
      );
  };

  it('sends each delivery once when both instances look at the same time', async () => {
    const [a, b] = await open(`outbox-${randomBytes(4).toString('hex')}`);
    await enqueue(a, 30);
    const sent: string[] = [];
    const options = { now: () => T0, leaseMs: LEASE_MS };
    const workers = [
      new OutboxWorker(a.outbox, { webhook: countingSender(sent) }, load, {
        ...options,
        owner: 'instance-a',
      }),
      new OutboxWorker(b.outbox, { webhook: countingSender(sent) }, load, {
        ...options,
        owner: 'instance-b',
      }),
    ];
    await Promise.all(workers.map((worker) => worker.runOnce()));
    await Promise.all(workers.map((worker) => worker.runOnce()));
    expect(sent).toHaveLength(30);
    expect(new Set(sent).size).toBe(30);
    expect(await a.outbox.pendingIds()).toEqual([]);
    const entries = await Promise.all(sent.map((id) => b.outbox.get(id)));
    expect(entries.every((entry) => entry?.status === 'delivered' && entry.lease === undefined)).toBe(true);
  });

  it("sends a dead instance's claimed delivery once its lease has run out, not before", async () => {
    const [a, b] = await open(`outbox-${randomBytes(4).toString('hex')}`);
    await enqueue(a, 1);
    // instance A claims it, then dies before sending (nothing else happens on its side)
    expect(await a.outbox.claim('lead-lead-0-webhook', 'instance-a', T0, LEASE_MS)).toBeDefined();
    const sent: string[] = [];
    let now = new Date(T0.getTime() + LEASE_MS - 1);
    const survivor = new OutboxWorker(b.outbox, { webhook: countingSender(sent) }, load, {
      now: () => now,
      leaseMs: LEASE_MS,
      owner: 'instance-b',
    });
    await survivor.runOnce();
    expect(sent).toEqual([]);
    now = new Date(T0.getTime() + LEASE_MS);
    await survivor.runOnce();
    await survivor.runOnce();
    expect(sent).toEqual(['lead-lead-0-webhook']);
    expect((await a.outbox.get('lead-lead-0-webhook'))?.status).toBe('delivered');
  });
});
