import { normalize } from './words';

/**
 * Reading dates the way people type them, in English and French: ISO and numeric dates, written
 * dates ("March 5, 2026", "5 mars 2026"), dates without a year ("Jan 15", "15 janvier",
 * "mid-March") and relative ones ("next month", "in 3 weeks", "dans 2 mois"). Anything relative is
 * resolved against `today`, which the caller is given (never the system clock), and is then said
 * back to the prospect so a wrong guess is caught.
 */

/** Which way a date without a year points: a start date is ahead, a test date behind. */
export type DateExpectation = 'future' | 'past' | 'nearest';

export type DateReading =
  | {
      date: string;
      /** True when the year or the day was inferred, or the date was relative. */ resolved: boolean;
      /** "ASAP", "dès que possible": today, for a date still ahead. */
      asap?: true;
    }
  | { problem: 'date.format' | 'date.impossible' | 'date.ambiguous' };

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, janvier: 1, janv: 1,
  february: 2, feb: 2, fevrier: 2, fevr: 2, fev: 2,
  march: 3, mar: 3, mars: 3,
  april: 4, apr: 4, avril: 4, avr: 4,
  may: 5, mai: 5,
  june: 6, jun: 6, juin: 6,
  july: 7, jul: 7, juillet: 7, juil: 7,
  august: 8, aug: 8, aout: 8,
  september: 9, sep: 9, sept: 9, septembre: 9,
  october: 10, oct: 10, octobre: 10,
  november: 11, nov: 11, novembre: 11,
  december: 12, dec: 12, decembre: 12,
}; // prettier-ignore

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, couple: 2, 'a couple of': 2, few: 3, 'a few': 3,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10,
  onze: 11, douze: 12, quelques: 3,
}; // prettier-ignore

const DAY_MS = 86_400_000;

interface Ymd {
  year: number;
  month: number;
  day: number;
}

