/**
 * Recorded conversations: per conversation, its Bot Framework activities in the order the bot saw
 * and sent them. Activities are typed structurally: storage does not import botbuilder. The file
 * store (src/storage/file/transcripts.ts) keeps one append-only JSON Lines file per conversation.
 */

export interface TranscriptAccount {
  id: string;
  name?: string;
  role?: string;
  [key: string]: unknown;
}

export interface TranscriptActivity {
  type: string;
  channelId: string;
  conversation: { id: string; [key: string]: unknown };
  id?: string;
  timestamp?: string;
  from?: TranscriptAccount;
  recipient?: TranscriptAccount;
  text?: string;
  channelData?: unknown;
  [key: string]: unknown;
}

export interface TranscriptSummary {
  channelId: string;
  conversationId: string;
  /** When the last activity was appended (ISO 8601). */
  updatedAt: string;
}

export interface TranscriptStore {
  /** Adds one activity at the end of its conversation's transcript. */
  append(activity: TranscriptActivity): Promise<void>;
  /** Every activity of a conversation, oldest first; [] when none was recorded. */
  read(channelId: string, conversationId: string): Promise<TranscriptActivity[]>;
  /** Removes a conversation's transcript; returns whether there was one. */
  delete(channelId: string, conversationId: string): Promise<boolean>;
  /** Every recorded conversation, for maintenance and export tools (not for the turn path). */
  conversations(): AsyncIterable<TranscriptSummary>;
  /** The last activity of a conversation that matches, at a cost independent of its length. */
  findLast(
    channelId: string,
    conversationId: string,
    matches: (activity: TranscriptActivity) => boolean,
  ): Promise<TranscriptActivity | undefined>;
  /** Resolves when every append started so far is stored (appends are not awaited by the bot). */
  settled(): Promise<void>;
  /** Makes `settled()` wait for `work` too: for writers that prepare activities before appending. */
  track<T>(work: Promise<T>): Promise<T>;
}
