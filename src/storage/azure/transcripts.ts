import { createHash } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { KeyedLock } from '../keyed-lock';
import { findLastLine, parseTranscriptLines, PendingWrites } from '../transcripts';
import {
  type TranscriptActivity,
  type TranscriptStore,
  type TranscriptSummary,
} from '../../ports/transcripts';
import { deleteBlob, fromMetadata, isNotFound, streamBytes, streamText, toMetadata } from './blobs';

const PREFIX = 'transcripts/';
/** How far from the end `findLast` reads at a time: a few questions, the review included. */
const TAIL_CHUNK = 64 * 1024;

/**
 * Recorded conversations: one append blob per conversation, one JSON line per activity (Append
 * Block: nothing is read or rewritten, so a long conversation records as fast as a short one).
 * The channel and conversation ids are kept in the blob's metadata, so that listing needs no read.
 * Appends for one conversation are chained in this process so that they keep the bot's order.
 */
export class AzureTranscriptStore implements TranscriptStore {
  private readonly locks = new KeyedLock();
  private readonly pending = new PendingWrites();

  constructor(private readonly container: ContainerClient) {}

  blobOf(channelId: string, conversationId: string): string {
    const hash = createHash('sha256').update(`${channelId}\n${conversationId}`).digest('hex');
    return `${PREFIX}${hash.slice(0, 40)}.jsonl`;
  }

  append(activity: TranscriptActivity): Promise<void> {
    const { channelId, conversation } = activity;
    if (!channelId || !conversation?.id) {
      return Promise.reject(new Error('a transcript activity needs channelId and conversation.id'));
    }
    const blob = this.container.getAppendBlobClient(this.blobOf(channelId, conversation.id));
    const line = Buffer.from(`${JSON.stringify(activity)}\n`, 'utf8');
    return this.track(
      this.locks.run(blob.name, async () => {
        try {
          await blob.appendBlock(line, line.length);
        } catch (error) {
          if (!isNotFound(error)) throw error;
          await blob.createIfNotExists({
            metadata: { channel: toMetadata(channelId), conversation: toMetadata(conversation.id) },
            blobHTTPHeaders: { blobContentType: 'application/x-ndjson' },
          });
          await blob.appendBlock(line, line.length);
        }
      }),
    );
  }

  async read(channelId: string, conversationId: string): Promise<TranscriptActivity[]> {
    const name = this.blobOf(channelId, conversationId);
    await this.locks.run(name, async () => undefined);
    try {
      const response = await this.container.getBlobClient(name).download();
      return parseTranscriptLines(await streamText(response.readableStreamBody));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  async delete(channelId: string, conversationId: string): Promise<boolean> {
    const name = this.blobOf(channelId, conversationId);
    return this.locks.run(name, () => deleteBlob(this.container, name));
  }

  async *conversations(): AsyncGenerator<TranscriptSummary> {
    for await (const blob of this.container.listBlobsFlat({ prefix: PREFIX, includeMetadata: true })) {
      const channelId = fromMetadata(blob.metadata?.channel);
      const conversationId = fromMetadata(blob.metadata?.conversation);
      if (!channelId || !conversationId) continue;
      yield { channelId, conversationId, updatedAt: blob.properties.lastModified.toISOString() };
    }
  }

  /** Reads backwards from the end in ranges, so the cost does not depend on the conversation's length. */
  async findLast(
    channelId: string,
    conversationId: string,
    matches: (activity: TranscriptActivity) => boolean,
  ): Promise<TranscriptActivity | undefined> {
    const name = this.blobOf(channelId, conversationId);
    await this.locks.run(name, async () => undefined);
    const blob = this.container.getBlobClient(name);
    let size: number;
    try {
      size = (await blob.getProperties()).contentLength ?? 0;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    return findLastLine(
      size,
      TAIL_CHUNK,
      async (start, end) => streamBytes((await blob.download(start, end - start)).readableStreamBody),
      matches,
    );
  }

  async settled(): Promise<void> {
    await this.pending.settled();
  }

  track<T>(work: Promise<T>): Promise<T> {
    return this.pending.track(work);
  }
}
