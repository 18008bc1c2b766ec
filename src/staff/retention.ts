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

/** Anything older than these goes: a lead's things, and a conversation never submitted. */
interface Cutoffs {
  lead: string;
  abandoned: string;
}

export class RetentionPurger {
  constructor(
    private readonly stores: StaffStores,
    private readonly eraser: LeadEraser,
    private readonly settings: RetentionSettings,
  ) {}

  async run(): Promise<PurgeReport> {
    const now = (this.settings.now ?? (() => new Date()))().getTime();
    const cutoffs: Cutoffs = {
      lead: new Date(now - this.settings.retentionDays * DAY_MS).toISOString(),
      abandoned: new Date(now - this.settings.abandonedDays * DAY_MS).toISOString(),
    };
    const report: PurgeReport = {
      leads: await this.purgeLeads(cutoffs),
      conversations: await this.purgeConversations(cutoffs),
      transcripts: await this.purgeOrphanTranscripts(cutoffs),
      handoffs: await this.purgeOrphanHandoffs(cutoffs),
    };
    log.info('retention-purge', { ...report });
    return report;
  }

  /** Leads past RETENTION_DAYS, with everything of theirs (a conversation that went on is kept). */
  private async purgeLeads(cutoffs: Cutoffs): Promise<number> {
    let erased = 0;
    for (const row of await this.stores.index.select({ createdBefore: cutoffs.lead })) {
      const done = await this.eraser.erase(row.id, {
        by: 'retention',
        reason: 'retention',
        keepNewerConversation: true,
      });
      if (done) erased++;
    }
    return erased;
  }

  /** Conversations whose last message is past the cutoff of their kind (submitted or not). */
  private async purgeConversations(cutoffs: Cutoffs): Promise<number> {
    const { conversations } = this.stores;
    const stale: string[] = [];
    for await (const key of conversations.keys()) {
      const record = (
        (await conversations.read([key]).catch(() => ({}))) as Record<string, ConversationRecord>
      )[key];
      if (!record?.updatedAt) continue;
      const submitted = record.leadId !== undefined;
      if (record.updatedAt < (submitted ? cutoffs.lead : cutoffs.abandoned)) stale.push(key);
    }
    for (const key of stale) await this.eraser.forgetConversation(key);
    return stale.length;
  }

  /** Transcripts left without a conversation (state never saved, or purged without them). */
  private async purgeOrphanTranscripts(cutoffs: Cutoffs): Promise<number> {
    const { conversations, transcripts } = this.stores;
    if (!transcripts?.conversations) return 0;
    const orphans: { channelId: string; conversationId: string }[] = [];
    for await (const summary of transcripts.conversations()) {
      if (summary.updatedAt >= cutoffs.abandoned) continue;
      const key = `${summary.channelId}/conversations/${summary.conversationId}`;
      const state = ((await conversations.read([key]).catch(() => ({}))) as Record<string, unknown>)[key];
      if (state === undefined || summary.updatedAt < cutoffs.lead) orphans.push(summary);
    }
    let deleted = 0;
    for (const orphan of orphans) {
      if (await transcripts.delete(orphan.channelId, orphan.conversationId)) deleted++;
    }
    return deleted;
  }

  /** Requests whose conversation is gone (never submitted) and old enough to be abandoned. */
  private async purgeOrphanHandoffs(cutoffs: Cutoffs): Promise<number> {
    let deleted = 0;
    for (const doc of await this.stores.handoffs.all()) {
      if (await this.stores.index.get(doc.intakeId)) continue;
      const latest = doc.requests.reduce((max, r) => (r.requestedAt > max ? r.requestedAt : max), '');
      const cutoff = doc.requests.some((r) => r.leadId) ? cutoffs.lead : cutoffs.abandoned;
      if (latest >= cutoff) continue;
      await this.stores.notifier.forget(
        doc.intakeId,
        doc.requests.map((r) => r.id),
      );
      await this.stores.handoffs.delete(doc.intakeId);
      deleted++;
    }
    return deleted;
  }
}

/**
 * Runs `task` shortly after start and then every `intervalMs`, never keeping the process alive.
 * The function it returns stops the schedule and resolves once a pass under way has finished.
 */
export function schedule(task: () => Promise<unknown>, intervalMs: number, firstDelayMs = 60_000) {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return;
    running = task()
      .then(
        () => undefined,
        (error: unknown) =>
          log.error('scheduled-task-failed', {
            error: error instanceof Error ? error.message : String(error),
          }),
      )
      .finally(() => (running = undefined));
  };
  const first = setTimeout(run, firstDelayMs);
  const every = setInterval(run, intervalMs);
  first.unref();
  every.unref();
  return async (): Promise<void> => {
    clearTimeout(first);
    clearInterval(every);
    await running;
  };
}
