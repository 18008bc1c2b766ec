import type { Lead, PriorityLevel, UrgencyLevel } from '../screening/lead';
import { priorityLevels, urgencyLevels } from '../screening/lead';
import type { WorkflowStatus } from './workflow';

/**
 * The lead list as a query: one small row per lead with what the list filters, sorts and shows,
 * and a query (filter, sort, page) a store can answer from an index without reading every lead.
 * The in-memory index (src/storage/memory/lead-index.ts) serves both the file and memory stores;
 * a shared store can keep its own index (e.g. an index document updated with conditional writes).
 */

export interface LeadRow {
  id: string;
  reference: string;
  createdAt: string;
  status: WorkflowStatus;
  role: 'worker' | 'employer';
  priority: PriorityLevel;
  urgency: UrgencyLevel;
  deadline?: string;
  /** Codes of the streams with a likely or possible fit, best first. */
  streams: string[];
  name: string;
  email: string;
  handoff: boolean;
  flags: number;
  /** Lower-case name, email and reference, for the search box. */
  search: string;
  /** The staff member (email) who owns the lead, when one does. */
  owner?: string;
  /** The day (YYYY-MM-DD) the lead is next to be followed up, when set. */
  followUpOn?: string;
}

/** Which leads: every field given must match (all are optional). */
export interface LeadSelection {
  status?: WorkflowStatus;
  role?: 'worker' | 'employer';
  priority?: PriorityLevel;
  urgency?: UrgencyLevel;
  /** A candidate stream code (likely or possible fit), e.g. "C12"; any case. */
  stream?: string;
  /** Received on or after this day (UTC, YYYY-MM-DD). */
  from?: string;
  /** Received on or before this day (UTC, YYYY-MM-DD). */
  to?: string;
  /** Received strictly before this instant (ISO 8601): the retention purge. */
  createdBefore?: string;
  /** Part of the name, email or reference; any case. */
  q?: string;
  /** The owner's email, or "none" for leads nobody owns. */
  owner?: string;
  /** Follow-up on or before this day (YYYY-MM-DD): what is due. */
  followUpBy?: string;
}

/**
 * The orders of the list. `newest` is the default. `urgency`: urgent first, then the nearest
 * deadline; `priority`: high first; both then newest first. `follow-up`: the earliest follow-up
 * day first, leads without one last.
 */
export const leadSorts = ['newest', 'oldest', 'urgency', 'priority', 'follow-up'] as const;
export type LeadSort = (typeof leadSorts)[number];

export interface LeadQuery extends LeadSelection {
  sort?: LeadSort;
  /** 1-based; a page past the last gives the last. */
  page: number;
  pageSize: number;
}

export interface LeadPage {
  rows: LeadRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  /** Leads per status under the other filters (the status filter aside). */
  counts: Record<WorkflowStatus, number>;
}

/** Where the list is answered from. Writes go through it as they happen on the staff side. */
export interface LeadIndex {
  /** Replaces every row with these (at start, and after another process changed the stores). */
  load(rows: AsyncIterable<LeadRow> | Iterable<LeadRow>): Promise<void>;
  get(id: string): Promise<LeadRow | undefined>;
  upsert(row: LeadRow): Promise<void>;
  /** Changes an existing row (status, handoff, owner…); nothing when there is none. */
  update(id: string, change: (row: LeadRow) => LeadRow): Promise<void>;
  remove(id: string): Promise<void>;
  query(query: LeadQuery): Promise<LeadPage>;
  /** Every row matching the selection, in the given order (no paging): exports and maintenance. */
  select(selection: LeadSelection, sort?: LeadSort): Promise<LeadRow[]>;
  /** The stream codes seen in any lead, for the stream filter's choices. */
  streamCodes(): Promise<string[]>;
  size(): Promise<number>;
}

export function rowOf(lead: Lead, status: WorkflowStatus): LeadRow {
  const { screening, contact } = lead;
  return {
    id: lead.id,
    reference: lead.reference,
    createdAt: lead.createdAt,
    status,
    role: lead.role,
    priority: screening.priority.level,
    urgency: screening.urgency.level,
    ...(screening.urgency.deadline ? { deadline: screening.urgency.deadline } : {}),
    streams: screening.streams.filter((s) => s.fit !== 'unlikely').map((s) => s.code),
    name: contact.name,
    email: contact.email,
    handoff: lead.handoffRequested,
    flags: screening.admissibility.flags.length,
    search: `${contact.name}\n${contact.email}\n${lead.reference}`.toLowerCase(),
  };
}

/** The one definition of "matches", for every index. */
export function matcher(selection: LeadSelection): (row: LeadRow) => boolean {
  const q = selection.q?.toLowerCase();
  const stream = selection.stream?.toUpperCase();
  const { owner } = selection;
  return (row) =>
    (!selection.role || row.role === selection.role) &&
    (!selection.priority || row.priority === selection.priority) &&
    (!selection.urgency || row.urgency === selection.urgency) &&
    (!stream || row.streams.some((code) => code.toUpperCase() === stream)) &&
    (!selection.from || row.createdAt.slice(0, 10) >= selection.from) &&
    (!selection.to || row.createdAt.slice(0, 10) <= selection.to) &&
    (!selection.createdBefore || row.createdAt < selection.createdBefore) &&
    (!owner || (owner === 'none' ? row.owner === undefined : row.owner === owner)) &&
    (!selection.followUpBy || (row.followUpOn !== undefined && row.followUpOn <= selection.followUpBy)) &&
    (!q || row.search.includes(q));
}

const newestFirst = (a: LeadRow, b: LeadRow) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
const rank = <T extends string>(levels: readonly T[], level: T) => levels.indexOf(level);

/** The one definition of each order, for every index: ties always fall back to newest first. */
export const leadOrders: Record<LeadSort, (a: LeadRow, b: LeadRow) => number> = {
  newest: newestFirst,
  oldest: (a, b) => -newestFirst(a, b),
  urgency: (a, b) =>
    rank(urgencyLevels, b.urgency) - rank(urgencyLevels, a.urgency) ||
    (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
    newestFirst(a, b),
  priority: (a, b) =>
    rank(priorityLevels, b.priority) - rank(priorityLevels, a.priority) || newestFirst(a, b),
  'follow-up': (a, b) => (a.followUpOn ?? '9999').localeCompare(b.followUpOn ?? '9999') || newestFirst(a, b),
};

export interface RowSources {
  leads: { all(): Promise<Lead[]> };
  workflow: { all(): Promise<{ leadId: string; status: WorkflowStatus }[]> };
  /** Intake ids with a handoff document: a lead with one asked for a person. */
  handoffIds?: () => Promise<string[]>;
}

/** Every lead's row, from the stores: what an index is loaded with. */
export async function* rowsFrom(sources: RowSources): AsyncGenerator<LeadRow> {
  const statuses = new Map<string, WorkflowStatus>();
  for (const record of await sources.workflow.all()) statuses.set(record.leadId, record.status);
  const withHandoff = new Set(await (sources.handoffIds?.() ?? []));
  for (const lead of await sources.leads.all()) {
    const row = rowOf(lead, statuses.get(lead.id) ?? 'new');
    if (withHandoff.has(lead.id)) row.handoff = true;
    yield row;
  }
}
