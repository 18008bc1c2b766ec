import type { Lead, PriorityLevel, UrgencyLevel } from '../screening/lead';
import type { SourceCategory } from '../screening/source';
import {
  attentionOf,
  isDue,
  leadComparator,
  sortKeys,
  type AttentionFacts,
  type SortDirection,
  type SortKey,
} from './triage';
import type { WorkflowStatus } from './workflow';

/**
 * The lead list as a query: one small row per lead with what the list filters, sorts and shows,
 * and a query (filter, sort, page) a store can answer from an index without reading every lead.
 * The in-memory index (src/storage/memory/lead-index.ts) serves both the file and memory stores;
 * the Azure store keeps a shared one (src/storage/azure/lead-index.ts: index blobs changed with
 * conditional writes, copied in each instance's memory).
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
  /** What the list says about why the lead needs attention (triage.ts). */
  attention: Omit<AttentionFacts, 'followUp' | 'status' | 'handoff'>;
  phone?: string;
  /** Where the prospect came from (the lead's source category; absent on rows indexed before it). */
  source?: SourceCategory;
  /** The staff member (lower-case email) who owns the lead, when one does. */
  owner?: string;
  /** The day (YYYY-MM-DD, the firm's time zone) the lead is next to be followed up, when set. */
  followUp?: string;
}

/** Which leads: every field given must match (all are optional). */
export interface LeadSelection {
  status?: WorkflowStatus;
  role?: 'worker' | 'employer';
  priority?: PriorityLevel;
  urgency?: UrgencyLevel;
  /** A candidate stream code (likely or possible fit), e.g. "C12"; any case. */
  stream?: string;
  /** Received on or after this day (YYYY-MM-DD, UTC; the dashboard passes createdFrom in its zone). */
  from?: string;
  /** Received on or before this day (YYYY-MM-DD, UTC; the dashboard passes createdBefore in its zone). */
  to?: string;
  /** Received at or after this instant (ISO 8601): a day's start in the firm's time zone. */
  createdFrom?: string;
  /** Received strictly before this instant (ISO 8601): the retention purge, a day's end. */
  createdBefore?: string;
  /** Part of the name, email or reference; any case. */
  q?: string;
  /** The owner's email (any case), or "none" for leads nobody owns. */
  owner?: string;
  /** Due by this day (YYYY-MM-DD): an open lead whose follow-up is on or before it (triage.isDue). */
  followUpBy?: string;
  /** Where the prospect came from (a source category). */
  source?: SourceCategory;
}

/**
 * The orders of the list (triage.ts defines each): `action`, the default, is "needs action first"
 * (open leads, a follow-up due, urgency and the nearer deadline, priority, waiting longest);
 * `received`, `urgency`, `priority`, `name` and `follow-up` are the sortable columns. Each has a
 * natural direction (`received`: newest first) that `dir` can reverse.
 */
export const leadSorts = sortKeys;
export type LeadSort = SortKey;
export type LeadSortDirection = SortDirection;

export interface LeadOrder {
  sort?: LeadSort;
  dir?: LeadSortDirection;
  /** The firm's day (YYYY-MM-DD): which follow-ups are due, for `action`. Default: today in UTC. */
  today?: string;
}

export interface LeadQuery extends LeadSelection, LeadOrder {
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
  /**
   * Every row matching the selection, in the given order (no paging; by default newest first):
   * exports and maintenance.
   */
  select(selection: LeadSelection, order?: LeadOrder): Promise<LeadRow[]>;
  /** The stream codes seen in any lead, for the stream filter's choices. */
  streamCodes(): Promise<string[]>;
  size(): Promise<number>;
  /**
   * A shared index (kept in the store, see src/storage/azure/lead-index.ts) says whether a start
   * already built it: then a start does not read every lead again. In-process indexes have none.
   */
  built?(): Promise<boolean>;
  /**
   * The rows a previous process saved (src/storage/file/lead-index.ts), for `rowsFrom` to reuse
   * instead of reading their leads again: a lead never changes once written.
   */
  saved?(): Promise<ReadonlyMap<string, LeadRow> | undefined>;
}

/**
 * The version of what `rowOf` makes of a lead. Saved rows of another version are not reused: a
 * change to `rowOf` or `attentionOf` that changes a row must raise it (test/staff/lead-rows.test.ts
 * holds the row of a sample lead, and fails until the row and this number change together).
 */
export const LEAD_ROW_FORMAT = 1;

export function rowOf(lead: Lead, status: WorkflowStatus): LeadRow {
  const { screening, contact } = lead;
  const attention = attentionOf(lead);
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
    attention: { urgency: attention.urgency, flags: attention.flags },
    ...(contact.phone ? { phone: contact.phone } : {}),
    source: lead.source.category,
  };
}

