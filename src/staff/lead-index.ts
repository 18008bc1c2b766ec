import fs from 'node:fs/promises';
import path from 'node:path';
import type { Lead, PriorityLevel, UrgencyLevel } from '../screening/lead';
import type { LeadFilter } from './filters';
import { attentionOf, isDue, sortLeads, type AttentionFacts } from './triage';
import { workflowStatuses, type WorkflowStatus } from './workflow';

const assignmentOf = (record: {
  owner?: string;
  followUp?: string;
}): Pick<LeadRow, 'owner' | 'followUp'> => ({
  ...(record.owner ? { owner: record.owner } : {}),
  ...(record.followUp ? { followUp: record.followUp } : {}),
});

/**
 * One small row per lead with what the list filters, sorts and shows, held in memory: a list
 * request never reads lead files. Built from the lead and workflow folders at start, then kept
 * current by every write that goes through the staff side.
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
  /** How the prospect heard about the firm (a choice value of heardAbout). */
  source?: string;
  owner?: string;
  followUp?: string;
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
    attention: { urgency: attentionOf(lead).urgency, flags: attentionOf(lead).flags },
    ...(contact.phone ? { phone: contact.phone } : {}),
    ...(lead.answers.heardAbout ? { source: lead.answers.heardAbout } : {}),
  };
}

const newestFirst = (a: LeadRow, b: LeadRow) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1;

async function readJsonFiles<T>(directory: string, each: (id: string, data: T) => void): Promise<void> {
  const files = (await fs.readdir(directory).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
  const batch = 64;
  for (let i = 0; i < files.length; i += batch) {
    await Promise.all(
      files.slice(i, i + batch).map(async (file) => {
        try {
          each(
            file.slice(0, -'.json'.length),
            JSON.parse(await fs.readFile(path.join(directory, file), 'utf8')),
          );
        } catch {
          // a document that cannot be read is left out of the list; its detail page names the problem
        }
      }),
    );
  }
}

export interface IndexSources {
  leadsDir: string;
  workflowDir: string;
  /** Handoff documents are named by intake id: a lead with one asked for a person. */
  handoffsDir?: string;
}

export class LeadIndex {
  private rows = new Map<string, LeadRow>();
  private sorted: LeadRow[] | undefined;
  /** Rows written or removed while a load is reading the folders: they win over what it read. */
  private changedDuringLoad: Set<string> | undefined;

  /** Reads every lead and its status (again), in place. */
  async load(sources: IndexSources): Promise<void> {
    this.changedDuringLoad = new Set();
    try {
      const statuses = new Map<string, WorkflowStatus>();
      const assignments = new Map<string, Pick<LeadRow, 'owner' | 'followUp'>>();
      await readJsonFiles<{ status?: WorkflowStatus; owner?: string; followUp?: string }>(
        sources.workflowDir,
        (id, record) => {
          if (record.status && workflowStatuses.includes(record.status)) statuses.set(id, record.status);
          assignments.set(id, assignmentOf(record));
        },
      );
      const withHandoff = new Set<string>();
      if (sources.handoffsDir) {
        const files = await fs.readdir(sources.handoffsDir).catch(() => [] as string[]);
        for (const file of files) if (file.endsWith('.json')) withHandoff.add(file.slice(0, -'.json'.length));
      }
      const loaded = new Map<string, LeadRow>();
      await readJsonFiles<Lead>(sources.leadsDir, (id, lead) => {
        if (lead?.id !== id || !lead.screening || !lead.contact) return;
        const row = rowOf(lead, statuses.get(id) ?? 'new');
        if (withHandoff.has(id)) row.handoff = true;
        loaded.set(id, { ...row, ...assignments.get(id) });
      });
      for (const id of this.changedDuringLoad) {
        const current = this.rows.get(id);
        if (current) loaded.set(id, current);
        else loaded.delete(id);
      }
      this.rows = loaded;
      this.sorted = undefined;
    } finally {
      this.changedDuringLoad = undefined;
    }
  }

  get size(): number {
    return this.rows.size;
  }

  get(id: string): LeadRow | undefined {
    return this.rows.get(id);
  }

  upsert(row: LeadRow): void {
    this.changedDuringLoad?.add(row.id);
    this.rows.set(row.id, row);
    this.sorted = undefined;
  }

  setStatus(id: string, status: WorkflowStatus): void {
    const row = this.rows.get(id);
    if (row) this.upsert({ ...row, status });
  }

  setAssignment(id: string, assignment: { owner?: string; followUp?: string }): void {
    const row = this.rows.get(id);
    if (!row) return;
    const { owner: _owner, followUp: _followUp, ...rest } = row;
    this.upsert({ ...rest, ...assignmentOf(assignment) });
  }

  markHandoff(id: string): void {
    const row = this.rows.get(id);
    if (row && !row.handoff) this.upsert({ ...row, handoff: true });
  }

  remove(id: string): void {
    this.changedDuringLoad?.add(id);
    if (this.rows.delete(id)) this.sorted = undefined;
  }

  /** Every row, newest first. */
  all(): LeadRow[] {
    this.sorted ??= [...this.rows.values()].sort(newestFirst);
    return this.sorted;
  }

  /** Rows matching every filter (page aside), newest first. */
  matching(filter: Omit<Partial<LeadFilter>, 'page' | 'pageSize'>): LeadRow[] {
    const test = this.matcher(filter);
    return this.all().filter((row) => test(row) && (!filter.status || row.status === filter.status));
  }

  /** A page of the matching rows, in the filter's order (triage.ts; by default, what needs action first). */
  query(filter: LeadFilter, today: string = new Date().toISOString().slice(0, 10)): LeadPage {
    const test = this.matcher(filter, today);
    const counts = Object.fromEntries(workflowStatuses.map((s) => [s, 0])) as Record<WorkflowStatus, number>;
    const matched: LeadRow[] = [];
    for (const row of this.all()) {
      if (!test(row)) continue;
      counts[row.status]++;
      if (!filter.status || row.status === filter.status) matched.push(row);
    }
    const ordered = sortLeads(matched, { sort: filter.sort, dir: filter.dir, today });
    const pages = Math.max(1, Math.ceil(matched.length / filter.pageSize));
    const page = Math.min(filter.page, pages);
    const start = (page - 1) * filter.pageSize;
    return {
      rows: ordered.slice(start, start + filter.pageSize),
      total: matched.length,
      page,
      pages,
      pageSize: filter.pageSize,
      counts,
    };
  }

  /** The stream codes seen in any lead, for the stream filter's choices. */
  streamCodes(): string[] {
    const codes = new Set<string>();
    for (const row of this.rows.values()) for (const code of row.streams) codes.add(code);
    return [...codes].sort();
  }

  private matcher(
    filter: Omit<Partial<LeadFilter>, 'page' | 'pageSize'>,
    today = new Date().toISOString().slice(0, 10),
  ): (row: LeadRow) => boolean {
    const q = filter.q?.toLowerCase();
    const stream = filter.stream?.toUpperCase();
    return (row) =>
      (!filter.role || row.role === filter.role) &&
      (!filter.priority || row.priority === filter.priority) &&
      (!filter.urgency || row.urgency === filter.urgency) &&
      (!stream || row.streams.some((code) => code.toUpperCase() === stream)) &&
      (!filter.from || row.createdAt.slice(0, 10) >= filter.from) &&
      (!filter.to || row.createdAt.slice(0, 10) <= filter.to) &&
      (!q || row.search.includes(q)) &&
      (!filter.owner || row.owner === filter.owner.toLowerCase()) &&
      (!filter.due || isDue(row, today));
  }
}
