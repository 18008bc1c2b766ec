import { z } from 'zod';

/** A website resume code, stored by the hash of the code (src/channel/resume-codes.ts). */
export const resumeCodeSchema = z
  .object({
    conversationId: z.string().min(1),
    userId: z.string().min(1),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    /** When the code was emailed to the prospect (once per conversation). */
    emailedAt: z.iso.datetime().optional(),
  })
  .strict();
export type ResumeCodeRecord = z.infer<typeof resumeCodeSchema>;
