import { randomUUID } from 'node:crypto';
import { log } from '../logger';
import type { Notification } from './messages';
import type { DeliveryTarget, OutboxEntry, OutboxRepository, SubjectKind } from '../ports/outbox';
import { describeError, type Sender } from './senders';

/** Loads what a delivery sends; undefined when the lead or request no longer exists (deleted). */
export type NotificationLoader = (kind: SubjectKind, subjectId: string) => Promise<Notification | undefined>;

export interface WorkerOptions {
  /** The wait after the first failure; doubled after each further one. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often the pending deliveries are looked at when nothing wakes the worker. */
  pollMs?: number;
  concurrency?: number;
  now?: () => Date;
  /** How long a claim on a delivery holds: longer than any send takes (senders time out sooner). */
  leaseMs?: number;
  /** Who claims: unique per worker unless told (tests of two workers name theirs). */
  owner?: string;
}

/**
 * Sends the outbox in the background, never on the prospect's turn. A delivery is claimed (a
 * lease in the store) before it is attempted, so two workers never send it at once; each attempt
 * is recorded before it is made (status "sending", attempts + 1) and its outcome after: a
 * delivery marked delivered is never sent again, whatever the restarts. A worker that crashes
 * mid-send holds its lease until it expires; then any worker resends. A crash between a target accepting a
 * message and the "delivered" mark can at worst send it once more: webhook and Clio Grow
 * requests carry the delivery id as `Idempotency-Key` (and emails as their Message-ID) so the
 * receiver can drop such a repeat.
 */
export class OutboxWorker {
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly owner: string;
  /** When each pending delivery is next due (ms since epoch), learned from its entry. */
  private readonly due = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private running: Promise<void> | undefined;
  private wakeAgain = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly senders: Partial<Record<DeliveryTarget, Sender>>,
    private readonly load: NotificationLoader,
    options: WorkerOptions = {},
  ) {
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.maxDelayMs = options.maxDelayMs ?? 60 * 60_000;
    this.pollMs = options.pollMs ?? 5_000;
    this.concurrency = options.concurrency ?? 4;
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 2 * 60_000;
    this.owner = options.owner ?? randomUUID();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the attempts under way to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    for (const sender of Object.values(this.senders)) sender?.close?.();
  }

  /** Something was enqueued: look now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.wakeAgain = true;
    else this.schedule(0);
  }

  /** A delivery was made due now (a staff "retry now"): forget its backoff and look at once. */
  expedite(id: string): void {
    this.due.set(id, 0);
    this.wake();
  }

  /** The wait before attempt `attempts + 1`, after `attempts` failures. */
  delayAfter(attempts: number): number {
    return Math.min(this.baseDelayMs * 2 ** Math.max(0, attempts - 1), this.maxDelayMs);
  }

  /** Attempts every delivery that is due; returns how many were attempted. */
  async runOnce(): Promise<number> {
    const pending = await this.outbox.pendingIds();
    const known = new Set(pending);
    for (const id of this.due.keys()) if (!known.has(id)) this.due.delete(id);
    const nowMs = this.now().getTime();
    const dueIds: string[] = [];
    for (const id of pending) {
      if (this.inFlight.has(id)) continue;
      let dueAt = this.due.get(id);
      if (dueAt === undefined) {
        const entry = await this.outbox.get(id).catch(() => undefined);
        if (!entry) {
          await this.outbox.dropOrphan(id);
          continue;
        }
        dueAt = entry.nextAttemptAt ? Date.parse(entry.nextAttemptAt) : 0;
        this.due.set(id, dueAt);
      }
      if (dueAt <= nowMs) dueIds.push(id);
    }
    let next = 0;
    const lanes = Array.from({ length: Math.min(this.concurrency, dueIds.length) }, async () => {
      while (next < dueIds.length) {
        const id = dueIds[next++]!;
        this.inFlight.add(id);
        try {
          await this.attempt(id);
        } catch (error) {
          log.error('delivery-error', { delivery: id, error: describeError(error) });
        } finally {
          this.inFlight.delete(id);
        }
      }
    });
    await Promise.all(lanes);
    return dueIds.length;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.stopped || this.running) return;
    this.running = this.runOnce().then(
      () => undefined,
      (error: unknown) => log.error('outbox-poll-failed', { error: describeError(error) }),
    );
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    const again = this.wakeAgain;
    this.wakeAgain = false;
    this.schedule(again ? 0 : this.pollMs);
  }

  /** Records a final outcome and gives the lease up. */
  private async finish(id: string, change: (entry: OutboxEntry) => OutboxEntry): Promise<void> {
    await this.outbox.update(id, (e) => ({ ...change(e), lease: undefined }));
    this.due.delete(id);
  }

  private async attempt(id: string): Promise<void> {
    const entry = await this.outbox.claim(id, this.owner, this.now(), this.leaseMs);
    if (!entry) {
      // removed, final, or claimed by another worker: the next look reads it afresh
      this.due.delete(id);
      return;
    }
    const sender = this.senders[entry.target];
    if (!sender || !sender.kinds.includes(entry.kind)) {
      await this.finish(id, (e) => ({ ...e, status: 'not-configured', nextAttemptAt: undefined }));
      return;
    }
    const at = this.now().toISOString();
    let notification: Notification | undefined;
    try {
      notification = await this.load(entry.kind, entry.subjectId);
    } catch (error) {
      await this.failed(entry, at, `could not read the ${entry.kind}: ${describeError(error)}`);
      return;
    }
    if (!notification) {
      await this.finish(id, (e) => ({
        ...e,
        status: 'cancelled',
        nextAttemptAt: undefined,
        lastError: `the ${e.kind} no longer exists`,
      }));
      return;
    }
    const started = await this.outbox.update(id, (e) => ({
      ...e,
      status: 'sending',
      attempts: e.attempts + 1,
      lastAttemptAt: at,
    }));
    if (!started) return; // removed meanwhile (a deletion)
    try {
      await sender.send(notification, id);
    } catch (error) {
      await this.failed(started, at, describeError(error));
      return;
    }
    await this.finish(id, (e) => ({
      ...e,
      status: 'delivered',
      deliveredAt: this.now().toISOString(),
      nextAttemptAt: undefined,
      lastError: undefined,
    }));
    log.info('notification-delivered', { delivery: id, target: entry.target, attempts: started.attempts });
  }

  private async failed(entry: OutboxEntry, at: string, reason: string): Promise<void> {
    const attempts = Math.max(entry.attempts, 1);
    const nextAt = this.now().getTime() + this.delayAfter(attempts); // counted from the failure
    await this.outbox.update(entry.id, (e) => ({
      ...e,
      status: 'retrying',
      attempts,
      lastAttemptAt: at,
      nextAttemptAt: new Date(nextAt).toISOString(),
      lastError: reason,
      lease: undefined,
    }));
    this.due.set(entry.id, nextAt);
    log.warn('notification-failed', { delivery: entry.id, target: entry.target, attempts, error: reason });
  }
}
