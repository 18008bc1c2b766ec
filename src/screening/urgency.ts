import { addDays, daysBetween, pgwpWindowClosesOn, type Facts } from './facts';
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

/** Restoration must be applied for within 90 days of losing status (§9). */
export const RESTORATION_DAYS = 90;

function statusExpiry(f: Facts): DatedSignal | undefined {
  const date = f.statusExpiry;
  if (date === undefined) return undefined;
  const daysLeft = daysBetween(f.today, date);
  if (daysLeft < 0) {
    if (f.extensionFiled === true) {
      return {
        date,
        level: 'soon',
        reason: `status expired on ${date} after an extension was applied for: maintained status while the application is pending — to confirm`,
      };
    }
    const closes = addDays(date, RESTORATION_DAYS);
    const since = -daysLeft;
    if (since > RESTORATION_DAYS) {
      return {
        date,
        level: 'urgent',
        reason: `status expired on ${date} (${since} days ago)${f.extensionFiled === false ? ' with no extension filed' : ''}: the 90-day restoration period has passed — out of status, lawyer review`,
      };
    }
    return {
      date: closes,
      level: 'urgent',
      reason:
        f.extensionFiled === false
          ? `status expired on ${date} with no extension filed: restoration must be applied for by ${closes} (90 days)`
          : `status expired on ${date}: maintained status if an extension was filed before then, otherwise restoration by ${closes} — to confirm`,
    };
  }
  const extension =
    f.extensionFiled === true ? ' (extension applied for: maintained status if it expires first)' : '';
  return {
    date,
    level: f.extensionFiled === true ? 'normal' : band(daysLeft),
    reason: `status expires ${date} (in ${daysLeft} days)${extension}`,
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
  const deadline = signals.map((signal) => signal.date).sort()[0];
  return { level, deadline, reason: signals.map((signal) => signal.reason).join('; ') };
}
