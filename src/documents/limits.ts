import type { Readable } from 'node:stream';

/** At most 5 documents per lead, 10 MB each (issue 25). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_LEAD = 5;

export class FileTooLargeError extends Error {
  readonly code = 'too-large';
  constructor(readonly limit: number) {
    super(`The file is larger than ${Math.round(limit / (1024 * 1024))} MB.`);
    this.name = 'FileTooLargeError';
  }
}

export class TooManyFilesError extends Error {
  readonly code = 'too-many';
  constructor(readonly limit: number) {
    super(`This lead already has ${limit} documents, the most it may have.`);
    this.name = 'TooManyFilesError';
  }
}

/**
 * Reads a stream into memory, at most `limit` bytes: past it the source is destroyed (the sender
 * stops being read) and FileTooLargeError is thrown.
 */
export async function readLimited(source: Readable, limit: number = MAX_FILE_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > limit) throw new FileTooLargeError(limit);
      chunks.push(buffer);
    }
  } catch (error) {
    source.destroy();
    throw error;
  }
  return Buffer.concat(chunks, total);
}

/** Throws TooManyFilesError when a lead holding `existing` documents may not get another. */
export function checkFileCount(existing: number, limit: number = MAX_FILES_PER_LEAD): void {
  if (existing >= limit) throw new TooManyFilesError(limit);
}
