import { Readable } from 'node:stream';
import {
  checkFileCount,
  FileTooLargeError,
  MAX_FILE_BYTES,
  MAX_FILES_PER_LEAD,
  readLimited,
  TooManyFilesError,
} from '../../src/documents/limits';

const MB = 1024 * 1024;

/** A stream of `total` bytes in 1 MB chunks that counts how many chunks were pulled from it. */
function counted(total: number) {
  let pulled = 0;
  const chunks = Math.ceil(total / MB);
  const stream = new Readable({
    read() {
      if (pulled === chunks) return this.push(null);
      const size = Math.min(MB, total - pulled * MB);
      pulled++;
      this.push(Buffer.alloc(size, 0x41));
    },
  });
  return { stream, pulled: () => pulled, chunks };
}

describe('the limits on documents', () => {
  it('are 10 MB a file and 5 files a lead', () => {
    expect(MAX_FILE_BYTES).toBe(10 * MB);
    expect(MAX_FILES_PER_LEAD).toBe(5);
  });

  it('reads a file of exactly 10 MB', async () => {
    const { stream } = counted(10 * MB);
    expect((await readLimited(stream)).length).toBe(10 * MB);
  });

  it('stops reading a 50 MB upload just past 10 MB, and destroys the stream', async () => {
    const source = counted(50 * MB);
    await expect(readLimited(source.stream)).rejects.toBeInstanceOf(FileTooLargeError);
    // 11 chunks make 11 MB: the 40 MB after them are never pulled (the stream may buffer a few ahead)
    expect(source.pulled()).toBeLessThan(16);
    expect(source.stream.destroyed).toBe(true);
  });

  it('refuses a file one byte over the limit', async () => {
    await expect(readLimited(Readable.from([Buffer.alloc(10 * MB + 1)]))).rejects.toThrow(
      /larger than 10 MB/,
    );
  });

  it('allows a fifth file and refuses a sixth', () => {
    expect(() => checkFileCount(4)).not.toThrow();
    expect(() => checkFileCount(5)).toThrow(TooManyFilesError);
  });
});
