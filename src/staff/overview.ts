import type { LeadRow } from '../ports/lead-list';
import { workflowStatuses } from '../ports/workflow';
import { sourceCategories, sourceCategoryLabels } from '../screening/source';
import type { Datum } from './charts';
import type { OverviewData } from './pages';
import { statusLabels } from './workflow';

/** The overview's figures, from the lead list's rows (no lead is read). */

const DAY_MS = 86_400_000;

export function overviewOf(rows: LeadRow[], now: Date): OverviewData {
  const count = <K extends string>(
    keys: readonly K[],
    labels: Record<K, string>,
    pick: (row: LeadRow) => K,
  ) => {
    const totals = new Map<K, number>(keys.map((k) => [k, 0]));
    for (const row of rows) totals.set(pick(row), (totals.get(pick(row)) ?? 0) + 1);
    return keys.map((k) => ({ label: labels[k], value: totals.get(k) ?? 0 }));
  };
  return {
    total: rows.length,
    perWeek: perWeek(rows, now),
    byStatus: count(workflowStatuses, statusLabels, (row) => row.status),
    byRole: count(
      ['worker', 'employer'] as const,
      { worker: 'Worker', employer: 'Employer' },
      (row) => row.role,
    ),
    byUrgency: count(
      ['urgent', 'soon', 'normal'] as const,
      { urgent: 'Urgent', soon: 'Soon', normal: 'Normal' },
      (row) => row.urgency,
    ),
    byPriority: count(
      ['high', 'medium', 'low'] as const,
      { high: 'High', medium: 'Medium', low: 'Low' },
      (row) => row.priority,
    ),
    byStream: byBestStream(rows),
    bySource: count(sourceCategories, sourceCategoryLabels, (row) => row.source ?? 'other'),
  };
}

/** Leads per week over the last 12 weeks (weeks start Monday, UTC). */
function perWeek(rows: LeadRow[], now: Date): Datum[] {
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const weeks = Array.from({ length: 12 }, (_, i) => new Date(monday.getTime() - (11 - i) * 7 * DAY_MS));
  return weeks.map((start) => {
    const from = start.toISOString();
    const to = new Date(start.getTime() + 7 * DAY_MS).toISOString();
    return {
      label: start.toLocaleDateString('en-CA', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
      value: rows.filter((row) => row.createdAt >= from && row.createdAt < to).length,
    };
  });
}

/** Leads by their best-fit stream: the ten most frequent, the rest as "other streams". */
function byBestStream(rows: LeadRow[]): Datum[] {
  const streams = new Map<string, number>();
  for (const row of rows) {
    const best = row.streams[0] ?? 'none evident';
    streams.set(best, (streams.get(best) ?? 0) + 1);
  }
  const byStream = [...streams.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, value]) => ({ label, value }));
  const top = byStream.slice(0, 10);
  const rest = byStream.slice(10).reduce((sum, d) => sum + d.value, 0);
  return rest > 0 ? [...top, { label: 'other streams', value: rest }] : top;
}
