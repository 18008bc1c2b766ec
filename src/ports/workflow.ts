import { z } from 'zod';

/**
 * The firm's own data about a lead, kept apart from the lead contract: its workflow status, the
 * notes and the audit trail of who changed what and when, and the conversation it came from.
 * The rules over it are in src/staff/workflow.ts.
 */

export const workflowStatuses = [
  'new',
  'contacted',
  'consultation-booked',
  'retained',
  'declined',
  'not-eligible',
] as const;
export type WorkflowStatus = (typeof workflowStatuses)[number];
export const workflowStatusSchema = z.enum(workflowStatuses);

export const NOTE_MAX_LENGTH = 2000;

export const historyEntrySchema = z.object({
  at: z.iso.datetime(),
  /** The staff member's email, "intake" for the submission, or the API token's name. */
  by: z.string().min(1),
  action: z.enum(['created', 'status', 'note', 'owner', 'follow-up']),
  from: workflowStatusSchema.optional(),
  to: workflowStatusSchema.optional(),
  /** For "owner": the staff member now responsible (absent: nobody). */
  owner: z.string().optional(),
  /** For "follow-up": the day (absent: cleared). */
  followUp: z.string().optional(),
  note: z.string().max(NOTE_MAX_LENGTH).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** The consultation: the booking page offered after submitting, and the time the scheduler reported. */
export const bookingRecordSchema = z.object({
  /** The prospect was shown the firm's booking page (BOOKING_URL) when they submitted. */
  linkSentAt: z.iso.datetime().optional(),
  /** The consultation's start, as the scheduler's webhook reported it. */
  startsAt: z.iso.datetime().optional(),
  /** When the webhook reported it. */
  bookedAt: z.iso.datetime().optional(),
});
export type BookingRecord = z.infer<typeof bookingRecordSchema>;

export const workflowRecordSchema = z.object({
  leadId: z.string().min(1),
  /** Where the conversation state and transcript are found (for deletion); absent for imported leads. */
  conversationKey: z.string().min(1).optional(),
  status: workflowStatusSchema,
  /** The staff member (email) responsible for the lead. */
  owner: z.string().optional(),
  /** The day (YYYY-MM-DD, the firm's time zone) someone should follow up. */
  followUp: z.iso.date().optional(),
  updatedAt: z.iso.datetime(),
  booking: bookingRecordSchema.optional(),
  history: z.array(historyEntrySchema),
});
export type WorkflowRecord = z.infer<typeof workflowRecordSchema>;
