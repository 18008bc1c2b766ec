import type { Notifier } from '../notify';
import type { Lead } from '../screening/lead';
import type { ConversationRecord } from '../service/intake-service';
import type { ConversationStore, Documents } from '../ports/store';
import type { AuditLog } from '../ports/deletions';
import type { HandoffStore } from './handoffs';
import type { LeadIndex } from '../ports/lead-list';
import type { WorkflowStore } from './workflow';
import { log } from '../logger';

/** The part of the transcript store (src/storage/transcripts.ts) the staff side uses. */
export interface TranscriptAccess {
  read(channelId: string, conversationId: string): Promise<unknown[]>;
  delete(channelId: string, conversationId: string): Promise<boolean>;
  conversations?(): AsyncIterable<{ channelId: string; conversationId: string; updatedAt: string }>;
  /** Resolves when the appends under way are written (so a deletion is not undone by one). */
  settled?(): Promise<void>;
}

/** "<channelId>/conversations/<conversationId>" → its parts (conversation ids may contain "/"). */
export function splitConversationKey(key: string): { channelId: string; conversationId: string } | undefined {
  const marker = '/conversations/';
  const at = key.indexOf(marker);
  if (at <= 0) return undefined;
  return { channelId: key.slice(0, at), conversationId: key.slice(at + marker.length) };
}

export interface EraseOptions {
  by: string;
  reason: 'privacy-request' | 'retention';
  /**
   * The retention purge leaves a conversation that went on after the lead (the prospect came
   * back and started again); a privacy request removes it whatever it holds.
   */
  keepNewerConversation?: boolean;
}

export interface ChannelRecords {
  forget(conversationKey: string): Promise<unknown>;
}

export interface StaffStores {
  leads: Documents<Lead>;
  workflow: WorkflowStore;
  handoffs: HandoffStore;
  conversations: ConversationStore;
  transcripts?: TranscriptAccess;
  channelRecords?: ChannelRecords;
  notifier: Notifier;
  index: LeadIndex;
  audit: AuditLog;
  /** The documents the prospect attached (sealed); erased with the lead. */
  documents?: { deleteAll(leadId: string): Promise<number> };
  /** Who viewed the lead and downloaded its documents; deleted with it. */
  access?: { delete(leadId: string): Promise<boolean> };
}

/**
 * Deletes a lead and every trace of the prospect: the lead, its documents, its workflow record and
 * notes, its handoff requests, its notification records, its conversation state and transcript. What
 * remains is one audit line with the lead id and reference. Deletion runs from the periphery to
 * the lead itself, so an interrupted deletion leaves the lead visible to be deleted again.
 */
export class LeadEraser {
  constructor(private readonly stores: StaffStores) {}

  /** Returns false when there was no such lead. */
  async erase(leadId: string, options: EraseOptions): Promise<boolean> {
    const { leads, workflow, handoffs, notifier, index, audit } = this.stores;
    const lead = await leads.get(leadId).catch(() => undefined);
    const record = await workflow.get(leadId).catch(() => undefined);
    const handoff = await handoffs.get(leadId).catch(() => undefined);
    if (!lead && !record && !handoff && !(await index.get(leadId))) return false;

    const conversationKey =
      record?.conversationKey ?? handoff?.conversationKey ?? (await this.findConversationOf(leadId));
    if (conversationKey)
      await this.forgetConversation(conversationKey, options.keepNewerConversation ? leadId : undefined);
    await this.stores.documents?.deleteAll(leadId);
    await this.stores.access?.delete(leadId);
    await notifier.forget(leadId, handoff?.requests.map((r) => r.id) ?? []);
    await handoffs.delete(leadId);
    await workflow.delete(leadId);
    await leads.delete(leadId);
    await index.remove(leadId);
    await audit.append({
      at: new Date().toISOString(),
      by: options.by,
      action: 'lead-deleted',
      reason: options.reason,
      leadId,
      ...(lead ? { reference: lead.reference } : {}),
    });
    log.info('lead-deleted', { lead: leadId, reason: options.reason });
    return true;
  }

  /**
   * Removes a conversation's state, transcript and handoff requests. With `onlyIfLeadId`, a
   * conversation that moved on to another intake is left alone.
   */
  async forgetConversation(conversationKey: string, onlyIfLeadId?: string): Promise<void> {
    const { conversations, transcripts, handoffs, notifier, channelRecords } = this.stores;
    const stored = (await conversations.read([conversationKey]))[conversationKey] as
      ConversationRecord | undefined;
    if (onlyIfLeadId && stored && stored.intakeId !== onlyIfLeadId && stored.leadId !== onlyIfLeadId) return;
    if (stored?.intakeId) {
      const handoff = await handoffs.get(stored.intakeId).catch(() => undefined);
      if (handoff) {
        await notifier.forget(
          stored.intakeId,
          handoff.requests.map((r) => r.id),
        );
        await handoffs.delete(stored.intakeId);
      }
    }
    await conversations.delete([conversationKey]);
    await channelRecords?.forget(conversationKey);
    const parts = splitConversationKey(conversationKey);
    if (parts && transcripts) {
      await transcripts.settled?.();
      await transcripts.delete(parts.channelId, parts.conversationId);
    }
  }

  /** For leads stored before the staff side kept conversation keys: a scan of every conversation. */
  private async findConversationOf(leadId: string): Promise<string | undefined> {
    const { conversations } = this.stores;
    for await (const key of conversations.keys()) {
      const stored = (await conversations.read([key]))[key] as ConversationRecord | undefined;
      if (stored?.leadId === leadId || stored?.intakeId === leadId) return key;
    }
    return undefined;
  }
}
