import { randomBytes } from 'node:crypto';
import { clamdAddress, loadConfig } from '../../src/config';
import { assemble } from '../../src/server';
import { openMemoryStorage } from '../../src/storage/memory';
import { startClamd, EICAR, type TestClamd } from '../support/clamd';
import { tempConfig } from '../support/temp-data';
import { pdfBytes } from './samples';

const KEY = randomBytes(32).toString('base64');

describe('DOCUMENTS_KEY and the clamd address (configuration)', () => {
  it('leaves documents off without DOCUMENTS_KEY, in production too', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: '/tmp/x' });
    expect(config.DOCUMENTS_KEY).toBeUndefined();
  });

  it('refuses a key that is not 32 random bytes, naming the setting', () => {
    expect(() => loadConfig({ DOCUMENTS_KEY: 'not-a-key' })).toThrow(/DOCUMENTS_KEY must be 32 bytes/);
  });

  it('scans over the socket by default, or over TCP with CLAMD_HOST (CLAMD_PORT 3310 unless set)', () => {
    expect(clamdAddress(loadConfig({ DOCUMENTS_KEY: KEY }))).toEqual({ socket: '/var/run/clamav/clamd.ctl' });
    expect(clamdAddress(loadConfig({ DOCUMENTS_KEY: KEY, CLAMD_SOCKET: '/run/c.sock' }))).toEqual({
      socket: '/run/c.sock',
    });
    expect(clamdAddress(loadConfig({ DOCUMENTS_KEY: KEY, CLAMD_HOST: 'clamav' }))).toEqual({
      host: 'clamav',
      port: 3310,
    });
    expect(clamdAddress(loadConfig({ CLAMD_HOST: 'clamav', CLAMD_PORT: '3311' }))).toEqual({
      host: 'clamav',
      port: 3311,
    });
    expect(() => loadConfig({ CLAMD_HOST: 'clamav', CLAMD_SOCKET: '/run/c.sock' })).toThrow(
      /CLAMD_SOCKET or CLAMD_HOST, not both/,
    );
  });
});

describe('the document vault in the server', () => {
  let clamd: TestClamd;
  beforeAll(async () => {
    clamd = await startClamd();
  });
  afterAll(() => clamd.stop());

  it('is built from DOCUMENTS_KEY and the clamd address, and keeps a clean PDF', async () => {
    const config = tempConfig({
      DOCUMENTS_KEY: KEY,
      CLAMD_HOST: '127.0.0.1',
      CLAMD_PORT: String(clamd.port),
    });
    try {
      const parts = assemble(config, openMemoryStorage(), { sessionSecret: 'x'.repeat(32) });
      expect(parts.documents).toBeDefined();
      const info = await parts.documents!.add('lead-1', { body: pdfBytes, label: 'offer letter' });
      expect(info.kind).toBe('pdf');
      await expect(
        parts.documents!.add('lead-1', { body: Buffer.concat([pdfBytes, Buffer.from(EICAR)]), label: 'x' }),
      ).rejects.toMatchObject({ code: 'infected' });
      expect((await parts.documents!.read('lead-1', info.id))!.bytes.equals(pdfBytes)).toBe(true);
    } finally {
      config.cleanup();
    }
  });

  it('is absent without DOCUMENTS_KEY', () => {
    const config = tempConfig();
    try {
      expect(
        assemble(config, openMemoryStorage(), { sessionSecret: 'x'.repeat(32) }).documents,
      ).toBeUndefined();
    } finally {
      config.cleanup();
    }
  });
});