/** The one definition of "matches", for every index. */
export function matcher(selection: LeadSelection): (row: LeadRow) => boolean {
  const q = selection.q?.toLowerCase();
  const stream = selection.stream?.toUpperCase();
  const owner = selection.owner?.toLowerCase();
  const { followUpBy } = selection;
  return (row) =>
    (!selection.role || row.role === selection.role) &&
    (!selection.priority || row.priority === selection.priority) &&
    (!selection.urgency || row.urgency === selection.urgency) &&
    (!stream || row.streams.some((code) => code.toUpperCase() === stream)) &&
    (!selection.from || row.createdAt.slice(0, 10) >= selection.from) &&
    (!selection.to || row.createdAt.slice(0, 10) <= selection.to) &&
    (!selection.createdFrom || Date.parse(row.createdAt) >= Date.parse(selection.createdFrom)) &&
    (!selection.createdBefore || Date.parse(row.createdAt) < Date.parse(selection.createdBefore)) &&
    (!owner || (owner === 'none' ? row.owner === undefined : row.owner === owner)) &&
    (!followUpBy || isDue(row, followUpBy)) &&
    (!selection.source || row.source === selection.source) &&
    (!q || row.search.includes(q));
}

const utcToday = () => new Date().toISOString().slice(0, 10);

/** The one comparator of an order, for every index (triage.ts defines each order). */
export function leadOrder(order: LeadOrder = {}): (a: LeadRow, b: LeadRow) => number {
  return leadComparator({
    ...(order.sort ? { sort: order.sort } : {}),
    ...(order.dir ? { dir: order.dir } : {}),
    today: order.today ?? utcToday(),
  });
}

/** The same order always gives the same key: an index can keep each order sorted until a write. */
export function orderKey(order: LeadOrder = {}): string {
  return `${order.sort ?? 'action'}/${order.dir ?? ''}/${order.today ?? utcToday()}`;
}

/** The order `select` uses when given none: newest first. */
export const newestFirst: LeadOrder = { sort: 'received', dir: 'desc' };

export interface RowSources {
  leads: { ids(): Promise<string[]>; get(id: string): Promise<Lead | undefined> };
  workflow: {
    all(): Promise<{ leadId: string; status: WorkflowStatus; owner?: string; followUp?: string }[]>;
  };
  /** Intake ids with a handoff document: a lead with one asked for a person. */
  handoffIds?: () => Promise<string[]>;
  /**
   * Rows saved by a previous process (LeadIndex.saved): their leads are not read again. The rows
   * are taken as they are (their status, owner, follow-up and handoff set from the records), not
   * copied.
   */
  saved?: ReadonlyMap<string, LeadRow>;
}

/** Every lead's row, from the stores: what an index is loaded with (owner and follow-up included). */
export async function* rowsFrom(sources: RowSources): AsyncGenerator<LeadRow> {
  const records = new Map((await sources.workflow.all()).map((record) => [record.leadId, record]));
  const withHandoff = new Set(await (sources.handoffIds?.() ?? []));
  // one lead at a time: all of them at once would hold every lead's answers in memory together
  let read = 0;
  for (const id of await sources.leads.ids()) {
    const saved = sources.saved?.get(id);
    if (saved) {
      // the lead's part of the row as saved; the workflow's part as the records say now
      yield withWorkflowPart(saved, records.get(id), withHandoff.has(id));
      continue;
    }
    // a store may read synchronously: let the turns under way run between batches
    if (++read % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
    const lead = await sources.leads.get(id).catch(() => undefined);
    if (!lead) continue; // removed meanwhile, or not a lead: its own page names the problem
    yield withWorkflowPart(rowOf(lead, 'new'), records.get(lead.id), withHandoff.has(lead.id));
  }
}

/**
 * A row with its workflow part as the records say: the status, owner and follow-up of `record`
 * (none: a new lead), and a handoff when a handoff document says so. Set on `row` itself, which
 * the caller hands over (a copy of every row at start would double the start's memory), unless
 * it carries an owner or a follow-up to clear.
 */
export function withWorkflowPart(
  row: LeadRow,
  record: { status: WorkflowStatus; owner?: string; followUp?: string } | undefined,
  handoff: boolean,
): LeadRow {
  const target = row.owner === undefined && row.followUp === undefined ? row : withAssignment(row, {});
  target.status = record?.status ?? 'new';
  if (record?.owner) target.owner = record.owner;
  if (record?.followUp) target.followUp = record.followUp;
  if (handoff) target.handoff = true;
  return target;
}

/** A row's owner and follow-up, from the workflow record (absent ones left out). */
function assignmentOf(record: { owner?: string; followUp?: string }): Pick<LeadRow, 'owner' | 'followUp'> {
  return {
    ...(record.owner ? { owner: record.owner } : {}),
    ...(record.followUp ? { followUp: record.followUp } : {}),
  };
}

/** `row` with the owner and follow-up of `record` (replacing, or clearing, the row's). */
export function withAssignment(row: LeadRow, record: { owner?: string; followUp?: string }): LeadRow {
  const { owner: _owner, followUp: _followUp, ...rest } = row;
  return { ...rest, ...assignmentOf(record) };
}
