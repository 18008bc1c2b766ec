import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DocumentStore } from '../storage/document-store';

/**
 * The durable outbox: one small file per (subject, target) delivery, written inside the intake
 * turn and sent later by the worker. An entry holds ids, status and errors — never personal data:
 * what is sent is rendered from the lead (or handoff request) at delivery time.
 *
 * Entries still to send also have an empty marker file in `pending/`, so the worker finds its
 * work at start without reading every delivery ever made. The marker is written before the
 * entry and removed after the entry is final: a crash leaves at worst a marker to clean up.
 */

export const deliveryTargets = ['email', 'clio', 'webhook'] as const;
export type DeliveryTarget = (typeof deliveryTargets)[number];

export const targetLabels: Record<DeliveryTarget, string> = {
  email: 'Email',
  clio: 'Clio Grow',
  webhook: 'Webhook',
};

export const subjectKinds = ['lead', 'handoff'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

export const deliveryStatuses = [
  'pending',
  'sending',
  'retrying',
  'delivered',
  'not-configured',
  'cancelled',
] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

const finalStatuses: ReadonlySet<DeliveryStatus> = new Set(['delivered', 'not-configured', 'cancelled']);
export const isFinal = (status: DeliveryStatus) => finalStatuses.has(status);

export const outboxEntrySchema = z.object({
  id: z.string().min(1),
  kind: z.enum(subjectKinds),
  /** The lead id, or the handoff request id. */
  subjectId: z.string().min(1),
  /** The intake (= lead id once submitted) the delivery belongs to: how deletion finds it. */
  intakeId: z.string().min(1),
  target: z.enum(deliveryTargets),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int().min(0),
  createdAt: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime().optional(),
  lastAttemptAt: z.iso.datetime().optional(),
  deliveredAt: z.iso.datetime().optional(),
  lastError: z.string().optional(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

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

export class Outbox {
  readonly entries: DocumentStore<OutboxEntry>;
  private readonly pendingDir: string;

  constructor(directory: string) {
    this.entries = new DocumentStore(path.join(directory, 'entries'), outboxEntrySchema);
    this.pendingDir = path.join(directory, 'pending');
  }

  /** Idempotent by delivery id: a retried turn enqueues nothing new. Returns the ids created. */
  async enqueue(request: EnqueueRequest): Promise<string[]> {
    const created: string[] = [];
    for (const { target, configured } of request.targets) {
      const id = deliveryId(request.kind, request.subjectId, target);
      if (configured) await this.markPending(id);
      const wrote = await this.entries.create(id, {
        id,
        kind: request.kind,
        subjectId: request.subjectId,
        intakeId: request.intakeId,
        target,
        status: configured ? 'pending' : 'not-configured',
        attempts: 0,
        createdAt: request.now.toISOString(),
        ...(configured ? { nextAttemptAt: request.now.toISOString() } : {}),
      });
      if (wrote) created.push(id);
    }
    return created;
  }

  get(id: string): Promise<OutboxEntry | undefined> {
    return this.entries.get(id);
  }

  /** Changes an existing entry; never recreates one removed meanwhile (e.g. by a privacy deletion). */
  update(id: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<OutboxEntry | undefined> {
    return this.entries.update(id, change);
  }

  async pendingIds(): Promise<string[]> {
    const files = await fs.readdir(this.pendingDir).catch(() => [] as string[]);
    return files.filter((file) => !file.startsWith('.'));
  }

  async markPending(id: string): Promise<void> {
    await fs.mkdir(this.pendingDir, { recursive: true });
    await fs.writeFile(path.join(this.pendingDir, this.safe(id)), '');
  }

  /** How long ago the delivery was marked pending; undefined when it is not. */
  async pendingAgeMs(id: string, now: number): Promise<number | undefined> {
    const stat = await fs.stat(path.join(this.pendingDir, this.safe(id))).catch(() => undefined);
    return stat ? now - stat.mtimeMs : undefined;
  }

  async clearPending(id: string): Promise<void> {
    await fs.rm(path.join(this.pendingDir, this.safe(id)), { force: true });
  }

  async remove(id: string): Promise<void> {
    await this.clearPending(id);
    await this.entries.delete(id);
  }

  private safe(id: string): string {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new Error(`not a delivery id: ${JSON.stringify(id)}`);
    return id;
  }
}
