import { createHash, createHmac } from 'node:crypto';
import type { Documents } from '../ports/store';
import type { ResumeCodeRecord } from '../ports/resume-codes';

/**
 * Resume codes: a prospect who leaves can come back within `validDays` of their last visit and
 * continue the same conversation by typing the code on the page. The code is derived from the
 * conversation id with the channel secret (so the page can show it again after a reload), and
 * only its hash is stored: a document per code hash → conversation and expiry.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;

/** Upper case, no separators, and Crockford's readings of look-alike letters (O → 0, I/L → 1). */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** ABCD-EFGH-JKMN: easy to read aloud and to copy. */
export const formatCode = (code: string) => code.match(/.{1,4}/g)!.join('-');

export class ResumeCodes {
  private readonly key: Buffer;

  constructor(
    private readonly store: Documents<ResumeCodeRecord>,
    secret: string,
    private readonly validDays = 7,
    private readonly clock: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', secret).update('resume-code').digest();
  }

  /** The code of a conversation (always the same one), in its display form. */
  codeOf(conversationId: string): string {
    const bytes = createHmac('sha256', this.key).update(conversationId).digest();
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CROCKFORD[bytes[i]! % 32];
    return formatCode(code);
  }

  /** Creates or extends the code of a conversation: valid `validDays` from now. */
  async renew(conversationId: string, userId: string): Promise<{ code: string; expiresAt: string }> {
    const code = this.codeOf(conversationId);
    const id = this.idOf(code);
    const now = new Date(this.clock());
    const expiresAt = new Date(now.getTime() + this.validDays * 86_400_000).toISOString();
    const updated = await this.store.update(id, (current) => ({ ...current, expiresAt }));
    if (!updated) {
      const created = await this.store.create(id, {
        conversationId,
        userId,
        createdAt: now.toISOString(),
        expiresAt,
      });
      if (!created) await this.store.update(id, (current) => ({ ...current, expiresAt }));
    }
    return { code, expiresAt };
  }

  /** The conversation a typed code opens, unless the code is unknown or expired. */
  async find(typed: string): Promise<ResumeCodeRecord | undefined> {
    const code = normalizeCode(typed);
    if (code.length !== CODE_LENGTH || [...code].some((c) => !CROCKFORD.includes(c))) return undefined;
    const id = this.idOf(formatCode(code));
    const record = await this.store.get(id);
    if (!record) return undefined;
    if (Date.parse(record.expiresAt) <= this.clock()) {
      await this.store.delete(id);
      return undefined;
    }
    return record;
  }

  async markEmailed(conversationId: string): Promise<boolean> {
    const id = this.idOf(this.codeOf(conversationId));
    let first = false;
    await this.store.update(id, (current) => {
      first = current.emailedAt === undefined;
      return { ...current, emailedAt: current.emailedAt ?? new Date(this.clock()).toISOString() };
    });
    return first;
  }

  /** Every code still valid and not yet emailed, with the conversation it opens. */
  async *awaitingEmail(): AsyncGenerator<ResumeCodeRecord & { code: string }> {
    for (const id of await this.store.ids()) {
      const record = await this.store.get(id).catch(() => undefined);
      if (!record || record.emailedAt || Date.parse(record.expiresAt) <= this.clock()) continue;
      yield { ...record, code: this.codeOf(record.conversationId) };
    }
  }

  /** Deletes the code of a website conversation (a privacy deletion); true when there was one. */
  async forget(conversationKey: string): Promise<boolean> {
    const prefix = 'directline/conversations/';
    if (!conversationKey.startsWith(prefix)) return false;
    return this.store.delete(this.idOf(this.codeOf(conversationKey.slice(prefix.length))));
  }

  /** Deletes expired codes; returns how many. */
  async purgeExpired(): Promise<number> {
    let purged = 0;
    for (const id of await this.store.ids()) {
      const record = await this.store.get(id).catch(() => undefined);
      if (record && Date.parse(record.expiresAt) <= this.clock() && (await this.store.delete(id))) purged++;
    }
    return purged;
  }

  private idOf(displayCode: string): string {
    return createHash('sha256').update(normalizeCode(displayCode)).digest('hex');
  }
}
