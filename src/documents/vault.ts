import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Scanner } from './clamd';
import { openSealed, sealWrapped, type DocumentKeys, type DocumentsKey } from './envelope';
import { LocalKeyWrapper } from './key-wrap';
import { documentKinds, sniff, type DocumentKind } from './file-type';
import {
  checkFileCount,
  MAX_FILE_BYTES,
  MAX_FILES_PER_LEAD,
  readLimited,
  FileTooLargeError,
  TooManyFilesError,
} from './limits';
import type { LeadFiles } from '../ports/documents';

/**
 * Adding a document to a lead, in the order nothing unchecked is kept: the lead's count, the size
 * (while reading), the real type (from the bytes), the virus scan; only then is it sealed and
 * stored. Reading it back opens the seal. Errors carry a `code` the channel turns into the
 * prospect's wording: too-many, too-large, type, infected, scanner-down, store-down.
 */

export const documentInfoSchema = z.object({
  id: z.string(),
  kind: z.enum(documentKinds),
  size: z.number().int().nonnegative(),
  /** What the prospect said it is ("offer letter"), never the file's name. */
  label: z.string().max(100),
  addedAt: z.iso.datetime(),
});
export type DocumentInfo = z.infer<typeof documentInfoSchema>;

export class UnsupportedFileTypeError extends Error {
  readonly code = 'type';
  constructor() {
    super('Only PDF, JPEG, PNG and HEIC files are accepted: this file is none of them.');
    this.name = 'UnsupportedFileTypeError';
  }
}

export class InfectedFileError extends Error {
  readonly code = 'infected';
  constructor(readonly signature: string) {
    super(`The virus scanner found "${signature}" in the file: it was not kept.`);
    this.name = 'InfectedFileError';
  }
}

/** Sealing or storing failed (Key Vault or the store out of reach): nothing was kept. */
export class DocumentStoreUnavailableError extends Error {
  readonly code = 'store-down';
  constructor(cause: unknown) {
    super('The document could not be sealed and stored right now: it was not kept.', { cause });
    this.name = 'DocumentStoreUnavailableError';
  }
}

export interface VaultOptions {
  now?: () => Date;
  newId?: () => string;
  maxFileBytes?: number;
  maxFiles?: number;
}

export interface Upload {
  body: Readable | Uint8Array;
  label: string;
}

const contextOf = (leadId: string, id: string, part: 'meta' | 'content') => `${leadId}/${id}/${part}`;

/** DOCUMENTS_KEY alone: it wraps new files' keys and opens every file sealed with it. */
export const localKeys = (key: DocumentsKey): DocumentKeys => ({
  sealWith: new LocalKeyWrapper(key),
  legacy: key,
});

export class DocumentVault {
  private readonly keys: DocumentKeys;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;

  constructor(
    private readonly files: LeadFiles,
    keys: DocumentsKey | DocumentKeys,
    private readonly scanner: Scanner,
    options: VaultOptions = {},
  ) {
    this.keys = 'sealWith' in keys ? keys : localKeys(keys);
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
    this.maxFiles = options.maxFiles ?? MAX_FILES_PER_LEAD;
  }

  async add(leadId: string, upload: Upload): Promise<DocumentInfo> {
    checkFileCount((await this.files.list(leadId)).length, this.maxFiles);
    const bytes = await this.readUpload(upload.body);
    const kind: DocumentKind | undefined = sniff(bytes);
    if (!kind) throw new UnsupportedFileTypeError();
    const verdict = await this.scanner.scan(bytes); // ScannerUnavailableError: nothing is kept
    if (!verdict.clean) throw new InfectedFileError(verdict.signature);
    const info: DocumentInfo = {
      id: this.newId(),
      kind,
      size: bytes.length,
      label: upload.label.trim().slice(0, 100),
      addedAt: this.now().toISOString(),
    };
    let kept: boolean;
    try {
      kept = await this.files.add(
        leadId,
        {
          id: info.id,
          meta: await sealWrapped(
            Buffer.from(JSON.stringify(info)),
            this.keys,
            contextOf(leadId, info.id, 'meta'),
          ),
          content: await sealWrapped(bytes, this.keys, contextOf(leadId, info.id, 'content')),
        },
        this.maxFiles,
      );
    } catch (error) {
      // Key Vault or the store out of reach: the prospect is told to try again later
      throw new DocumentStoreUnavailableError(error);
    }
    // the count read first is only a quick refusal: the store's places hold the limit when
    // uploads run at once (in this process or another)
    if (!kept) throw new TooManyFilesError(this.maxFiles);
    return info;
  }

  async list(leadId: string): Promise<DocumentInfo[]> {
    const listed = await this.files.list(leadId);
    return Promise.all(listed.map(({ id, meta }) => this.info(leadId, id, meta)));
  }

  async read(leadId: string, id: string): Promise<{ info: DocumentInfo; bytes: Buffer } | undefined> {
    const file = await this.files.get(leadId, id);
    if (!file) return undefined;
    return {
      info: await this.info(leadId, id, file.meta),
      bytes: await openSealed(file.content, this.keys, contextOf(leadId, id, 'content')),
    };
  }

  delete(leadId: string, id: string): Promise<boolean> {
    return this.files.delete(leadId, id);
  }

  deleteAll(leadId: string): Promise<number> {
    return this.files.deleteAll(leadId);
  }

  private async info(leadId: string, id: string, meta: Buffer): Promise<DocumentInfo> {
    const opened = await openSealed(meta, this.keys, contextOf(leadId, id, 'meta'));
    return documentInfoSchema.parse(JSON.parse(opened.toString('utf8')));
  }

  private async readUpload(body: Readable | Uint8Array): Promise<Buffer> {
    if (!(body instanceof Uint8Array)) return readLimited(body, this.maxFileBytes);
    if (body.length > this.maxFileBytes) throw new FileTooLargeError(this.maxFileBytes);
    return Buffer.from(body);
  }
}
