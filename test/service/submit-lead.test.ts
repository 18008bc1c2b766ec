import { Notifier, type NotifySettings } from '../../src/notify';
import type { Lead } from '../../src/screening/lead';
import type { SubmittedIntake } from '../../src/service/intake-service';
import { SubmitLead } from '../../src/service/submit-lead';
import { HandoffStore } from '../../src/staff/handoffs';
import { WorkflowStore } from '../../src/staff/workflow';
import { openMemoryStorage } from '../../src/storage/memory';
import type { Documents } from '../../src/ports/store';
import { intraCompanyWorker } from '../support/answers';

const NOW = new Date('2026-11-25T17:00:00.000Z');

function submitted(leadId = 'lead-1'): SubmittedIntake {
  return {
    submission: { leadId, reference: 'IMP-2026-ABCD-EFGH', submittedAt: NOW.toISOString() },
    answers: intraCompanyWorker,
    locale: 'en-CA',
    handoffRequested: false,
    conversationKey: 'test/conversations/one',
  };
}

/** The memory store's leads, refusing every read: the use case must pass its lead along. */
function writeOnly(leads: Documents<Lead>): Documents<Lead> {
  const refuse = () => Promise.reject(new Error('the lead was read back'));
  return { ...leads, create: (id, lead) => leads.create(id, lead), get: refuse, all: refuse };
}

function desk() {
  const storage = openMemoryStorage();
  const handoffs = new HandoffStore(storage.handoffs);
  const notifier = new Notifier({} as NotifySettings, storage.outbox, storage.leads, handoffs, {
    senders: { email: { target: 'email', kinds: ['lead', 'handoff'], send: () => Promise.resolve() } },
  });
  return { storage, workflow: new WorkflowStore(storage.workflow), index: storage.leadIndex, notifier };
}

describe('submit a lead', () => {
  it('stores, indexes and queues the lead it screened, without reading it back', async () => {
    const parts = desk();
    const submit = new SubmitLead(writeOnly(parts.storage.leads), parts, () => NOW);

    const lead = await submit.run(submitted());

    expect(await parts.storage.leads.get('lead-1')).toEqual(lead);
    expect((await parts.workflow.get('lead-1'))?.status).toBe('new');
    expect((await parts.index.get('lead-1'))?.reference).toBe('IMP-2026-ABCD-EFGH');
    expect(await parts.storage.outbox.pendingIds()).toEqual(['lead-lead-1-email']);
  });

  it('does nothing twice when the turn is retried', async () => {
    const parts = desk();
    const submit = new SubmitLead(parts.storage.leads, parts, () => NOW);

    await submit.run(submitted());
    await submit.run(submitted());

    expect(await parts.storage.leads.ids()).toEqual(['lead-1']);
    expect((await parts.workflow.get('lead-1'))?.history).toHaveLength(1);
    expect(await parts.index.size()).toBe(1);
    expect(await parts.storage.outbox.pendingIds()).toHaveLength(1);
  });

  it('only stores the lead when there is no desk (in-process replays)', async () => {
    const { storage } = desk();
    const lead = await new SubmitLead(storage.leads).run(submitted());
    expect(await storage.leads.get(lead.id)).toEqual(lead);
    expect(await storage.leadIndex.size()).toBe(0);
  });
});
