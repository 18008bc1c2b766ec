import type { DeliveryTarget, OutboxEntry, SubjectKind } from '../ports/outbox';

/** The outbox entries a notification makes (the record and its repository: src/ports/outbox.ts). */

export const targetLabels: Record<DeliveryTarget, string> = {
  email: 'Email',
  clio: 'Clio Grow',
  webhook: 'Webhook',
};

export function deliveryId(kind: SubjectKind, subjectId: string, target: DeliveryTarget): string {
  return `${kind}-${subjectId}-${target}`;
}

export interface EnqueueRequest {
  kind: SubjectKind;
  subjectId: string;
  intakeId: string;
  /** Every target the subject goes to, and whether it is configured on this server. */
  targets: { target: DeliveryTarget; configured: boolean }[];
  now: Date;
}

/** The entries a request creates, one per target. */
export function entriesOf(request: EnqueueRequest): OutboxEntry[] {
  return request.targets.map(({ target, configured }) => {
    const id = deliveryId(request.kind, request.subjectId, target);
    return {
      id,
      kind: request.kind,
      subjectId: request.subjectId,
      intakeId: request.intakeId,
      target,
      status: configured ? 'pending' : 'not-configured',
      attempts: 0,
      createdAt: request.now.toISOString(),
      ...(configured ? { nextAttemptAt: request.now.toISOString() } : {}),
    };
  });
}
