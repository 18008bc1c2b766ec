import { log } from '../logger';
import type { ConversationRecord } from '../service/intake-service';
import type { LeadEraser, StaffStores } from './privacy';

/**
 * The retention schedule the prospect is told about: leads and their conversations are deleted
 * RETENTION_DAYS after submission; conversations never submitted (abandoned or declined) are
 * deleted ABANDONED_DAYS after their last message.
 */

export interface RetentionSettings {
  retentionDays: number;
  abandonedDays: number;
  now?: () => Date;
}

export interface PurgeReport {
  leads: number;
  conversations: number;
  transcripts: number;
  handoffs: number;
}

const DAY_MS = 86_400_000;

export class RetentionPurger {
  constructor(
    private readonly stores: StaffStores,
    private readonly eraser: LeadEraser,
    private readonly settings: RetentionSettings,
  ) {}

  async run(): Promise<PurgeReport> {
    const now = (this.settings.now ?? (() => new Date()))().getTime();
    const leadCutoff = new Date(now - this.settings.retentionDays * DAY_MS).toISOString();
    const abandonedCutoff = new Date(now - this.settings.abandonedDays * DAY_MS).toISOString();
    const report: PurgeReport = { leads: 0, conversations: 0, transcripts: 0, handoffs: 0 };

    const expired = await this.stores.index.select({ createdBefore: leadCutoff });
    for (const row of expired) {
      const erased = await this.eraser.erase(row.id, {
        by: 'retention',
        reason: 'retention',
        keepNewerConversation: true,
      });
      if (erased) report.leads++;
    }

    const { conversations } = this.stores;
    const stale: string[] = [];
    for await (const key of conversations.keys()) {
      const record = (
        (await conversations.read([key]).catch(() => ({}))) as Record<string, ConversationRecord>
      )[key];
      if (!record?.updatedAt) continue;
      const submitted = record.leadId !== undefined;
      if (record.updatedAt < (submitted ? leadCutoff : abandonedCutoff)) stale.push(key);
    }
    for (const key of stale) {
      await this.eraser.forgetConversation(key);
      report.conversations++;
    }

    // transcripts left without a conversation (state never saved, or purged without them)
    const { transcripts } = this.stores;
    if (transcripts?.conversations) {
      const orphans: { channelId: string; conversationId: string }[] = [];
      for await (const summary of transcripts.conversations()) {
        if (summary.updatedAt >= abandonedCutoff) continue;
        const key = `${summary.channelId}/conversations/${summary.conversationId}`;
        const state = ((await conversations.read([key]).catch(() => ({}))) as Record<string, unknown>)[key];
        if (state === undefined || summary.updatedAt < leadCutoff) orphans.push(summary);
      }
      for (const orphan of orphans) {
        if (await transcripts.delete(orphan.channelId, orphan.conversationId)) report.transcripts++;
      }
    }

    // requests whose conversation is gone (never submitted) and old enough to be abandoned
    for (const doc of await this.stores.handoffs.all()) {
      if (await this.stores.index.get(doc.intakeId)) continue;
      const latest = doc.requests.reduce((max, r) => (r.requestedAt > max ? r.requestedAt : max), '');
      const cutoff = doc.requests.some((r) => r.leadId) ? leadCutoff : abandonedCutoff;
      if (latest >= cutoff) continue;
      await this.stores.notifier.forget(
        doc.intakeId,
        doc.requests.map((r) => r.id),
      );
      await this.stores.handoffs.delete(doc.intakeId);
      report.handoffs++;
    }

    log.info('retention-purge', { ...report });
    return report;
  }
}

/** Runs `task` shortly after start and then every `intervalMs`, never keeping the process alive. */
export function schedule(task: () => Promise<unknown>, intervalMs: number, firstDelayMs = 60_000) {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) =>
        log.error('scheduled-task-failed', { error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => (running = false));
  };
  const first = setTimeout(run, firstDelayMs);
  const every = setInterval(run, intervalMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
