import type { ConversationRecord, IntakeObserver, SubmittedIntake } from '../service/intake-service';
import { log } from '../logger';
import { handoffRequestOf } from './handoffs';
import { rowOf, withAssignment } from './lead-index';
import type { StaffStores } from './privacy';

/** Calls each observer in order; the first that throws stops the turn (nothing is acknowledged). */
export function observeAll(...observers: IntakeObserver[]): IntakeObserver {
  return {
    async submitted(intake) {
      for (const observer of observers) await observer.submitted(intake);
    },
    async handoffRequested(conversationKey, record) {
      for (const observer of observers) await observer.handoffRequested?.(conversationKey, record);
    },
  };
}

/**
 * The staff side of a submitted intake or a "talk to a person": on the prospect's turn, before
 * they are answered, it records the workflow status and queues the notifications (small file
 * writes); delivery happens in the background. Runs after the LeadRecorder stored the lead.
 * Idempotent: a retried turn changes nothing twice.
 */
export class StaffIntakeObserver implements IntakeObserver {
  constructor(
    private readonly stores: StaffStores,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async submitted(intake: SubmittedIntake): Promise<void> {
    const { leads, workflow, index, notifier } = this.stores;
    const leadId = intake.submission.leadId;
    const lead = await leads.get(leadId);
    if (!lead) throw new Error(`Lead ${leadId} was not stored before the staff observer ran`);
    const record = await workflow.open(leadId, intake.conversationKey, this.now().toISOString(), {
      bookingLinkSent: intake.bookingLink !== undefined,
    });
    await index.upsert(withAssignment(rowOf(lead, record.status), record));
    await notifier.enqueueLead(leadId, this.now());
  }

  async handoffRequested(conversationKey: string, record: ConversationRecord): Promise<void> {
    const request = handoffRequestOf(record);
    await this.stores.handoffs.add(conversationKey, request);
    await this.stores.index.update(request.intakeId, (row) => ({ ...row, handoff: true }));
    await this.stores.notifier.enqueueHandoff(request.id, request.intakeId, this.now());
    log.info('handoff-recorded', { intake: request.intakeId, position: request.position });
  }
}
