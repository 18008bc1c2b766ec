import { log } from '../logger';
import type { Notifier } from '../notify';
import { handoffRequestOf, type HandoffStore } from '../staff/handoffs';
import type { LeadIndex } from '../ports/lead-list';
import type { ConversationRecord } from './intake-service';

/**
 * "Talk to a person", on the prospect's turn and before they are answered: record the request
 * (what is known of the contact, where they were), flag the lead-list row, and queue the staff
 * notifications. Idempotent: the same turn yields the same request id, so a retry adds nothing.
 */
export class RequestHandoff {
  constructor(
    private readonly desk: { handoffs: HandoffStore; index: LeadIndex; notifier: Notifier },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(conversationKey: string, record: ConversationRecord): Promise<void> {
    const { handoffs, index, notifier } = this.desk;
    const request = handoffRequestOf(record);
    await handoffs.add(conversationKey, request);
    await index.update(request.intakeId, (row) => ({ ...row, handoff: true }));
    await notifier.enqueueHandoff(request.id, request.intakeId, this.now());
    log.info('handoff-recorded', { intake: request.intakeId, position: request.position });
  }
}
