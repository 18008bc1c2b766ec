import type { Lead } from '../screening/lead';
import { describeSource, sourceCategoryLabels } from '../screening/source';
import { statusLabels } from './workflow';
import { type WorkflowStatus } from '../ports/workflow';

/** Exports of the filtered leads, as CSV (for a spreadsheet) or JSON (the lead contract). */

export interface ExportItem {
  lead: Lead;
  status: WorkflowStatus;
}

/**
 * One CSV cell: quoted when needed, and a cell a spreadsheet would read as a formula (starting
 * with = + - @, or a tab or carriage return) is prefixed with an apostrophe so it stays text.
 */
export function csvCell(value: string | number | boolean | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvColumns = [
  'reference',
  'received',
  'status',
  'role',
  'name',
  'email',
  'phone',
  'preferred contact',
  'priority',
  'urgency',
  'deadline',
  'best-fit streams',
  'admissibility flags',
  'talk to a person',
  'source',
  'source details',
  'language',
  'lead id',
] as const;

function csvRow(item: ExportItem): string[] {
  const { lead, status } = item;
  const { screening, contact } = lead;
  return [
    lead.reference,
    lead.createdAt,
    statusLabels[status],
    lead.role,
    contact.name,
    contact.email,
    contact.phone ?? '',
    contact.preferredContact,
    screening.priority.level,
    screening.urgency.level,
    screening.urgency.deadline ?? '',
    screening.streams
      .filter((s) => s.fit !== 'unlikely')
      .map((s) => `${s.code} (${s.fit})`)
      .join('; '),
    screening.admissibility.flags.map((f) => `${f.ground}${f.serious ? ' (serious)' : ''}`).join('; '),
    lead.handoffRequested ? 'yes' : 'no',
    sourceCategoryLabels[lead.source.category],
    describeSource(lead.source),
    lead.locale,
    lead.id,
  ];
}

/** CSV with a byte-order mark so spreadsheet programs read the accents right. */
export function toCsv(items: ExportItem[]): string {
  const lines = [
    csvColumns.map(csvCell).join(','),
    ...items.map((item) => csvRow(item).map(csvCell).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function toJson(items: ExportItem[], exportedAt: Date): string {
  return JSON.stringify(
    {
      exportedAt: exportedAt.toISOString(),
      count: items.length,
      leads: items.map(({ lead, status }) => ({ lead, workflow: { status } })),
    },
    null,
    2,
  );
}
