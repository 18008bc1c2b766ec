import type { Config } from '../config';
import type { Lead } from '../screening/lead';
import type { HandoffStore } from '../staff/handoffs';
import type { Documents } from '../ports/store';
import type { Notification } from './messages';
import { deliveryId, entriesOf } from './outbox';
import {
  deliveryTargets,
  type DeliveryTarget,
  type OutboxEntry,
  type OutboxRepository,
} from '../ports/outbox';
import { ClioGrowSender, EmailSender, WebhookSender, type Sender } from './senders';
import { OutboxWorker, type WorkerOptions } from './worker';

export { verifyWebhookSignature, signWebhook } from './signature';
export type { OutboxEntry, DeliveryTarget, OutboxRepository } from '../ports/outbox';

export type NotifySettings = Pick<
  Config,
  | 'SMTP_URL'
  | 'STAFF_EMAIL'
  | 'MAIL_FROM'
  | 'CLIO_GROW_URL'
  | 'CLIO_GROW_INBOX_TOKEN'
  | 'WEBHOOK_URL'
  | 'WEBHOOK_SECRET'
  | 'PUBLIC_URL'
>;

export function sendersFor(settings: NotifySettings): Partial<Record<DeliveryTarget, Sender>> {
  const senders: Partial<Record<DeliveryTarget, Sender>> = {};
  if (settings.SMTP_URL && settings.STAFF_EMAIL) {
    senders.email = new EmailSender({
      smtpUrl: settings.SMTP_URL,
      to: settings.STAFF_EMAIL,
      from: settings.MAIL_FROM,
      publicUrl: settings.PUBLIC_URL,
    });
  }
  if (settings.CLIO_GROW_URL && settings.CLIO_GROW_INBOX_TOKEN) {
    senders.clio = new ClioGrowSender({
      baseUrl: settings.CLIO_GROW_URL,
      token: settings.CLIO_GROW_INBOX_TOKEN,
      publicUrl: settings.PUBLIC_URL,
    });
  }
  if (settings.WEBHOOK_URL && settings.WEBHOOK_SECRET) {
    senders.webhook = new WebhookSender({ url: settings.WEBHOOK_URL, secret: settings.WEBHOOK_SECRET });
  }
  return senders;
}

export type NotifierOptions = WorkerOptions & { senders?: Partial<Record<DeliveryTarget, Sender>> };

/** Handoff requests go by email and webhook; Clio Grow only gets submitted leads (it needs a contact). */
export const targetsOf = { lead: deliveryTargets, handoff: ['email', 'webhook'] } as const;

/**
 * Notifications of new leads and "talk to a person" requests: enqueued durably on the prospect's
 * turn (a few small writes), delivered by the background worker.
 */
export class Notifier {
  readonly worker: OutboxWorker;
  private readonly senders: Partial<Record<DeliveryTarget, Sender>>;

  constructor(
    settings: NotifySettings,
    readonly outbox: OutboxRepository,
    private readonly leads: Documents<Lead>,
    private readonly handoffs: HandoffStore,
    options: NotifierOptions = {},
  ) {
    this.senders = options.senders ?? sendersFor(settings);
    this.worker = new OutboxWorker(this.outbox, this.senders, (kind, id) => this.load(kind, id), options);
  }

  configured(target: DeliveryTarget): boolean {
    return this.senders[target] !== undefined;
  }

  async enqueueLead(leadId: string, now: Date): Promise<void> {
    const created = await this.outbox.add(
      entriesOf({
        kind: 'lead',
        subjectId: leadId,
        intakeId: leadId,
        targets: targetsOf.lead.map((target) => ({ target, configured: this.configured(target) })),
        now,
      }),
    );
    if (created.length > 0) this.worker.wake();
  }

  async enqueueHandoff(requestId: string, intakeId: string, now: Date): Promise<void> {
    const created = await this.outbox.add(
      entriesOf({
        kind: 'handoff',
        subjectId: requestId,
        intakeId,
        targets: targetsOf.handoff.map((target) => ({ target, configured: this.configured(target) })),
        now,
      }),
    );
    if (created.length > 0) this.worker.wake();
  }

  /** Every delivery of a lead and of the handoff requests of its intake. */
  async deliveriesOf(leadId: string, handoffRequestIds: string[] = []): Promise<OutboxEntry[]> {
    const ids = [
      ...targetsOf.lead.map((target) => deliveryId('lead', leadId, target)),
      ...handoffRequestIds.flatMap((id) =>
        targetsOf.handoff.map((target) => deliveryId('handoff', id, target)),
      ),
    ];
    const entries = await Promise.all(ids.map((id) => this.outbox.get(id)));
    return entries.filter((entry): entry is OutboxEntry => entry !== undefined);
  }

  /** Removes every delivery record of an intake (privacy deletion, retention). */
  async forget(leadId: string, handoffRequestIds: string[] = []): Promise<void> {
    for (const entry of await this.deliveriesOf(leadId, handoffRequestIds))
      await this.outbox.remove(entry.id);
  }

  /** Puts a delivery that keeps failing back at the front of the queue. */
  async retryNow(id: string): Promise<boolean> {
    const entry = await this.outbox.update(id, (e) =>
      e.status === 'retrying' ? { ...e, nextAttemptAt: new Date().toISOString() } : e,
    );
    if (!entry || entry.status !== 'retrying') return false;
    this.worker.expedite(id);
    return true;
  }

  private async load(kind: 'lead' | 'handoff', subjectId: string): Promise<Notification | undefined> {
    if (kind === 'lead') {
      const lead = await this.leads.get(subjectId);
      return lead && { kind: 'lead', lead };
    }
    const request = await this.handoffs.findRequest(subjectId);
    if (!request) return undefined;
    const leadId = request.leadId;
    const lead = leadId ? await this.leads.get(leadId).catch(() => undefined) : undefined;
    return { kind: 'handoff', request, ...(lead ? { reference: lead.reference } : {}) };
  }
}
