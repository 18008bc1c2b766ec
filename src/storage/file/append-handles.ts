import fs from 'node:fs';

/**
 * Files kept open for appending, the most recently used ones: a turn's append is then one `write`
 * instead of `open`, `write` and `close` (each a system call that walks the path again).
 *
 * A handle is bound to the inode it was opened on. The caller names the inode it expects (the one
 * its `stat` of the path just saw, under the file's lock): a handle on another inode (the file was
 * replaced by a compaction, here or in another process) is closed and the path opened again, and
 * a path that names another inode by the time it is opened is refused, so an append never goes to
 * a file that is no longer the one at that path. Handles open with O_APPEND: every write lands at
 * the end of the file, whoever else appended meanwhile.
 */
export class AppendHandles {
  private readonly handles = new Map<string, { fd: number; ino: bigint }>();

  constructor(private readonly limit = 256) {}

  /**
   * Appends `text` to `file`, which must be the inode `ino`; false (and nothing written) when the
   * path names another inode now.
   */
  append(file: string, ino: bigint, text: string): boolean {
    let handle = this.handles.get(file);
    if (handle && handle.ino !== ino) {
      this.close(file);
      handle = undefined;
    }
    if (!handle) {
      const fd = fs.openSync(file, 'a');
      const opened = fs.fstatSync(fd, { bigint: true }).ino;
      if (opened !== ino) {
        fs.closeSync(fd);
        return false;
      }
      handle = { fd, ino };
    }
    // most recently used last: the first entry is the one to close when over the limit
    this.handles.delete(file);
    this.handles.set(file, handle);
    if (this.handles.size > this.limit) this.close(this.handles.keys().next().value!);
    writeAll(handle.fd, Buffer.from(text, 'utf8'));
    return true;
  }

  /** Closes the handle on `file`, if one is open (the file is being removed or replaced). */
  close(file: string): void {
    const handle = this.handles.get(file);
    if (!handle) return;
    this.handles.delete(file);
    fs.closeSync(handle.fd);
  }

  /** Closes every handle. */
  closeAll(): void {
    for (const file of [...this.handles.keys()]) this.close(file);
  }

  get size(): number {
    return this.handles.size;
  }
}

/** `write` until every byte is written (a regular file takes them all at once but for an error). */
function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}
