import { z } from 'zod';

/**
 * "Talk to a person" requests: one document per intake (keyed by intake id = lead id once
 * submitted), listing its requests. Made and read in src/staff/handoffs.ts.
 */

export const handoffRequestSchema = z.object({
  id: z.string().min(1),
  intakeId: z.string().min(1),
  requestedAt: z.iso.datetime(),
  locale: z.string().min(1),
  /** The step the prospect was on (a step id, review, submitted…). */
  position: z.string().min(1),
  role: z.enum(['worker', 'employer']).optional(),
  contact: z.object({
    name: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
  }),
  answeredCount: z.number().int().min(0),
  /** Set when the request came after the intake was submitted. */
  leadId: z.string().optional(),
});
export type HandoffRequest = z.infer<typeof handoffRequestSchema>;

export const handoffDocumentSchema = z.object({
  intakeId: z.string().min(1),
  conversationKey: z.string().min(1),
  requests: z.array(handoffRequestSchema),
  /** Set when a staff member marked the requests handled; a later request clears it. */
  handled: z.object({ at: z.iso.datetime(), by: z.string().min(1) }).optional(),
});
export type HandoffDocument = z.infer<typeof handoffDocumentSchema>;
