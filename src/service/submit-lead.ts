import { log } from '../logger';
import type { Notifier } from '../notify';
import { buildLead, type Lead } from '../screening/lead';
import { rowOf, withAssignment } from '../staff/lead-index';
import { type LeadIndex } from '../ports/lead-list';
import type { WorkflowStore } from '../staff/workflow';
import type { Documents } from '../ports/store';
import type { SubmittedIntake } from './intake-service';

/** Where a new lead goes once stored: the firm's desk (workflow, lead list, notifications). */
export interface LeadDesk {
  workflow: WorkflowStore;
  index: LeadIndex;
  notifier: Notifier;
}

/**
 * "Submit a lead", on the prospect's turn and before they are answered: screen the answers into a
 * lead, store it, open its workflow record and lead-list row, and queue the staff notifications
 * (delivered later by the outbox worker). The lead built here is the one every step uses.
 * Idempotent by lead id: a retried turn stores, indexes and queues nothing twice.
 * Without a desk (in-process replays) the lead is only stored.
 */
export class SubmitLead {
  constructor(
    private readonly leads: Documents<Lead>,
    private readonly desk?: LeadDesk,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(intake: SubmittedIntake): Promise<Lead> {
    const lead = screen(intake);
    if (await this.leads.create(lead.id, lead))
      log.info('lead-stored', { lead: lead.id, reference: lead.reference, role: lead.role });
    if (!this.desk) return lead;

    const { workflow, index, notifier } = this.desk;
    const record = await workflow.open(lead.id, intake.conversationKey, this.now().toISOString(), {
      bookingLinkSent: intake.bookingLink !== undefined,
    });
    await index.upsert(withAssignment(rowOf(lead, record.status), record));
    await notifier.enqueueLead(lead.id, this.now());
    return lead;
  }
}

/** The screened lead of a submitted intake: checked against the lead schema, here and only here. */
function screen(intake: SubmittedIntake): Lead {
  const { submission } = intake;
  return buildLead({
    id: submission.leadId,
    reference: submission.reference,
    createdAt: submission.submittedAt,
    locale: intake.locale,
    answers: intake.answers,
    handoffRequested: intake.handoffRequested,
    ...(intake.source ? { source: intake.source } : {}),
  });
}
