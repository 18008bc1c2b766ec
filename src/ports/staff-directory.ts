import { z } from 'zod';

/**
 * Staff accounts (email + bcrypt hash) and API tokens (their SHA-256 only): one document. The
 * rules over it are in src/staff/accounts.ts.
 */

const accountSchema = z.object({
  email: z.email(),
  passwordHash: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
const tokenSchema = z.object({
  name: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
});
export const staffDirectorySchema = z.object({
  accounts: z.array(accountSchema),
  tokens: z.array(tokenSchema),
});
export type StaffDirectoryDocument = z.infer<typeof staffDirectorySchema>;
export type ApiToken = z.infer<typeof tokenSchema>;
