import { z } from 'zod';

/** Open staff sessions, by the hash of each session id: one document (src/staff/sessions.ts). */

const sessionSchema = z.object({
  email: z.string().min(1),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type Session = z.infer<typeof sessionSchema>;
export const sessionsDocumentSchema = z.object({ sessions: z.record(z.string(), sessionSchema) });
export type SessionsDocument = z.infer<typeof sessionsDocumentSchema>;
