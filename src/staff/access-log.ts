import type { Documents } from '../ports/store';
import type { AccessEntry, LeadAccessRecord } from '../ports/lead-access';
import { csvCell } from './export';

/**
 * The audit trail of a lead: who viewed its page and who downloaded which document, when. Each
 * entry is written before the page or the file is sent, so nothing is seen unrecorded.
 */
export class LeadAccessLog {
  constructor(private readonly records: Documents<LeadAccessRecord>) {}

  async record(leadId: string, entry: AccessEntry): Promise<void> {
    const add = (current: LeadAccessRecord): LeadAccessRecord => ({
      ...current,
      entries: [...current.entries, entry],
    });
    if (await this.records.update(leadId, add)) return;
    if (await this.records.create(leadId, { leadId, entries: [entry] })) return;
    await this.records.update(leadId, add); // created by another request in between
  }

  /** The lead's entries, oldest first. */
  async entriesOf(leadId: string): Promise<AccessEntry[]> {
    return (await this.records.get(leadId))?.entries ?? [];
  }

  delete(leadId: string): Promise<boolean> {
    return this.records.delete(leadId);
  }
}

export const accessCsvColumns = ['time (UTC)', 'who', 'action', 'document', 'type'] as const;

/** The audit trail as CSV, one line per entry, oldest first. */
export function accessCsv(entries: AccessEntry[]): string {
  const lines = [accessCsvColumns.join(',')];
  for (const e of entries)
    lines.push([e.at, e.by, e.action, e.documentId, e.kind].map((cell) => csvCell(cell)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
