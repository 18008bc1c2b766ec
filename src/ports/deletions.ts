import { z } from 'zod';
import type { AppendLog } from './store';

/**
 * The firm-wide audit log of deletions: one entry per lead deleted, with its ids and the reason
 * only — never the prospect's name, contact or answers, which are gone. (Status changes and notes
 * are in each lead's own history.) Written by src/staff/privacy.ts.
 */
export const deletionEntrySchema = z.object({
  at: z.iso.datetime(),
  /** The staff member who asked, or "retention" for the scheduled purge. */
  by: z.string().min(1),
  action: z.literal('lead-deleted'),
  reason: z.enum(['privacy-request', 'retention']),
  leadId: z.string().optional(),
  reference: z.string().optional(),
});
export type DeletionEntry = z.infer<typeof deletionEntrySchema>;

/** Where deletions are logged: a JSON Lines file by default (src/storage/file/append-log.ts). */
export type AuditLog = AppendLog<DeletionEntry>;
