import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * The firm-wide audit log of deletions: one JSON line per lead deleted, with its ids
 * and the reason only — never the prospect's name, contact or answers, which are gone.
 * (Status changes and notes are in each lead's own history.)
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

export class AuditLog {
  constructor(readonly file: string) {}

  async record(entry: DeletionEntry): Promise<void> {
    const line = JSON.stringify(deletionEntrySchema.parse(entry));
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await fs.appendFile(this.file, `${line}\n`, { mode: 0o600 });
  }

  /** The latest entries, newest first. */
  async latest(limit = 200): Promise<DeletionEntry[]> {
    const text = await fs.readFile(this.file, 'utf8').catch(() => '');
    const entries: DeletionEntry[] = [];
    for (const line of text.split('\n').reverse()) {
      if (!line.trim()) continue;
      let parsed;
      try {
        parsed = deletionEntrySchema.safeParse(JSON.parse(line));
      } catch {
        continue; // a line cut short by a crash
      }
      if (parsed.success) entries.push(parsed.data);
      if (entries.length >= limit) break;
    }
    return entries;
  }
}
