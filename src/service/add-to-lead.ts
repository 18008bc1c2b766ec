import { log } from '../logger';
import type { Notifier } from '../notify';
import type { Lead } from '../screening/lead';
import type { Documents } from '../ports/store';
import type { AddedAfterSubmission } from './intake-service';

/**
 * "Add to a lead", on a prospect's message after submitting: append it to the lead's additions
 * (once, whatever the retries), then queue the staff notification for that addition. A lead
 * deleted meanwhile (privacy, retention) keeps nothing of the message either.
 */
export class AddToLead {
  constructor(
    private readonly leads: Documents<Lead>,
    private readonly desk?: { notifier: Notifier },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run({ leadId, text, at }: AddedAfterSubmission): Promise<void> {
    const lead = await this.leads.update(leadId, (current) =>
      current.additions?.some((a) => a.at === at && a.text === text)
        ? current
        : { ...current, additions: [...(current.additions ?? []), { text, at }] },
    );
    if (!lead) return log.warn('addition-without-lead', { lead: leadId });
    const number = (lead.additions ?? []).findIndex((a) => a.at === at && a.text === text) + 1;
    log.info('lead-added-to', { lead: leadId, additions: lead.additions?.length ?? 0 });
    await this.desk?.notifier.enqueueAddition(leadId, number, this.now());
  }
}
