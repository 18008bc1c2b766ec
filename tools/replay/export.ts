import { openFileStorage } from '../../src/storage/file';
import { findConversationByReference, findConversationsById } from '../../src/storage/transcripts';
import { type TranscriptActivity, type TranscriptSummary } from '../../src/ports/transcripts';

/** Finds a recorded conversation in a data folder by lead reference or by conversation id. */

export const REFERENCE_INPUT = /^IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/i;

export interface ExportedConversation {
  summary: TranscriptSummary;
  activities: TranscriptActivity[];
}

export async function findRecordedConversation(
  dataDir: string,
  target: string,
  channelId?: string,
): Promise<ExportedConversation> {
  const storage = openFileStorage(dataDir);
  const { transcripts, conversations } = storage;
  let summary: TranscriptSummary | undefined;
  if (REFERENCE_INPUT.test(target.trim())) {
    summary = await findConversationByReference(target, {
      transcripts,
      loadConversation: async (key) =>
        (await conversations.read([key]))[key] as { leadId?: string } | undefined,
      leads: storage.leads,
    });
    if (!summary)
      throw new Error(`no recorded conversation submitted the lead ${target.trim().toUpperCase()}`);
  } else {
    const found = (await findConversationsById(target, transcripts)).filter(
      (s) => channelId === undefined || s.channelId === channelId,
    );
    if (found.length === 0) {
      throw new Error(
        `no recorded conversation has the id "${target}"${channelId ? ` on channel "${channelId}"` : ''} in ${dataDir}`,
      );
    }
    if (found.length > 1) {
      throw new Error(
        `conversation "${target}" exists on several channels (${found.map((f) => f.channelId).join(', ')}): choose one with --channel`,
      );
    }
    summary = found[0]!;
  }
  const activities = await transcripts.read(summary.channelId, summary.conversationId);
  return { summary, activities };
}
