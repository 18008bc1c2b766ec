import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { KeyedLock } from '../keyed-lock';
import { FileNames } from './file-names';
import { findLastLine, parseTranscriptLines, PendingWrites } from '../transcripts';
import {
  type TranscriptActivity,
  type TranscriptStore,
  type TranscriptSummary,
} from '../../ports/transcripts';

/**
 * Recorded conversations: one append-only JSON Lines file per conversation, one Bot Framework
 * activity per line, in the order the bot saw and sent them.
 *
 * Appending costs the same on the first turn and the hundredth (nothing is read or rewritten), so
 * recording never makes a turn slower as a conversation grows. Activities are typed structurally:
 * this folder does not import botbuilder.
 */

/** How far from the end `findLast` reads at a time: a few questions, the review included. */
const TAIL_CHUNK = 64 * 1024;

export class FileTranscriptStore implements TranscriptStore {
  private readonly locks = new KeyedLock();
  private readonly pending = new PendingWrites();
  /** The lines appended since the last write, by file, and when they will be written. */
  private batch: { lines: Map<string, string[]>; written: Promise<Map<string, unknown>> } | undefined;

  constructor(readonly directory: string) {}

  private readonly files = new FileNames((key) => {
    const hash = createHash('sha256').update(key).digest('hex');
    return path.join(this.directory, `${hash.slice(0, 40)}.jsonl`);
  });

  fileOf(channelId: string, conversationId: string): string {
    return this.files.of(`${channelId}\n${conversationId}`);
  }

  /**
   * Adds one activity at the end of its conversation's transcript. The line is serialized now and
   * written with the others of the same moment: the activities a turn logs together (the
   * prospect's and the bot's replies) go to their file in one append, one `write` call.
   */
  append(activity: TranscriptActivity): Promise<void> {
    const { channelId, conversation } = activity;
    if (!channelId || !conversation?.id) {
      return Promise.reject(new Error('a transcript activity needs channelId and conversation.id'));
    }
    const file = this.fileOf(channelId, conversation.id);
    const line = `${JSON.stringify(activity)}\n`;
    let batch = this.batch;
    if (!batch) {
      const lines = new Map<string, string[]>();
      batch = this.batch = {
        lines,
        written: new Promise((resolve) => setImmediate(resolve)).then(() => this.flush(lines)),
      };
      this.track(batch.written);
    }
    const lines = batch.lines.get(file);
    if (lines) lines.push(line);
    else batch.lines.set(file, [line]);
    const written = batch.written;
    return written.then((failed) => {
      const error = failed.get(file);
      if (error) throw error;
    });
  }

  /** Resolves once every line appended to `file` so far is written (or failed). */
  private async written(file: string): Promise<void> {
    if (this.batch?.lines.has(file)) await this.batch.written;
    await this.locks.run(file, async () => undefined);
  }

  /** Writes a batch: one append per file, under that file's lock (a delete waits for it). */
  private async flush(batch: Map<string, string[]>): Promise<Map<string, unknown>> {
    this.batch = undefined;
    const failed = new Map<string, unknown>();
    await Promise.all(
      [...batch].map(([file, lines]) =>
        this.locks
          .run(file, async () => {
            try {
              fs.appendFileSync(file, lines.join(''), 'utf8');
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
              await fsp.mkdir(this.directory, { recursive: true });
              fs.appendFileSync(file, lines.join(''), 'utf8');
            }
          })
          .catch((error: unknown) => failed.set(file, error)),
      ),
    );
    return failed;
  }

  /** Every activity of a conversation, oldest first; [] when none was recorded. */
  async read(channelId: string, conversationId: string): Promise<TranscriptActivity[]> {
    const file = this.fileOf(channelId, conversationId);
    await this.written(file);
    const raw = await fsp.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return parseTranscriptLines(raw);
  }

  /** Removes a conversation's transcript; returns whether there was one. */
  async delete(channelId: string, conversationId: string): Promise<boolean> {
    const file = this.fileOf(channelId, conversationId);
    return this.locks.run(file, async () => {
      try {
        await fsp.unlink(file);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    });
  }

  /** Every recorded conversation, for maintenance and export tools (not for the turn path). */
  async *conversations(): AsyncGenerator<TranscriptSummary> {
    let files: string[];
    try {
      files = await fsp.readdir(this.directory);
    } catch {
      return;
    }
    for (const name of files.sort()) {
      if (!name.endsWith('.jsonl')) continue;
      const file = path.join(this.directory, name);
      const first = await firstLine(file);
      if (!first) continue;
      let activity: TranscriptActivity;
      try {
        activity = JSON.parse(first) as TranscriptActivity;
      } catch {
        continue;
      }
      const stat = await fsp.stat(file).catch(() => undefined);
      if (!stat || !activity.channelId || !activity.conversation?.id) continue;
      yield {
        channelId: activity.channelId,
        conversationId: activity.conversation.id,
        updatedAt: stat.mtime.toISOString(),
      };
    }
  }

  /**
   * The last activity of a conversation that matches, reading backwards from the end of the file
   * so that the cost does not depend on the conversation's length.
   */
  async findLast(
    channelId: string,
    conversationId: string,
    matches: (activity: TranscriptActivity) => boolean,
  ): Promise<TranscriptActivity | undefined> {
    const file = this.fileOf(channelId, conversationId);
    await this.written(file);
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, 'r');
    } catch {
      return undefined;
    }
    try {
      const { size } = await handle.stat();
      return await findLastLine(
        size,
        TAIL_CHUNK,
        async (start, end) => {
          const chunk = Buffer.alloc(end - start);
          await handle.read(chunk, 0, chunk.length, start);
          return chunk;
        },
        matches,
      );
    } finally {
      await handle.close();
    }
  }

  /** Resolves when every append started so far is on disk (appends are not awaited by the bot). */
  async settled(): Promise<void> {
    await this.pending.settled();
  }

  /** Makes `settled()` wait for `work` too: for writers that prepare activities before appending. */
  track<T>(work: Promise<T>): Promise<T> {
    return this.pending.track(work);
  }
}

async function firstLine(file: string): Promise<string | undefined> {
  const handle = await fsp.open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    let text = '';
    let position = 0;
    const chunk = Buffer.alloc(16 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) return text || undefined;
      text += chunk.subarray(0, bytesRead).toString('utf8');
      const newline = text.indexOf('\n');
      if (newline >= 0) return text.slice(0, newline);
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
