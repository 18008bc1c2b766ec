import type { LeadIndex } from '../ports/lead-list';
import type { WorkflowStore } from '../staff/workflow';
import type { BookingRecorder } from './webhook';

/** Who the lead's history says made the change. */
export const SCHEDULER = 'scheduler';

/** Finds the lead by its reference and records the booking on its workflow and its list row. */
export function bookingRecorder(
  stores: { index: LeadIndex; workflow: WorkflowStore },
  now: () => Date = () => new Date(),
): BookingRecorder {
  return {
    async record(reference, startsAt) {
      const rows = await stores.index.select({ q: reference });
      const row = rows.find((candidate) => candidate.reference === reference);
      if (!row) return false;
      const record = await stores.workflow.recordBooking(row.id, startsAt, SCHEDULER, now());
      await stores.index.update(row.id, (current) => ({ ...current, status: record.status }));
      return true;
    },
  };
}
