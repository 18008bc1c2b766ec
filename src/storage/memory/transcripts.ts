import type { TranscriptActivity, TranscriptStore, TranscriptSummary } from '../../ports/transcripts';

/** Transcripts in memory: for replays and tests. */
export class MemoryTranscriptStore implements TranscriptStore {
  private readonly conversationsByKey = new Map<string, { summary: TranscriptSummary; lines: string[] }>();

  async append(activity: TranscriptActivity): Promise<void> {
    const { channelId, conversation } = activity;
    if (!channelId || !conversation?.id)
      throw new Error('a transcript activity needs channelId and conversation.id');
    const key = `${channelId}\n${conversation.id}`;
    const entry = this.conversationsByKey.get(key) ?? {
      summary: { channelId, conversationId: conversation.id, updatedAt: '' },
      lines: [],
    };
    entry.lines.push(JSON.stringify(activity));
    entry.summary.updatedAt = new Date().toISOString();
    this.conversationsByKey.set(key, entry);
  }

  async read(channelId: string, conversationId: string): Promise<TranscriptActivity[]> {
    const entry = this.conversationsByKey.get(`${channelId}\n${conversationId}`);
    return entry ? entry.lines.map((line) => JSON.parse(line) as TranscriptActivity) : [];
  }

  async delete(channelId: string, conversationId: string): Promise<boolean> {
    return this.conversationsByKey.delete(`${channelId}\n${conversationId}`);
  }

  async *conversations(): AsyncGenerator<TranscriptSummary> {
    for (const { summary } of [...this.conversationsByKey.values()]) yield { ...summary };
  }

  async findLast(
    channelId: string,
    conversationId: string,
    matches: (activity: TranscriptActivity) => boolean,
  ): Promise<TranscriptActivity | undefined> {
    const activities = await this.read(channelId, conversationId);
    for (let i = activities.length - 1; i >= 0; i--) if (matches(activities[i]!)) return activities[i];
    return undefined;
  }

  async settled(): Promise<void> {}

  track<T>(work: Promise<T>): Promise<T> {
    return work;
  }
}
