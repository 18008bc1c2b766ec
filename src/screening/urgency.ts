import { addDays, daysBetween, pgwpWindowClosesOn, type Facts } from './facts';
import { RESTORATION_DAYS, statusSituation, type StatusSituation } from './status';
import { urgencyLevels, type Urgency, type UrgencyLevel } from './lead-schema';

/** Urgency bands (§8: permit expiring soon, maintained status; §2/§7: the 180-day PGWP window; §10). */
export const URGENT_WITHIN_DAYS = 60;
export const SOON_WITHIN_DAYS = 120;
/** A job starting this soon raises the urgency one level. */
export const START_DATE_WITHIN_DAYS = 30;

interface DatedSignal {
  /** Undefined when the deadline exists but its day is not known (a refusal without its date). */
  date?: string;
  level: UrgencyLevel;
  reason: string;
}

function band(daysLeft: number): UrgencyLevel {
  if (daysLeft <= URGENT_WITHIN_DAYS) return 'urgent';
  if (daysLeft <= SOON_WITHIN_DAYS) return 'soon';
  return 'normal';
}

/** The status deadline (§8, §9, §10): read from the one status situation the blockers read too. */
function statusExpiry(f: Facts): DatedSignal | undefined {
  const status = statusSituation(f);
  if (status === undefined) return undefined;
  switch (status.kind) {
    case 'valid': {
      const { expiry, daysLeft, extension } = status;
      if (extension === 'pending')
        return {
          date: expiry,
          level: 'normal',
          reason: `status expires ${expiry} (in ${daysLeft} days) (extension applied for, not yet decided: maintained status after that date until the decision)`,
        };
      return {
        date: expiry,
        level: band(daysLeft),
        reason: `status expires ${expiry} (in ${daysLeft} days)${extension === 'refused' ? ': the extension was refused, so status ends that day (not maintained)' : ''}`,
      };
    }
    case 'maintained':
      // No deadline while maintained: the expiry has passed and the decision's day is not known.
      return {
        level: 'soon',
        reason: status.decisionConfirmedPending
          ? `status expired on ${status.expiry} while an extension is pending: maintained status while the application is pending (it ends with the decision; a refusal starts 90 days for restoration)`
          : `status expired on ${status.expiry} after an extension was applied for: maintained status while the application is pending — to confirm it has not been decided (a refusal ends it)`,
      };
    case 'unclear': {
      const closes = addDays(status.expiry, RESTORATION_DAYS);
      if (closes < f.today)
        return {
          date: status.expiry,
          level: 'urgent',
          reason: `status expired on ${status.expiry} (${daysBetween(status.expiry, f.today)} days ago): maintained status only if an extension was filed before then and is still pending; otherwise the 90-day restoration period has passed — to confirm, lawyer review`,
        };
      return {
        date: closes,
        level: 'urgent',
        reason: `status expired on ${status.expiry}: maintained status if an extension was filed before then and is still pending, otherwise restoration by ${closes} — to confirm`,
      };
    }
    case 'lost':
      return lostStatus(f, status);
  }
}

function lostStatus(f: Facts, status: Extract<StatusSituation, { kind: 'lost' }>): DatedSignal {
  const { cause, expiry, refusedOn, restoreBy, lostOn, passed } = status;
  const what =
    cause === 'expired'
      ? `status expired on ${expiry} with no extension filed`
      : `the extension was refused${refusedOn === undefined ? ' (date not given)' : ` on ${refusedOn}`}: status was lost ${lostOn === undefined ? `on the day of the refusal (or on ${expiry}, if it came before)` : `on ${lostOn}`}, not maintained`;
  // Past the 90 days there is no deadline left to meet (the day status was lost is in the reason).
  if (passed && lostOn !== undefined)
    return {
      level: 'urgent',
      reason: `${what} (${daysBetween(lostOn, f.today)} days ago): the 90-day restoration period has passed — out of status, lawyer review`,
    };
  if (restoreBy === undefined)
    return {
      level: 'urgent',
      reason: `${what}: restoration (IRPR s. 182) must be applied for within 90 days of losing status — the refusal date to confirm; no work until status is restored`,
    };
  return {
    date: restoreBy,
    level: 'urgent',
    reason: `${what}: restoration must be applied for by ${restoreBy} (90 days${cause === 'refused' ? ' from the refusal' : ''}, IRPR s. 182); no work until status is restored`,
  };
}

/** Only a window that can still be used: a closed one, or a PGWP already held, is the stream's business. */
function pgwpWindow(f: Facts): DatedSignal | undefined {
  const graduation = f.graduation;
  if (
    graduation?.date === undefined ||
    graduation.hadPgwp === true ||
    graduation.programLength === 'under8Months'
  ) {
    return undefined;
  }
  const closes = pgwpWindowClosesOn(graduation.date);
  const daysLeft = daysBetween(f.today, closes);
  if (daysLeft < 0) return undefined;
  return {
    date: closes,
    level: band(daysLeft),
    reason: `PGWP window closes ${closes} (in ${daysLeft} days)`,
  };
}

/** A start date soon raises the urgency; one in the past is no deadline (the job may wait or be the current one). */
function startDate(f: Facts): Omit<DatedSignal, 'level'> | undefined {
  const date = f.offer?.startDate;
  if (date === undefined) return undefined;
  const daysLeft = daysBetween(f.today, date);
  if (daysLeft < 0 || daysLeft > START_DATE_WITHIN_DAYS) return undefined;
  return { date, reason: `the job starts ${date} (in ${daysLeft} days)` };
}

const rank = (level: UrgencyLevel) => urgencyLevels.indexOf(level);

export function assessUrgency(f: Facts): Urgency {
  const deadlines = [statusExpiry(f), pgwpWindow(f)].filter((signal) => signal !== undefined);
  const start = startDate(f);
  let level = deadlines.reduce<UrgencyLevel>(
    (max, { level }) => (rank(level) > rank(max) ? level : max),
    'normal',
  );
  if (start) level = urgencyLevels[Math.min(rank(level) + 1, urgencyLevels.length - 1)] ?? level;
  const signals = start ? [...deadlines, start] : deadlines;
  if (signals.length === 0) return { level };
  const deadline = signals
    .map((signal) => signal.date)
    .filter((date) => date !== undefined)
    .sort()[0];
  return {
    level,
    ...(deadline === undefined ? {} : { deadline }),
    reason: signals.map((signal) => signal.reason).join('; '),
  };
}
