import { z } from 'zod';

/**
 * Who looked at a lead and when: every view of its page, every export holding it and every
 * download of one of its documents, by the staff member (email) or API token (name). One document per lead, kept with
 * it and deleted with it; the firm-wide deletion log keeps the fact of the deletion. Written by
 * src/staff/access-log.ts.
 */
export const accessEntrySchema = z.object({
  at: z.iso.datetime(),
  by: z.string().min(1),
  action: z.enum(['viewed', 'downloaded', 'exported']),
  /** For "downloaded": which document, and its real type. */
  documentId: z.string().optional(),
  kind: z.string().optional(),
});
export type AccessEntry = z.infer<typeof accessEntrySchema>;

export const leadAccessSchema = z.object({
  leadId: z.string().min(1),
  entries: z.array(accessEntrySchema),
});
export type LeadAccessRecord = z.infer<typeof leadAccessSchema>;
