import type { PriorityLevel, UrgencyLevel } from '../screening/lead-schema';

/**
 * The orders of the lead list, one definition for the list, the exports, the staff API and every
 * lead index (src/storage/memory/lead-index.ts and the stores built on it): pure functions over plain lead records.
 */

/** What the triage reads from a lead (the list keeps it in its rows). */
export interface TriageRecord {
  id: string;
  reference: string;
  createdAt: string;
  status: string;
  priority: PriorityLevel;
  urgency: UrgencyLevel;
  deadline?: string;
  email: string;
  phone?: string;
  name: string;
  /** A YYYY-MM-DD day, in the firm's time zone. */
  followUp?: string;
}

/** Statuses where the firm still has something to do. */
const OPEN_STATUSES = new Set(['new', 'contacted', 'consultation-booked']);
const URGENCY_RANK: Record<UrgencyLevel, number> = { urgent: 0, soon: 1, normal: 2 };
const PRIORITY_RANK: Record<PriorityLevel, number> = { high: 0, medium: 1, low: 2 };

export const sortKeys = ['action', 'received', 'urgency', 'priority', 'name', 'follow-up'] as const;
export type SortKey = (typeof sortKeys)[number];
export type SortDirection = 'asc' | 'desc';

/** The direction a column sorts in on the first click: the one that puts what matters on top. */
export const naturalDirection: Record<SortKey, SortDirection> = {
  action: 'asc',
  received: 'desc',
  urgency: 'asc',
  priority: 'asc',
  name: 'asc',
  'follow-up': 'asc',
};

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const FAR = '9999-12-31';

/**
 * "Needs action first": open leads before closed ones, a follow-up due (today or before) first,
 * then urgency (and the nearer deadline), then priority, then the oldest (waiting longest).
 */
function byAction(today: string) {
  return (a: TriageRecord, b: TriageRecord) =>
    compare(OPEN_STATUSES.has(a.status) ? 0 : 1, OPEN_STATUSES.has(b.status) ? 0 : 1) ||
    compare(isDue(a, today) ? 0 : 1, isDue(b, today) ? 0 : 1) ||
    compare(URGENCY_RANK[a.urgency], URGENCY_RANK[b.urgency]) ||
    compare(a.deadline ?? FAR, b.deadline ?? FAR) ||
    compare(PRIORITY_RANK[a.priority], PRIORITY_RANK[b.priority]) ||
    compare(a.createdAt, b.createdAt) ||
    compare(a.id, b.id);
}

const comparators: Record<SortKey, (today: string) => (a: TriageRecord, b: TriageRecord) => number> = {
  action: byAction,
  received: () => (a, b) => compare(a.createdAt, b.createdAt) || compare(a.id, b.id),
  urgency: (today) => (a, b) =>
    compare(URGENCY_RANK[a.urgency], URGENCY_RANK[b.urgency]) ||
    compare(a.deadline ?? FAR, b.deadline ?? FAR) ||
    byAction(today)(a, b),
  priority: (today) => (a, b) =>
    compare(PRIORITY_RANK[a.priority], PRIORITY_RANK[b.priority]) || byAction(today)(a, b),
  name: () => (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || compare(a.id, b.id),
  'follow-up': (today) => (a, b) => compare(a.followUp ?? FAR, b.followUp ?? FAR) || byAction(today)(a, b),
};

/**
 * The one definition of each order (a column and its direction), for the list and for every lead
 * index: `today` (YYYY-MM-DD, the firm's) decides which follow-ups are due.
 */
export function leadComparator(options: {
  sort?: SortKey;
  dir?: SortDirection;
  today: string;
}): (a: TriageRecord, b: TriageRecord) => number {
  const key = options.sort ?? 'action';
  const ascending = comparators[key](options.today);
  const natural =
    naturalDirection[key] === 'asc' ? ascending : (a: TriageRecord, b: TriageRecord) => ascending(b, a);
  const flip = (options.dir ?? naturalDirection[key]) !== naturalDirection[key];
  return flip ? (a, b) => natural(b, a) : natural;
}

/** A sorted copy of `records`, in the order `leadComparator` defines. */
export function sortLeads<T extends TriageRecord>(
  records: readonly T[],
  options: { sort?: SortKey; dir?: SortDirection; today: string },
): T[] {
  return [...records].sort(leadComparator(options));
}

export function isDue(record: Pick<TriageRecord, 'followUp' | 'status'>, today: string): boolean {
  return record.followUp !== undefined && record.followUp <= today && OPEN_STATUSES.has(record.status);
}
