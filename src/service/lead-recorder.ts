import { buildLead, type Lead } from '../screening/lead';
import type { Documents } from '../storage/ports';
import type { AddedAfterSubmission, IntakeObserver, SubmittedIntake } from './intake-service';
import { log } from '../logger';

/** Turns a submitted intake into a screened lead and stores it once, whatever the retries. */
export class LeadRecorder implements IntakeObserver {
  constructor(private readonly leads: Documents<Lead>) {}

  async submitted(intake: SubmittedIntake): Promise<void> {
    const { submission } = intake;
    const lead = buildLead({
      id: submission.leadId,
      reference: submission.reference,
      createdAt: submission.submittedAt,
      locale: intake.locale,
      answers: intake.answers,
      handoffRequested: intake.handoffRequested,
      ...(intake.source ? { source: intake.source } : {}),
    });
    const created = await this.leads.create(lead.id, lead);
    if (created) log.info('lead-stored', { lead: lead.id, reference: lead.reference, role: lead.role });
  }

  /** Appends the message to the lead's additions, once, whatever the retries. */
  async added({ leadId, text, at }: AddedAfterSubmission): Promise<void> {
    const lead = await this.leads.update(leadId, (current) =>
      current.additions?.some((a) => a.at === at && a.text === text)
        ? current
        : { ...current, additions: [...(current.additions ?? []), { text, at }] },
    );
    // Deleted meanwhile (privacy, retention): the prospect's words are not kept either.
    if (!lead) return log.warn('addition-without-lead', { lead: leadId });
    log.info('lead-added-to', { lead: leadId, additions: lead.additions?.length ?? 0 });
  }
}
