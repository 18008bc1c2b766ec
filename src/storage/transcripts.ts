import type { TranscriptActivity, TranscriptStore, TranscriptSummary } from '../ports/transcripts';

/** Helpers the transcript stores share, and the lookups staff tools make through them (ports: src/ports/transcripts.ts). */

export interface ConversationLookup {
  transcripts: TranscriptStore;
  /** Reads a conversation record (`IntakeService.load`): its `leadId` links it to a lead. */
  loadConversation: (key: string) => Promise<{ leadId?: string } | undefined>;
  /** The stored leads (`Documents<Lead>.all`). */
  leads: { all: () => Promise<{ id: string; reference: string }[]> };
}

export const conversationKey = (channelId: string, conversationId: string) =>
  `${channelId}/conversations/${conversationId}`;

/**
 * The recorded conversation that produced the lead with this reference number (IMP-2026-…).
 * Conversations link to their lead through the conversation record's `leadId`; when that link is
 * gone (the prospect started a new intake in the same conversation), the transcripts are searched
 * for the confirmation message that announced the reference.
 */
export async function findConversationByReference(
  reference: string,
  lookup: ConversationLookup,
): Promise<TranscriptSummary | undefined> {
  const wanted = reference.trim().toUpperCase();
  const lead = (await lookup.leads.all()).find((l) => l.reference.toUpperCase() === wanted);
  const conversations: TranscriptSummary[] = [];
  for await (const summary of lookup.transcripts.conversations()) conversations.push(summary);
  if (lead) {
    for (const summary of conversations) {
      const record = await lookup.loadConversation(
        conversationKey(summary.channelId, summary.conversationId),
      );
      if (record?.leadId === lead.id) return summary;
    }
  }
  for (const summary of conversations) {
    const announced = await lookup.transcripts.findLast(
      summary.channelId,
      summary.conversationId,
      (activity) =>
        activity.from?.role !== 'user' &&
        typeof activity.text === 'string' &&
        activity.text.toUpperCase().includes(wanted),
    );
    if (announced) return summary;
  }
  return undefined;
}

/** Recorded conversations with this conversation id, whatever the channel. */
export async function findConversationsById(
  conversationId: string,
  transcripts: TranscriptStore,
): Promise<TranscriptSummary[]> {
  const found: TranscriptSummary[] = [];
  for await (const summary of transcripts.conversations()) {
    if (summary.conversationId === conversationId) found.push(summary);
  }
  return found;
}

/**
 * Lines of a JSON-lines transcript (a file, an append blob): a line cut short (an append a crash
 * interrupted) is skipped, not fatal.
 */
export function parseTranscriptLines(raw: string): TranscriptActivity[] {
  const activities: TranscriptActivity[] = [];
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    try {
      activities.push(JSON.parse(line) as TranscriptActivity);
    } catch {
      // a line cut short
    }
  }
  return activities;
}

/** The appends a store has started and not finished: `settled()` waits for them (and for later ones). */
export class PendingWrites {
  private readonly pending = new Set<Promise<unknown>>();

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.then(
      () => this.pending.delete(work),
      () => this.pending.delete(work),
    );
    return work;
  }
}

/**
 * The last activity of a JSON-lines transcript that matches, read backwards from its end in
 * `chunk`-sized ranges, so that the cost does not depend on the conversation's length.
 */
export async function findLastLine(
  size: number,
  chunk: number,
  readRange: (start: number, end: number) => Promise<Buffer>,
  matches: (activity: TranscriptActivity) => boolean,
): Promise<TranscriptActivity | undefined> {
  let end = size;
  let carry = Buffer.alloc(0);
  while (end > 0) {
    const start = Math.max(0, end - chunk);
    let buffer = Buffer.concat([await readRange(start, end), carry]);
    // The first (partial) line waits for the next range unless the transcript starts here.
    let cut = 0;
    if (start > 0) {
      cut = buffer.indexOf(0x0a) + 1;
      if (cut === 0) {
        carry = buffer;
        end = start;
        continue;
      }
    }
    carry = buffer.subarray(0, cut);
    buffer = buffer.subarray(cut);
    const lines = parseTranscriptLines(buffer.toString('utf8'));
    for (let i = lines.length - 1; i >= 0; i--) if (matches(lines[i]!)) return lines[i];
    end = start;
  }
  return undefined;
}