function toIso({ year, month, day }: Ymd): string | undefined {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

function ymdOf(iso: string): Ymd {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function addDays(iso: string, days: number): string {
  const { year, month, day } = ymdOf(iso);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `months` later, clamped to the month's end (Jan 31 + 1 month = Feb 28). */
function addMonths(iso: string, months: number): string {
  const { year, month, day } = ymdOf(iso);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return toIso({ year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: Math.min(day, last) })!;
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  const a = ymdOf(from);
  const b = ymdOf(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** A month and day without a year: the occurrence the question points to. */
function pickYear(month: number, day: number, today: string, expect: DateExpectation): string | undefined {
  const { year } = ymdOf(today);
  const candidates = [year - 1, year, year + 1]
    .map((y) => toIso({ year: y, month, day: Math.min(day, lastDayOf(y, month)) }))
    .filter((d): d is string => d !== undefined);
  if (expect === 'future') return candidates.find((d) => d >= today);
  if (expect === 'past') return [...candidates].reverse().find((d) => d <= today);
  return [...candidates].sort((a, b) => Math.abs(daysFrom(today, a)) - Math.abs(daysFrom(today, b)))[0];
}

const count = (word: string) => (/^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word]);

function relative(text: string, today: string): string | undefined {
  const { year, month } = ymdOf(today);
  switch (text) {
    case 'today':
    case "aujourd'hui":
    case 'now':
    case 'maintenant':
      return today;
    case 'tomorrow':
    case 'demain':
      return addDays(today, 1);
    case 'yesterday':
    case 'hier':
      return addDays(today, -1);
    case 'next week':
    case 'la semaine prochaine':
    case 'semaine prochaine':
      return addDays(today, 7);
    case 'last week':
    case 'la semaine derniere':
    case 'semaine derniere':
      return addDays(today, -7);
    case 'next month':
    case 'le mois prochain':
    case 'mois prochain':
      return toIso({ year: month === 12 ? year + 1 : year, month: (month % 12) + 1, day: 1 });
    case 'last month':
    case 'le mois dernier':
    case 'mois dernier':
      return toIso({ year: month === 1 ? year - 1 : year, month: month === 1 ? 12 : month - 1, day: 1 });
    case 'next year':
    case "l'an prochain":
    case "l'annee prochaine":
    case 'annee prochaine':
      return toIso({ year: year + 1, month: 1, day: 1 });
    case 'last year':
    case "l'an dernier":
    case "l'annee derniere":
    case 'annee derniere':
      return toIso({ year: year - 1, month: 1, day: 1 });
    default:
      break;
  }
  // "in 3 weeks", "in a month", "dans 2 mois", "3 weeks from now", "2 months ago", "il y a 3 semaines"
  const m =
    /^(?:in|dans|d'ici) (\d+|[a-z]+(?: couple of| few)?) (day|days|jour|jours|week|weeks|semaine|semaines|month|months|mois|year|years|an|ans|annee|annees)$/.exec(
      text,
    ) ??
    /^(\d+|[a-z]+(?: couple of| few)?) (day|days|week|weeks|month|months|year|years) from (?:now|today)$/.exec(
      text,
    );
  const ago =
    /^(\d+|[a-z]+(?: couple of| few)?) (day|days|week|weeks|month|months|year|years) ago$/.exec(text) ??
    /^il y a (\d+|[a-z]+) (jour|jours|semaine|semaines|mois|an|ans|annee|annees)$/.exec(text);
  const found = m ?? ago;
  if (!found) return undefined;
  const n = count(found[1]!);
  if (n === undefined || n > 120) return undefined;
  const sign = m ? 1 : -1;
  const unit = found[2]!;
  if (/^(day|jour)/.test(unit)) return addDays(today, sign * n);
  if (/^(week|semaine)/.test(unit)) return addDays(today, sign * 7 * n);
  if (/^(month|mois)/.test(unit)) return addMonths(today, sign * n);
  return addMonths(today, sign * 12 * n);
}

/** "mid-March", "early April 2027", "end of May", "mi-mars", "début avril", "fin mai 2027". */
const PART =
  /^(mid|middle|early|beginning|start|late|end|mi|milieu|milieu de|debut|debut de|au debut de|fin|fin de|a la fin de) ([a-z]+)(?: (\d{4}))?$/;

function partOfMonth(text: string, today: string, expect: DateExpectation): string | undefined {
  const m = PART.exec(text.replace(/([a-z])-([a-z])/g, '$1 $2'));
  if (!m || !MONTHS[m[2]!]) return undefined;
  const month = MONTHS[m[2]!]!;
  const part = m[1]!;
  // The day a part of a month stands for; 0 is its last day.
  const day = /^(mid|middle|mi|milieu)/.test(part)
    ? 15
    : /^(early|beginning|start|debut|au debut)/.test(part)
      ? 1
      : part === 'late'
        ? 25
        : 0;
  const date = m[3]
    ? toIso({ year: Number(m[3]), month, day: day || 1 })
    : pickYear(month, day || 1, today, expect);
  if (!date || day) return date;
  const { year } = ymdOf(date);
  return toIso({ year, month, day: lastDayOf(year, month) });
}

/** As soon as possible, in the words people use: only a date still ahead can be "ASAP". */
const ASAP =
  /^(asap|a\.s\.a\.p|as soon as possible|as soon as we can|as soon as i can|immediately|right away|right now|now|des que possible|le plus tot possible|au plus tot|aussitot que possible|tout de suite|immediatement|maintenant)$/;

const SEASONS: Record<string, number> = {
  spring: 4, printemps: 4, summer: 7, ete: 7, fall: 10, autumn: 10, automne: 10, winter: 1, hiver: 1,
}; // prettier-ignore

const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  dimanche: 0, lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6,
}; // prettier-ignore

/**
 * A month or a season named relative to today: "next March", "last October", "October last
 * year", "en mars prochain", "octobre dernier", "this summer", "l'automne prochain", "next
 * Monday". A season is read as the first day of its first full month (spring is April 1).
 */
function namedPeriod(text: string, today: string, expect: DateExpectation): string | undefined {
  const cleaned = text
    .replace(/\b(in|en|au|a|the|le|la|l'|cet|cette|ce|during|pendant|of|de|du|d')\b/g, ' ')
    .replace(/'/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const m =
    /^(next|this|coming|last|past)? ?([a-z]+)(?: (prochain|prochaine|dernier|derniere|last year|this year|next year|l an dernier|l an prochain|annee derniere|annee prochaine|qui vient))?$/.exec(
      cleaned,
    );
  if (!m) return undefined;
  const [, before, name, after] = m;
  const direction =
    before === 'next' ||
    before === 'coming' ||
    after === 'prochain' ||
    after === 'prochaine' ||
    after === 'qui vient'
      ? 'future'
      : before === 'last' || before === 'past' || after === 'dernier' || after === 'derniere'
        ? 'past'
        : undefined;
  const { year } = ymdOf(today);
  const yearShift = /last year|an dernier|annee derniere/.test(after ?? '')
    ? -1
    : /next year|an prochain|annee prochaine/.test(after ?? '')
      ? 1
      : /this year/.test(after ?? '')
        ? 0
        : undefined;
  if (WEEKDAYS[name!] !== undefined && yearShift === undefined) {
    if (direction === 'past') return undefined;
    const day = new Date(`${today}T12:00:00Z`).getUTCDay();
    const ahead = (WEEKDAYS[name!]! - day + 7) % 7 || 7;
    return addDays(today, ahead);
  }
  const month = MONTHS[name!] ?? SEASONS[name!];
  if (month === undefined) return undefined;
  if (!before && !after && MONTHS[name!] !== undefined) return undefined; // a bare month: read below
  if (yearShift !== undefined) return toIso({ year: year + yearShift, month, day: 1 });
  if (direction === 'future') return pickYear(month, 1, addDays(today, 1), 'future');
  if (direction === 'past') return pickYear(month, 1, today, 'past');
  return pickYear(month, 1, today, expect);
}

/** Reads a date; `today` (YYYY-MM-DD) resolves dates without a year and relative ones. */
export function readDate(raw: string, today: string, expect: DateExpectation = 'nearest'): DateReading {
  const base = normalize(raw)
    .replace(/(\d)(st|nd|rd|th|er|eme|e)\b/g, '$1')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (ASAP.test(base.replace(/-/g, ' ')) && expect === 'future' && !['now', 'maintenant'].includes(base))
    return { date: today, resolved: true, asap: true };
  const rel = relative(base, today);
  if (rel) return { date: rel, resolved: true };
  const period = namedPeriod(base, today, expect);
  if (period) return { date: period, resolved: true };
  // Little words carry nothing in a date: "the 15th of March", "le 1er avril", "around mid-March".
  const text = base
    .replace(/\b(the|of|le|du|on|in|en|around|about|vers|environ)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const explicit = (ymd: Ymd): DateReading => {
    const date = toIso(ymd);
    return date ? { date, resolved: false } : { problem: 'date.impossible' };
  };
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text))) {
    return explicit({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  }
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text))) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a > 12 && b <= 12) return explicit({ year, month: b, day: a });
    if (b > 12 && a <= 12) return explicit({ year, month: a, day: b });
    if (a === b) return explicit({ year, month: a, day: b });
    if (a <= 12 && b <= 12) return { problem: 'date.ambiguous' };
    return { problem: 'date.impossible' };
  }
  if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(text))) {
    return explicit({ year: Number(m[1]), month: Number(m[2]), day: 1 });
  }
  if ((m = /^(\d{1,2}) ([a-z]+) (\d{4})$/.exec(text)) && MONTHS[m[2]!]) {
    return explicit({ day: Number(m[1]), month: MONTHS[m[2]!]!, year: Number(m[3]) });
  }
  if ((m = /^([a-z]+) (\d{1,2}) (\d{4})$/.exec(text)) && MONTHS[m[1]!]) {
    return explicit({ month: MONTHS[m[1]!]!, day: Number(m[2]), year: Number(m[3]) });
  }
  if ((m = /^([a-z]+) (\d{4})$/.exec(text)) && MONTHS[m[1]!]) {
    return explicit({ month: MONTHS[m[1]!]!, day: 1, year: Number(m[2]) });
  }
  const inferred = (date: string | undefined): DateReading =>
    date ? { date, resolved: true } : { problem: 'date.impossible' };
  if ((m = /^(\d{1,2}) ([a-z]+)$/.exec(text)) && MONTHS[m[2]!]) {
    return inferred(dayOfMonth(Number(m[1]), MONTHS[m[2]!]!, today, expect));
  }
  if ((m = /^([a-z]+) (\d{1,2})$/.exec(text)) && MONTHS[m[1]!]) {
    return inferred(dayOfMonth(Number(m[2]), MONTHS[m[1]!]!, today, expect));
  }
  if ((m = /^(\d{4})$/.exec(text))) return inferred(toIso({ year: Number(m[1]), month: 1, day: 1 }));
  if (MONTHS[text]) return inferred(pickYear(MONTHS[text]!, 1, today, expect));
  const part = partOfMonth(text, today, expect);
  if (part) return { date: part, resolved: true };
  return { problem: 'date.format' };
}

function dayOfMonth(day: number, month: number, today: string, expect: DateExpectation): string | undefined {
  // February 29 exists only in leap years: look for the nearest one rather than moving the day.
  if (day < 1 || day > 31 || day > lastDayOf(2024, month)) return undefined;
  const { year } = ymdOf(today);
  const years = [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((offset) => year + offset);
  const options = years
    .map((y) => toIso({ year: y, month, day }))
    .filter((d): d is string => d !== undefined)
    .sort();
  if (expect === 'future') return options.find((d) => d >= today);
  if (expect === 'past') return [...options].reverse().find((d) => d <= today);
  return [...options].sort((a, b) => Math.abs(daysFrom(today, a)) - Math.abs(daysFrom(today, b)))[0];
}
