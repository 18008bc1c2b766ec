import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { AttentionFacts } from '../ports/lead-list';
import { isDue, type TriageRecord } from '../ports/lead-order';
import type { Lead } from '../screening/lead';

/**
 * Who to call first: pure functions over plain lead records (no storage), shared by the list,
 * the exports and the staff API. The "why" phrases a paralegal scans, and the grouping of leads
 * that came from the same person (the orders of the list: src/ports/lead-order.ts).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan 7", with the year when it is not `today`'s. */
export function shortDay(day: string, today: string): string {
  const [year, month, date] = day.split('-');
  const text = `${MONTHS[Number(month) - 1] ?? month} ${Number(date)}`;
  return year === today.slice(0, 4) ? text : `${text}, ${year}`;
}

const groundWords: Record<string, string> = {
  security: 'security',
  'human-rights': 'human rights violations',
  criminality: 'criminality',
  'organized-criminality': 'organized criminality',
  health: 'health',
  'medical-exam': 'medical exam',
  misrepresentation: 'misrepresentation',
  'previous-refusal': 'previous refusal',
  'non-compliance': 'past non-compliance',
};

/**
 * Why a lead needs attention, in a few words each: the deadline ("status expires Jan 7"), the
 * admissibility flags ("serious criminality", "previous refusal"), "asked for a person" and a
 * follow-up that is due.
 */

export const attentionOf = (lead: Lead): Omit<AttentionFacts, 'followUp' | 'status'> => ({
  urgency: lead.screening.urgency,
  flags: lead.screening.admissibility.flags.map(({ ground, serious }) => ({
    ground,
    ...(serious ? { serious } : {}),
  })),
  handoff: lead.handoffRequested,
});

export function whyPhrases(facts: AttentionFacts, today: string): string[] {
  const phrases: string[] = [];
  const { urgency } = facts;
  if (urgency.level !== 'normal' && urgency.reason) {
    // The first signal, its dates shortened and its detail in brackets left to the detail page.
    const first = urgency.reason.split(';')[0]!.trim();
    phrases.push(
      first
        .replace(/\s*\([^)]*\)/g, '')
        .replace(/:.*$/, '')
        .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (day) => shortDay(day, today)),
    );
  } else if (urgency.level !== 'normal' && urgency.deadline) {
    phrases.push(`deadline ${shortDay(urgency.deadline, today)}`);
  }
  const seen = new Set<string>();
  for (const flag of [...facts.flags].sort((a, b) => Number(!!b.serious) - Number(!!a.serious))) {
    const words = `${flag.serious ? 'serious ' : ''}${groundWords[flag.ground] ?? flag.ground}`;
    if (!seen.has(flag.ground)) phrases.push(words);
    seen.add(flag.ground);
  }
  if (facts.handoff) phrases.push('asked for a person');
  if (facts.followUp && isDue({ followUp: facts.followUp, status: facts.status ?? 'new' }, today))
    phrases.push(
      facts.followUp < today ? `follow-up overdue (${shortDay(facts.followUp, today)})` : 'follow-up today',
    );
  return phrases;
}

/** The phone number in E.164 (Canada when no country code is given), or undefined if it is not one. */
export function phoneKey(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const parsed = parsePhoneNumberFromString(phone, 'CA');
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** A phone number for people ("+1 604 555 0199") and its tel: link, or the text as given. */
export function displayPhone(phone: string): { text: string; href?: string } {
  const parsed = parsePhoneNumberFromString(phone, 'CA');
  if (!parsed?.isPossible()) return { text: phone };
  return {
    text:
      parsed.country === 'CA' || parsed.country === 'US'
        ? parsed.formatNational()
        : parsed.formatInternational(),
    href: parsed.getURI(),
  };
}

const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * Leads from the same person: same email (case aside) or same phone number (however written).
 * Returns, for each lead that has any, the other leads of its group, oldest first.
 */
export function duplicateGroups<T extends Pick<TriageRecord, 'id' | 'email' | 'phone' | 'createdAt'>>(
  records: readonly T[],
): Map<string, T[]> {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const byKey = new Map<string, string>();
  for (const record of records) {
    parent.set(record.id, record.id);
    for (const key of [record.email ? `e:${emailKey(record.email)}` : undefined, phoneKey(record.phone)]) {
      if (!key) continue;
      const other = byKey.get(key);
      if (other) parent.set(find(record.id), find(other));
      else byKey.set(key, record.id);
    }
  }
  const groups = new Map<string, T[]>();
  for (const record of records) {
    const root = find(record.id);
    groups.set(root, [...(groups.get(root) ?? []), record]);
  }
  const result = new Map<string, T[]>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const ordered = [...group].sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
    );
    for (const record of group)
      result.set(
        record.id,
        ordered.filter((other) => other.id !== record.id),
      );
  }
  return result;
}

/** The wall-clock fields of an instant in a time zone (24-hour), with the zone's short name. */
function wallClock(date: Date, timeZone: string): Record<string, string> {
  return Object.fromEntries(
    formatterOf(timeZone)
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
}

/** One formatter per zone (building one costs far more than using it: a page formats every row's times). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "2026-11-27 14:05 PST": an instant in the firm's time zone, the zone named. */
export function formatInZone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = wallClock(date, timeZone);
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** Today's date (YYYY-MM-DD) in the firm's time zone. */
export function dayInZone(at: Date, timeZone: string): string {
  const parts = wallClock(at, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** How far `timeZone` is ahead of UTC at `at`, in milliseconds. */
function zoneOffset(at: number, timeZone: string): number {
  const parts = wallClock(new Date(at), timeZone);
  const field = (name: string) => Number(parts[name]);
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant (ISO 8601, UTC) a day (YYYY-MM-DD) begins in the firm's time zone, DST included. */
export function startOfDayInZone(day: string, timeZone: string): string {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  let start = midnightUtc - zoneOffset(midnightUtc, timeZone);
  // across a DST change the offset at the start itself may differ from the first guess
  start = midnightUtc - zoneOffset(start, timeZone);
  return new Date(start).toISOString();
}

/** The day after a day (YYYY-MM-DD). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
