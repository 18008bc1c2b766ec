import { sign, verifySignature } from '../../src/booking/signature';

const secret = 'whsec-test-0123456789abcdef';
const body = Buffer.from('{"event":"invitee.created"}');
const now = new Date('2026-12-07T17:00:00Z');
const t = now.getTime() / 1000;

describe("the booking webhook's signature (Calendly's t=,v1= scheme)", () => {
  it('accepts a body signed with the secret within three minutes', () => {
    expect(verifySignature(secret, body, sign(secret, body, t - 179), now)).toEqual({ ok: true });
  });

  it('refuses a request without a signature', () => {
    expect(verifySignature(secret, body, undefined, now)).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses a signature made with another key', () => {
    expect(verifySignature(secret, body, sign('another-secret-0123', body, t), now)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('refuses a body changed after signing', () => {
    const header = sign(secret, body, t);
    const changed = Buffer.from('{"event":"invitee.created","x":1}');
    expect(verifySignature(secret, changed, header, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a replay: a signature older than three minutes, or from the future', () => {
    expect(verifySignature(secret, body, sign(secret, body, t - 181), now)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifySignature(secret, body, sign(secret, body, t + 600), now)).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  it('refuses a header it cannot read', () => {
    for (const header of ['', 'v1=abc', `t=${t}`, 'garbage', `t=${t},v1=zz`]) {
      expect(verifySignature(secret, body, header, now).ok).toBe(false);
    }
  });

  it('accepts any one of several v1 signatures (a key being rotated)', () => {
    const good = sign(secret, body, t).split(',')[1];
    const header = `t=${t},v1=${'0'.repeat(64)},${good}`;
    expect(verifySignature(secret, body, header, now)).toEqual({ ok: true });
  });
});
