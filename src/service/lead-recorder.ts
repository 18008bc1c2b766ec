import { buildLead, type Lead } from '../screening/lead';
import type { Documents } from '../storage/ports';
import type { IntakeObserver, SubmittedIntake } from './intake-service';
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
}
