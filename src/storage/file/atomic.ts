import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Whole-file writes that a crash cannot leave half done: the content goes to a temporary file in
 * the same folder, which is then renamed over the target (a rename is atomic on POSIX).
 *
 * Without `durable`, the writes are plain synchronous system calls (open, write, fstat, close,
 * rename: no thread-pool round trips, no promise per call): a few microseconds each on the page
 * cache, and the content is in the kernel before the call returns, so it survives a killed
 * process. With `durable` (STORAGE_FSYNC=1), the file's data is flushed to the disk before the
 * rename, and the folder after it, so the write also survives a power loss; those flushes wait on
 * the disk and run in the thread pool, never blocking the event loop.
 */

/** What identifies one version of a file: a rewrite (always a new inode) changes it. */
export interface FileStamp {
  ino: bigint;
  mtimeNs: bigint;
  size: bigint;
}

const open = promisify(fs.open);
const write = promisify(fs.write) as (fd: number, data: string) => Promise<unknown>;
const fdatasync = promisify(fs.fdatasync);
const fsync = promisify(fs.fsync);
const fstat = promisify(fs.fstat) as (fd: number, options: { bigint: true }) => Promise<fs.BigIntStats>;
const close = promisify(fs.close);
const rename = promisify(fs.rename);

let sequence = 0;

/** A temporary name no other writer (in this process or another) uses at the same time. */
function temporaryOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++sequence}.tmp`);
}

export const stampOf = (stats: fs.BigIntStats): FileStamp => ({
  ino: stats.ino,
  mtimeNs: stats.mtimeNs,
  size: stats.size,
});

export const sameStamp = (a: FileStamp, b: FileStamp) =>
  a.ino === b.ino && a.mtimeNs === b.mtimeNs && a.size === b.size;

/** The stamp of a file as it is now; undefined when there is none. */
export function currentStamp(file: string): FileStamp | undefined {
  const stats = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  return stats ? stampOf(stats) : undefined;
}

/** Folders known to exist: `mkdir` once per folder, not once per write. */
const folders = new Set<string>();

function ensureFolderSync(folder: string): void {
  if (folders.has(folder)) return;
  fs.mkdirSync(folder, { recursive: true });
  folders.add(folder);
}

/**
 * Opens a new file for writing, made in place (O_EXCL: an existing one is refused with EEXIST),
 * its folder made first (again, if a purge removed it since).
 */
export function openNewFile(file: string, mode = 0o666): number {
  const folder = path.dirname(file);
  ensureFolderSync(folder);
  try {
    return fs.openSync(file, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    folders.delete(folder);
    ensureFolderSync(folder);
    return fs.openSync(file, 'wx', mode);
  }
}

/** Forgets a folder (it was removed): the next write creates it again. */
export function forgetFolder(folder: string): void {
  for (const known of folders)
    if (known === folder || known.startsWith(`${folder}${path.sep}`)) folders.delete(known);
}

export interface WriteOptions {
  /** Flush to the disk (fdatasync the file, fsync its folder) before resolving. */
  durable?: boolean;
  /** File permissions of a new file. */
  mode?: number;
  /** Off the turn path: run the calls in the thread pool even when not `durable`. */
  background?: boolean;
}

/**
 * What a file is replaced with: its text, or a function giving it in parts (each written as it
 * comes, so that a large file is never one string; called again if the write is tried again).
 */
export type FileContent = string | (() => Iterable<string>);

/** Replaces `file` with `content` atomically; resolves with the new file's stamp. */
export async function writeFileAtomic(file: string, content: FileContent, options: WriteOptions = {}) {
  const folder = path.dirname(file);
  try {
    return await attempt(file, folder, content, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // the folder was removed since it was made (a purge): make it again, once
    folders.delete(folder);
    return attempt(file, folder, content, options);
  }
}

const partsOf = (content: FileContent): Iterable<string> =>
  typeof content === 'string' ? [content] : content();

async function attempt(file: string, folder: string, content: FileContent, options: WriteOptions) {
  ensureFolderSync(folder);
  const temporary = temporaryOf(file);
  const mode = options.mode ?? 0o666;
  if (!options.durable && !options.background) {
    const fd = fs.openSync(temporary, 'w', mode);
    let stats: fs.BigIntStats;
    try {
      for (const part of partsOf(content)) fs.writeSync(fd, part);
      stats = fs.fstatSync(fd, { bigint: true });
    } finally {
      fs.closeSync(fd);
    }
    renameOrClean(temporary, file);
    return stampOf(stats);
  }
  const fd = await open(temporary, 'w', mode);
  let stats: fs.BigIntStats;
  try {
    for (const part of partsOf(content)) await write(fd, part);
    if (options.durable) await fdatasync(fd);
    stats = await fstat(fd, { bigint: true });
  } finally {
    await close(fd);
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  if (options.durable) await syncFolder(folder);
  return stampOf(stats);
}

function renameOrClean(temporary: string, file: string): void {
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Makes a rename (or a new file) in `folder` durable. */
export async function syncFolder(folder: string): Promise<void> {
  const fd = await open(folder, 'r');
  try {
    await fsync(fd);
  } finally {
    await close(fd);
  }
}

/**
 * Appends `content` at the end of `file` (which exists); with `durable`, flushed to the disk
 * before resolving. An append never rewrites what is there: no rename, no truncation.
 */
export async function appendDurably(file: string, content: string, durable: boolean): Promise<void> {
  if (!durable) {
    fs.appendFileSync(file, content);
    return;
  }
  const fd = await open(file, 'a');
  try {
    await write(fd, content);
    await fdatasync(fd);
  } finally {
    await close(fd);
  }
}
