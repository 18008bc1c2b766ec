import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ClamdClient, ScannerUnavailableError } from '../../src/documents/clamd';
import { documentsKeyFrom } from '../../src/documents/envelope';
import { FileTooLargeError, TooManyFilesError } from '../../src/documents/limits';
import {
  DocumentStoreUnavailableError,
  DocumentVault,
  InfectedFileError,
  UnsupportedFileTypeError,
} from '../../src/documents/vault';
import { AttachDocuments } from '../../src/service/attach-documents';
import { IntakeEngine } from '../../src/intake/conversation';
import { loadFlows } from '../../src/intake/flows';
import { FileLeadFiles } from '../../src/storage/file/lead-files';
import { EICAR, EICAR_SIGNATURE, startClamd, type TestClamd } from '../support/clamd';
import { heicBytes, jpegBytes, pdfBytes, pngBytes, windowsExe } from './samples';

/** Every file under a folder, as bytes. */
function bytesUnder(dir: string): Buffer[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name)));
}

describe('adding documents to a lead: checked, scanned, then kept encrypted', () => {
  let clamd: TestClamd;
  let dataDir: string;
  let vault: DocumentVault;
  const key = documentsKeyFrom(randomBytes(32).toString('base64'), true)!;
  let ids = 0;

  beforeAll(async () => {
    clamd = await startClamd();
  }, 90_000);
  afterAll(async () => {
    await clamd?.stop();
  });
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-vault-'));
    vault = new DocumentVault(new FileLeadFiles(path.join(dataDir, 'documents')), key, clamd.client(), {
      now: () => new Date('2026-12-07T17:00:00Z'),
      newId: () => `doc-${++ids}`,
    });
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a clean PDF, returns the same bytes, and no stored file holds its plaintext', async () => {
    const info = await vault.add('lead-1', { body: Readable.from([pdfBytes]), label: 'offer letter' });
    expect(info).toEqual(
      expect.objectContaining({ kind: 'pdf', size: pdfBytes.length, label: 'offer letter' }),
    );
    expect((await vault.read('lead-1', info.id))!.bytes.equals(pdfBytes)).toBe(true);
    expect(await vault.list('lead-1')).toEqual([info]);
    const stored = bytesUnder(dataDir);
    // its content and metadata, sealed, and the place it holds (only its id)
    expect(stored.length).toBe(3);
    expect(stored.map(String)).toContain(info.id);
    for (const file of stored) {
      expect(file.includes(Buffer.from('%PDF'))).toBe(false);
      expect(file.includes(Buffer.from('Ana Perez'))).toBe(false);
      expect(file.includes(Buffer.from('offer letter'))).toBe(false);
    }
  });

  it('keeps JPEG, PNG and HEIC by their bytes', async () => {
    const kinds = [];
    for (const bytes of [jpegBytes, pngBytes, heicBytes])
      kinds.push((await vault.add('lead-1', { body: bytes, label: 'photo' })).kind);
    expect(kinds).toEqual(['jpeg', 'png', 'heic']);
  });

  it('refuses a PDF carrying the EICAR test virus, naming what was found, and keeps nothing', async () => {
    const infected = Buffer.concat([pdfBytes, Buffer.from(EICAR), Buffer.from('\n%%EOF\n')]);
    const refused = vault.add('lead-1', { body: infected, label: 'passport' });
    await expect(refused).rejects.toBeInstanceOf(InfectedFileError);
    await expect(vault.add('lead-1', { body: infected, label: 'passport' })).rejects.toThrow(EICAR_SIGNATURE);
    expect(bytesUnder(dataDir)).toEqual([]);
  });

  it('refuses the bare EICAR file (a DOS program, not a document) and keeps nothing', async () => {
    await expect(vault.add('lead-1', { body: Buffer.from(EICAR), label: 'x' })).rejects.toBeInstanceOf(
      UnsupportedFileTypeError,
    );
    expect(bytesUnder(dataDir)).toEqual([]);
  });

  it('refuses an executable whose name says PDF, before scanning it', async () => {
    const scanned: number[] = [];
    const spy = new DocumentVault(new FileLeadFiles(path.join(dataDir, 'documents')), key, {
      scan: async (bytes) => (scanned.push(bytes.length), { clean: true }),
    });
    await expect(spy.add('lead-1', { body: windowsExe, label: 'offer.pdf' })).rejects.toBeInstanceOf(
      UnsupportedFileTypeError,
    );
    expect(scanned).toEqual([]);
    expect(bytesUnder(dataDir)).toEqual([]);
  });

  it('refuses a file over 10 MB while reading it', async () => {
    const big = Readable.from([pdfBytes, Buffer.alloc(10 * 1024 * 1024)]);
    await expect(vault.add('lead-1', { body: big, label: 'scan' })).rejects.toBeInstanceOf(FileTooLargeError);
    expect(bytesUnder(dataDir)).toEqual([]);
  });

  it('takes five documents for a lead and refuses a sixth', async () => {
    for (let i = 0; i < 5; i++) await vault.add('lead-1', { body: pdfBytes, label: `page ${i}` });
    await expect(vault.add('lead-1', { body: pdfBytes, label: 'one more' })).rejects.toBeInstanceOf(
      TooManyFilesError,
    );
    expect(await vault.list('lead-1')).toHaveLength(5);
    await vault.add('lead-2', { body: pdfBytes, label: 'another lead' });
  });

  it('keeps five of eight documents sent at once, refusing the others as too many', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => vault.add('lead-1', { body: pdfBytes, label: `page ${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(refused.map((error) => error instanceof TooManyFilesError)).toEqual([true, true, true]);
    expect(await vault.list('lead-1')).toHaveLength(5);
  });

  it('refuses "try again later" when the scanner is down, and keeps nothing unscanned', async () => {
    const down = new DocumentVault(
      new FileLeadFiles(path.join(dataDir, 'documents')),
      key,
      new ClamdClient({ socket: path.join(dataDir, 'no-clamd.sock') }, 2_000),
    );
    const refused = down.add('lead-1', { body: pdfBytes, label: 'offer letter' });
    await expect(refused).rejects.toBeInstanceOf(ScannerUnavailableError);
    await expect(down.add('lead-1', { body: pdfBytes, label: 'x' })).rejects.toThrow(/try again later/);
    expect(bytesUnder(dataDir)).toEqual([]);
  });

  it('refuses "try again later" when Key Vault cannot wrap the file key, and keeps nothing', async () => {
    const vaultDown = {
      wrap: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
      owns: () => true,
      unwrap: () => Promise.reject(new Error('unreachable')),
    };
    const down = new DocumentVault(
      new FileLeadFiles(path.join(dataDir, 'documents')),
      { sealWith: vaultDown },
      clamd.client(),
    );
    await expect(down.add('lead-1', { body: pdfBytes, label: 'offer letter' })).rejects.toBeInstanceOf(
      DocumentStoreUnavailableError,
    );
    expect(bytesUnder(dataDir)).toEqual([]);
    // the prospect is told, in their language, to try again later: not the failed-turn apology
    const attach = new AttachDocuments(
      { load: async () => ({ leadId: 'lead-1' }) as never },
      down,
      new IntakeEngine(loadFlows()),
    );
    const outcome = await attach.attach('conversation-1', [{ body: pdfBytes }], 'offer letter');
    expect(outcome).toEqual({ received: [], refused: 'store-down' });
    expect(attach.reply('en-CA', outcome).join(' ')).toMatch(/could not be stored safely right now/);
    expect(attach.reply('fr-CA', outcome).join(' ')).toMatch(/Réessayez plus tard/);
    expect(bytesUnder(dataDir)).toEqual([]);
  });

  it('deletes every document of a lead (privacy deletion, retention)', async () => {
    await vault.add('lead-1', { body: pdfBytes, label: 'a' });
    await vault.add('lead-1', { body: pngBytes, label: 'b' });
    expect(await vault.deleteAll('lead-1')).toBe(2);
    expect(await vault.list('lead-1')).toEqual([]);
    expect(bytesUnder(dataDir)).toEqual([]);
  });
});
