import { z } from 'zod';
import type { Documents } from '../ports/store';
import {
  NOTE_MAX_LENGTH,
  workflowStatusSchema,
  type HistoryEntry,
  type WorkflowRecord,
  type WorkflowStatus,
} from '../ports/workflow';

/**
 * The firm's own data about a lead, kept apart from the lead contract: its workflow status, the
 * notes and the audit trail of who changed what and when, and the conversation it came from.
 */

export const statusLabels: Record<WorkflowStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  'consultation-booked': 'Consultation booked',
  retained: 'Retained',
  declined: 'Declined',
  'not-eligible': 'Not eligible',
};

export const statusChangeSchema = z
  .object({
    status: workflowStatusSchema,
    note: z
      .string()
      .max(NOTE_MAX_LENGTH, `A note is at most ${NOTE_MAX_LENGTH} characters.`)
      .optional()
      .transform((note) => (note?.trim() ? note.trim() : undefined)),
  })
  .strict();

/** The owner and follow-up form: empty fields clear them. */
export const assignmentSchema = z
  .object({
    owner: z
      .string()
      .max(254)
      .optional()
      .transform((owner) => (owner?.trim() ? owner.trim().toLowerCase() : undefined)),
    followUp: z
      .union([z.iso.date('Use a date like 2026-12-01.'), z.literal('')])
      .optional()
      .transform((day) => day || undefined),
  })
  .strict();
export type Assignment = z.output<typeof assignmentSchema>;

export class NothingToChangeError extends Error {
  constructor() {
    super('Nothing to change: choose another status or write a note.');
    this.name = 'NothingToChangeError';
  }
}

/** The workflow rules over any store of workflow records (one document per lead id). */
export class WorkflowStore {
  constructor(readonly records: Documents<WorkflowRecord>) {}

  /**
   * The record a new lead starts with; idempotent by lead id. `bookingLinkSent`: the prospect was
   * offered the firm's booking page on submitting.
   */
  async open(
    leadId: string,
    conversationKey: string | undefined,
    at: string,
    options: { bookingLinkSent?: boolean } = {},
  ): Promise<WorkflowRecord> {
    const record: WorkflowRecord = {
      leadId,
      ...(conversationKey ? { conversationKey } : {}),
      status: 'new',
      updatedAt: at,
      ...(options.bookingLinkSent ? { booking: { linkSentAt: at } } : {}),
      history: [{ at, by: 'intake', action: 'created', to: 'new' }],
    };
    await this.records.create(leadId, record);
    return (await this.records.get(leadId)) ?? record;
  }

  get(leadId: string): Promise<WorkflowRecord | undefined> {
    return this.records.get(leadId);
  }

  /**
   * Changes the status and/or adds a note, recording who and when. A lead with no record yet
   * (stored before the staff side existed) gets one. Throws NothingToChangeError when the status
   * is unchanged and there is no note.
   */
  async change(leadId: string, change: { status: WorkflowStatus; note?: string }, by: string, at: Date) {
    const stamp = at.toISOString();
    const apply = (current: WorkflowRecord): WorkflowRecord => {
      const entries: HistoryEntry[] = [];
      if (change.status !== current.status) {
        entries.push({
          at: stamp,
          by,
          action: 'status',
          from: current.status,
          to: change.status,
          ...(change.note ? { note: change.note } : {}),
        });
      } else if (change.note) {
        entries.push({ at: stamp, by, action: 'note', note: change.note });
      } else {
        throw new NothingToChangeError();
      }
      return {
        ...current,
        status: change.status,
        updatedAt: stamp,
        history: [...current.history, ...entries],
      };
    };
    return this.applyToRecord(leadId, apply, stamp);
  }

  /**
   * Sets the owner and the follow-up day, each change recorded in the history. Throws
   * NothingToChangeError when both are as they were.
   */
  async assign(leadId: string, assignment: Assignment, by: string, at: Date) {
    const stamp = at.toISOString();
    const apply = (current: WorkflowRecord): WorkflowRecord => {
      const entries: HistoryEntry[] = [];
      if (assignment.owner !== current.owner)
        entries.push({
          at: stamp,
          by,
          action: 'owner',
          ...(assignment.owner ? { owner: assignment.owner } : {}),
        });
      if (assignment.followUp !== current.followUp)
        entries.push({
          at: stamp,
          by,
          action: 'follow-up',
          ...(assignment.followUp ? { followUp: assignment.followUp } : {}),
        });
      if (entries.length === 0) throw new NothingToChangeError();
      const { owner: _owner, followUp: _followUp, ...rest } = current;
      return {
        ...rest,
        ...(assignment.owner ? { owner: assignment.owner } : {}),
        ...(assignment.followUp ? { followUp: assignment.followUp } : {}),
        updatedAt: stamp,
        history: [...current.history, ...entries],
      };
    };
    return this.applyToRecord(leadId, apply, stamp);
  }

  /**
   * The scheduler reported a booked consultation: its time is kept and the lead moves to
   * "Consultation booked" (a later report, a reschedule, only changes the time), recorded as done
   * by `by` (the scheduler).
   */
  async recordBooking(leadId: string, startsAt: Date, by: string, at: Date): Promise<WorkflowRecord> {
    const stamp = at.toISOString();
    const starts = startsAt.toISOString();
    const apply = (current: WorkflowRecord): WorkflowRecord => {
      const note = `Consultation ${current.booking?.startsAt ? 'rescheduled' : 'booked'} for ${starts}`;
      const entry: HistoryEntry =
        current.status === 'consultation-booked'
          ? { at: stamp, by, action: 'note', note }
          : { at: stamp, by, action: 'status', from: current.status, to: 'consultation-booked', note };
      return {
        ...current,
        status: 'consultation-booked',
        updatedAt: stamp,
        booking: { ...current.booking, startsAt: starts, bookedAt: stamp },
        history: [...current.history, entry],
      };
    };
    return this.applyToRecord(leadId, apply, stamp);
  }

  /** Applies a change to the lead's record, opening one first for a lead stored without it. */
  private async applyToRecord(
    leadId: string,
    apply: (current: WorkflowRecord) => WorkflowRecord,
    stamp: string,
  ): Promise<WorkflowRecord> {
    const updated = await this.records.update(leadId, apply);
    if (updated) return updated;
    await this.open(leadId, undefined, stamp);
    return (await this.records.update(leadId, apply))!;
  }

  delete(leadId: string): Promise<boolean> {
    return this.records.delete(leadId);
  }
}
