import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { z } from 'zod';
import type { Documents } from '../ports/store';
import type { ApiToken, StaffDirectoryDocument } from '../ports/staff-directory';

/**
 * Staff accounts (email + bcrypt hash) and API tokens (only their SHA-256 is stored: a token is
 * 256 random bits, so a fast hash is enough). Written by the CLIs, read by the server: one
 * document (`accounts`) read afresh on every check, so a change made by a CLI holds at once.
 */

export const PASSWORD_MIN_LENGTH = 12;
/** bcrypt reads the first 72 bytes only: a longer password would be silently cut. */
export const PASSWORD_MAX_BYTES = 72;
const DEFAULT_ROUNDS = 12;

type Directory = StaffDirectoryDocument;
/** The id of the one document holding every account and token. */
export const DIRECTORY_ID = 'accounts';

export const tokenNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/, 'a token name is 1–63 letters, digits, spaces, dots, dashes');

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The reason a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `The password is too short: use at least ${PASSWORD_MIN_LENGTH} characters (a passphrase of a few words is best).`;
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    return `The password is too long: at most ${PASSWORD_MAX_BYTES} bytes.`;
  }
  if (new Set(password).size < 5)
    return 'The password repeats too few characters: choose a less guessable one.';
  return undefined;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class StaffDirectory {
  /** Compared against when the account does not exist, so a wrong email costs the same time. */
  private dummyHash: string | undefined;

  constructor(
    private readonly documents: Documents<StaffDirectoryDocument>,
    private readonly options: { bcryptRounds?: number } = {},
  ) {}

  /** Creates the account, or sets a new password on an existing one. */
  async setPassword(email: string, password: string): Promise<'created' | 'updated'> {
    const address = normalizeEmail(email);
    if (!z.email().safeParse(address).success) throw new Error(`Not an email address: ${email}`);
    const problem = passwordProblem(password);
    if (problem) throw new Error(problem);
    const passwordHash = await bcrypt.hash(password, this.options.bcryptRounds ?? DEFAULT_ROUNDS);
    let outcome: 'created' | 'updated' = 'created';
    await this.change((data) => {
      const now = new Date().toISOString();
      const existing = data.accounts.find((a) => a.email === address);
      if (existing) {
        outcome = 'updated';
        existing.passwordHash = passwordHash;
        existing.updatedAt = now;
      } else {
        data.accounts.push({ email: address, passwordHash, createdAt: now, updatedAt: now });
      }
    });
    return outcome;
  }

  async removeAccount(email: string): Promise<boolean> {
    const address = normalizeEmail(email);
    let removed = false;
    await this.change((data) => {
      const before = data.accounts.length;
      data.accounts = data.accounts.filter((a) => a.email !== address);
      removed = data.accounts.length < before;
    });
    return removed;
  }

  async accountCount(): Promise<number> {
    return (await this.read()).accounts.length;
  }

  /** When the account's password was last set; undefined when there is no such account. */
  async passwordSetAt(email: string): Promise<string | undefined> {
    const address = normalizeEmail(email);
    return (await this.read()).accounts.find((a) => a.email === address)?.updatedAt;
  }

  /** The account's normalized email when the password is right. */
  async verifyPassword(email: string, password: string): Promise<string | undefined> {
    const address = normalizeEmail(email);
    const account = (await this.read()).accounts.find((a) => a.email === address);
    if (!account) {
      this.dummyHash ??= await bcrypt.hash('not-a-password', this.options.bcryptRounds ?? DEFAULT_ROUNDS);
      await bcrypt.compare(password, this.dummyHash);
      return undefined;
    }
    return (await bcrypt.compare(password, account.passwordHash)) ? account.email : undefined;
  }

  /** Creates an API token; the token itself is returned once and never stored. */
  async createToken(name: string): Promise<string> {
    const tokenName = tokenNameSchema.parse(name.trim());
    const token = `imp_${randomBytes(32).toString('base64url')}`;
    await this.change((data) => {
      if (data.tokens.some((t) => t.name === tokenName)) {
        throw new Error(`A token named "${tokenName}" exists: revoke it first or choose another name.`);
      }
      data.tokens.push({ name: tokenName, hash: sha256(token), createdAt: new Date().toISOString() });
    });
    return token;
  }

  async revokeToken(name: string): Promise<boolean> {
    let removed = false;
    await this.change((data) => {
      const before = data.tokens.length;
      data.tokens = data.tokens.filter((t) => t.name !== name.trim());
      removed = data.tokens.length < before;
    });
    return removed;
  }

  async tokens(): Promise<ApiToken[]> {
    return (await this.read()).tokens;
  }

  async accounts(): Promise<string[]> {
    return (await this.read()).accounts.map((a) => a.email);
  }

  /** The token's record when the bearer token is valid. */
  async verifyToken(token: string): Promise<ApiToken | undefined> {
    if (!/^imp_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const hash = Buffer.from(sha256(token), 'hex');
    return (await this.read()).tokens.find((t) => timingSafeEqual(Buffer.from(t.hash, 'hex'), hash));
  }

  private async read(): Promise<Directory> {
    return (await this.documents.get(DIRECTORY_ID)) ?? { accounts: [], tokens: [] };
  }

  private async change(edit: (data: Directory) => void): Promise<void> {
    const apply = (current: Directory) => {
      const next = structuredClone(current);
      edit(next);
      return next;
    };
    if (await this.documents.update(DIRECTORY_ID, apply)) return;
    if (await this.documents.create(DIRECTORY_ID, apply({ accounts: [], tokens: [] }))) return;
    await this.documents.update(DIRECTORY_ID, apply); // created by another writer meanwhile
  }
}
