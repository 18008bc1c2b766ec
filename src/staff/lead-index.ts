import type { LeadRow } from '../ports/lead-list';
import type { WorkflowStatus } from '../ports/workflow';
import type { Lead } from '../screening/lead';
import { attentionOf } from './triage';

/**
 * A lead's row in the lead list (the row, the query and the index: src/ports/lead-list.ts), and
 * the rows an index is loaded with.
 */

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
