import { z } from 'zod';

/**
 * The durable outbox: one small entry per (subject, target) delivery, written inside the intake
 * turn and sent later by the worker. An entry holds ids, status and errors — never personal data:
 * what is sent is rendered from the lead (or handoff request) at delivery time (src/notify/).
 *
 * A worker claims an entry before sending it: the claim is a lease (owner and expiry) written
 * with the store's conditional update, so two workers — two processes on one store — never send
 * the same notification, and a crashed worker's claim expires.
 */

export const deliveryTargets = ['email', 'clio', 'webhook'] as const;
export type DeliveryTarget = (typeof deliveryTargets)[number];

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
  /** The worker sending it now, and until when its claim holds. */
  lease: z.object({ owner: z.string().min(1), until: z.iso.datetime() }).optional(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/**
 * The claim rule, the same for every store: an entry can be claimed while it is not final and
 * nobody else holds an unexpired lease on it. Returns the claimed entry, or undefined.
 */
export function claimOf(
  entry: OutboxEntry,
  owner: string,
  now: Date,
  leaseMs: number,
): OutboxEntry | undefined {
  if (isFinal(entry.status)) return undefined;
  if (entry.lease && entry.lease.owner !== owner && Date.parse(entry.lease.until) > now.getTime())
    return undefined;
  return { ...entry, lease: { owner, until: new Date(now.getTime() + leaseMs).toISOString() } };
}

/** Where the outbox is kept: src/storage/file/outbox.ts, src/storage/memory/outbox.ts. */
export interface OutboxRepository {
  /** Creates each entry unless one with its id exists (a retried turn adds nothing); returns the ids created. */
  add(entries: OutboxEntry[]): Promise<string[]>;
  get(id: string): Promise<OutboxEntry | undefined>;
  /** Changes an existing entry; never recreates one removed meanwhile (e.g. by a privacy deletion). */
  update(id: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<OutboxEntry | undefined>;
  /**
   * Takes the lease on an entry for `leaseMs` (see `claimOf`), atomically against other claimers;
   * undefined when the entry is final, gone, or leased to another owner.
   */
  claim(id: string, owner: string, now: Date, leaseMs: number): Promise<OutboxEntry | undefined>;
  /** The ids of entries that are not final (to send, sending or to retry), in no particular order. */
  pendingIds(): Promise<string[]>;
  /**
   * A pending id whose entry is missing: a store that keeps its pending list apart from the
   * entries removes one a crash left behind (the list is written just before the entry).
   */
  dropOrphan(id: string): Promise<void>;
  remove(id: string): Promise<void>;
}
