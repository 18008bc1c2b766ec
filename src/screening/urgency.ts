import { daysBetween, pgwpWindowClosesOn, type Facts } from './facts';
import { urgencyLevels, type Urgency, type UrgencyLevel } from './lead-schema';

/** Urgency bands (§8: permit expiring soon, maintained status; §2/§7: the 180-day PGWP window). */
export const URGENT_WITHIN_DAYS = 60;
export const SOON_WITHIN_DAYS = 120;
/** A job starting this soon raises the urgency one level. */
export const START_DATE_WITHIN_DAYS = 30;

interface DatedSignal {
  date: string;
  level: UrgencyLevel;
  reason: string;
}

function band(daysLeft: number): UrgencyLevel {
  if (daysLeft <= URGENT_WITHIN_DAYS) return 'urgent';
  if (daysLeft <= SOON_WITHIN_DAYS) return 'soon';
  return 'normal';
}

function statusExpiry(f: Facts): DatedSignal | undefined {
  const date = f.statusExpiry;
  if (date === undefined) return undefined;
  const daysLeft = daysBetween(f.today, date);
  if (daysLeft < 0) {
    return {
      date,
      level: 'urgent',
      reason: `status expired on ${date} (${-daysLeft} days ago): maintained status or restoration may be at stake — to confirm`,
    };
  }
  return { date, level: band(daysLeft), reason: `status expires ${date} (in ${daysLeft} days)` };
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

function startDate(f: Facts): Omit<DatedSignal, 'level'> | undefined {
  const date = f.offer?.startDate;
  if (date === undefined) return undefined;
  const daysLeft = daysBetween(f.today, date);
  if (daysLeft > START_DATE_WITHIN_DAYS) return undefined;
  return {
    date,
    reason:
      daysLeft < 0 ? `the job start date ${date} has passed` : `the job starts ${date} (in ${daysLeft} days)`,
  };
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
  const deadline = signals.map((signal) => signal.date).sort()[0];
  return { level, deadline, reason: signals.map((signal) => signal.reason).join('; ') };
}
