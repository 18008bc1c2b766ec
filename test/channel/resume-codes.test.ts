import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeCode, ResumeCodes } from '../../src/channel/resume-codes';
import { TokenSigner } from '../../src/channel/tokens';
import { FileDocuments } from '../../src/storage/file/documents';
import { resumeCodeSchema } from '../../src/ports/resume-codes';
import { filesUnder } from '../support/temp-data';

describe('resume codes', () => {
  let dir: string;
  let now: number;
  let codes: ResumeCodes;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resume-codes-'));
    now = Date.parse('2026-11-25T12:00:00Z');
    codes = new ResumeCodes(new FileDocuments(dir, resumeCodeSchema), 'secret', 7, () => now);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens the conversation for 7 days after the last visit, then no more', async () => {
    const { code, expiresAt } = await codes.renew('conv-1', 'dl_user');
    expect(expiresAt).toBe('2026-12-02T12:00:00.000Z');
    now += 6 * 86_400_000;
    expect(await codes.find(code)).toMatchObject({ conversationId: 'conv-1', userId: 'dl_user' });
    await codes.renew('conv-1', 'dl_user');
    now += 6 * 86_400_000;
    expect(await codes.find(code)).toMatchObject({ conversationId: 'conv-1' });
    now += 2 * 86_400_000;
    expect(await codes.find(code)).toBeUndefined();
    expect(filesUnder(dir)).toEqual({});
  });

  it('stores only a hash of the code, never the code itself', async () => {
    const { code } = await codes.renew('conv-2', 'dl_user');
    const stored = JSON.stringify(filesUnder(dir));
    expect(stored).not.toContain(normalizeCode(code));
    expect(stored).not.toContain(code);
  });

  it('reads codes the way people type them, and refuses other codes and other secrets', async () => {
    const { code } = await codes.renew('conv-3', 'dl_user');
    expect(await codes.find(code.toLowerCase().replace(/-/g, ' '))).toBeDefined();
    expect(await codes.find('AAAA-BBBB-CCCC')).toBeUndefined();
    expect(await codes.find('not a code at all')).toBeUndefined();
    const otherServer = new ResumeCodes(
      new FileDocuments(dir, resumeCodeSchema),
      'another secret',
      7,
      () => now,
    );
    expect(otherServer.codeOf('conv-3')).not.toBe(code);
  });

  it('erases the code of a website conversation when its prospect asks to be deleted', async () => {
    const { code } = await codes.renew('conv-5', 'dl_user');
    expect(await codes.forget('test/conversations/conv-5')).toBe(false);
    expect(await codes.forget('directline/conversations/conv-5')).toBe(true);
    expect(await codes.find(code)).toBeUndefined();
    expect(filesUnder(dir)).toEqual({});
  });

  it('purges expired codes', async () => {
    await codes.renew('conv-4', 'dl_user');
    now += 8 * 86_400_000;
    expect(await codes.purgeExpired()).toBe(1);
  });
});

describe('Direct Line tokens', () => {
  it('open one conversation until they expire, and stream tokens are not conversation tokens', () => {
    let now = 0;
    const signer = new TokenSigner('secret', () => now);
    const token = signer.issue('conv', 'dl_u', 60);
    expect(signer.verify(token)).toMatchObject({ ok: true, claims: { conv: 'conv', user: 'dl_u' } });
    expect(signer.verify(token, 'stream')).toEqual({ ok: false, reason: 'scope' });
    expect(signer.verify(`${token}x`)).toEqual({ ok: false, reason: 'signature' });
    expect(signer.verify('garbage')).toEqual({ ok: false, reason: 'malformed' });
    now = 60_000;
    expect(signer.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });
});
