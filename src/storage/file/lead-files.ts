import fs from 'node:fs/promises';
import path from 'node:path';
import { checkDocumentId } from '../../ports/store';
import { checkSealed, type LeadFiles, type SealedFile } from '../../ports/documents';

/**
 * Lead files under DATA_DIR/documents/<lead id>/: `<id>.meta` and `<id>.bin`, both sealed, readable
 * by the server's user only. Each part is written to a temporary file and renamed into place, the
 * content before the metadata: a file is listed only once both are complete.
 *
 * A lead's places (`add`'s limit) are files `<n>.place` holding the id of the document in them,
 * each created only if absent (O_EXCL): two uploads, in one process or two on the same folder,
 * never take the same place. Deleting a document frees its place.
 */
export class FileLeadFiles implements LeadFiles {
  constructor(private readonly root: string) {}

  private folder(leadId: string): string {
    checkDocumentId(leadId);
    return path.join(this.root, leadId);
  }

  async put(leadId: string, file: SealedFile): Promise<void> {
    checkDocumentId(file.id);
    checkSealed(leadId, file);
    const folder = this.folder(leadId);
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    await writeAtomically(path.join(folder, `${file.id}.bin`), file.content);
    await writeAtomically(path.join(folder, `${file.id}.meta`), file.meta);
  }

  async add(leadId: string, file: SealedFile, limit: number): Promise<boolean> {
    checkDocumentId(file.id);
    checkSealed(leadId, file);
    const folder = this.folder(leadId);
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const place = await claimPlace(folder, file.id, limit);
    if (!place) return false;
    try {
      await this.put(leadId, file);
    } catch (error) {
      await removeIfPresent(place);
      throw error;
    }
    return true;
  }

  async get(leadId: string, id: string): Promise<SealedFile | undefined> {
    checkDocumentId(id);
    const folder = this.folder(leadId);
    const meta = await readIfPresent(path.join(folder, `${id}.meta`));
    const content = meta && (await readIfPresent(path.join(folder, `${id}.bin`)));
    return meta && content ? { id, meta, content } : undefined;
  }

  async list(leadId: string): Promise<Omit<SealedFile, 'content'>[]> {
    const folder = this.folder(leadId);
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    const ids = names
      .filter((name) => name.endsWith('.meta') && !name.startsWith('.'))
      .map((name) => name.slice(0, -'.meta'.length))
      .sort();
    const listed: Omit<SealedFile, 'content'>[] = [];
    for (const id of ids) {
      const meta = await readIfPresent(path.join(folder, `${id}.meta`));
      if (meta) listed.push({ id, meta });
    }
    return listed;
  }

  async delete(leadId: string, id: string): Promise<boolean> {
    checkDocumentId(id);
    const folder = this.folder(leadId);
    const existed = await removeIfPresent(path.join(folder, `${id}.meta`));
    await removeIfPresent(path.join(folder, `${id}.bin`));
    await freePlace(folder, id);
    return existed;
  }

  async deleteAll(leadId: string): Promise<number> {
    const count = (await this.list(leadId)).length;
    await fs.rm(this.folder(leadId), { recursive: true, force: true });
    return count;
  }
}

const PLACE = '.place';

/** The first free place's file, now holding `id`; undefined when all `limit` are taken. */
async function claimPlace(folder: string, id: string, limit: number): Promise<string | undefined> {
  for (let n = 0; n < limit; n++) {
    const place = path.join(folder, `${n}${PLACE}`);
    try {
      await fs.writeFile(place, id, { flag: 'wx', mode: 0o600 });
      return place;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return undefined;
}

async function freePlace(folder: string, id: string): Promise<void> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith(PLACE))) {
    const place = path.join(folder, name);
    if ((await readIfPresent(place))?.toString('utf8') === id) await removeIfPresent(place);
  }
}

let sequence = 0;

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${++sequence}.tmp`);
  await fs.writeFile(temporary, bytes, { mode: 0o600 });
  await fs.rename(temporary, file);
}

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function removeIfPresent(file: string): Promise<boolean> {
  try {
    await fs.unlink(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
