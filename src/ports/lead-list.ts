import type { Flag, Lead, PriorityLevel, UrgencyLevel } from '../screening/lead-schema';
import type { SourceCategory } from '../screening/source';
import { isDue, leadComparator, sortKeys, type SortDirection, type SortKey } from './lead-order';
import type { WorkflowStatus } from './workflow';

/**
 * The lead list as a query: one small row per lead with what the list filters, sorts and shows,
 * and a query (filter, sort, page) a store can answer from an index without reading every lead.
 * The in-memory index (src/storage/memory/lead-index.ts) serves both the file and memory stores;
 * the Azure store keeps a shared one (src/storage/azure/lead-index.ts: index blobs changed with
 * conditional writes, copied in each instance's memory). A row is made from a lead by
 * `rowOf` (src/staff/lead-index.ts).
 */

/**
 * What the list shows of why a lead needs attention: its urgency, the admissibility flags
 * ("serious criminality", "previous refusal"), "asked for a person" and a follow-up that is due
 * (the phrases: src/staff/triage.ts).
 */
export interface AttentionFacts {
  urgency: Pick<Lead['screening']['urgency'], 'level' | 'reason' | 'deadline'>;
  flags: Pick<Flag, 'ground' | 'serious'>[];
  handoff: boolean;
  followUp?: string;
  status?: string;
}

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

/**
 * The version of what `rowOf` (src/staff/lead-index.ts) makes of a lead. Saved rows of another version are not reused: a
 * change to `rowOf` or `attentionOf` that changes a row must raise it (test/staff/lead-rows.test.ts
 * holds the row of a sample lead, and fails until the row and this number change together).
 */
export const LEAD_ROW_FORMAT = 1;

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
