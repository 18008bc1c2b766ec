import { z } from 'zod';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

countries.registerLocale(en);
countries.registerLocale(fr);

export const inputKinds = [
  'choice',
  'yesno',
  'text',
  'number',
  'money',
  'date',
  'email',
  'phone',
  'country',
] as const;
export type InputKind = (typeof inputKinds)[number];

/**
 * A problem with an answer, named by a key that flows/ turns into words for the prospect
 * (`errors.<key>`), with the values the message needs.
 */
export interface AnswerProblem {
  key: string;
  params?: Record<string, string | number>;
}

/** Everything an input kind needs to turn a prospect's text into the value we store. */
export interface Input<V> {
  kind: InputKind;
  /** The stored value: what the lead, screening and review read. */
  value: z.ZodType<V>;
  /** From the prospect's text to the stored value; issues carry an AnswerProblem key as message. */
  fromText: z.ZodType<V, string>;
  choices?: readonly string[];
  /** May be answered with "skip" (the value is then null). */
  optional?: boolean;
}

type Ctx = z.core.$RefinementCtx<string>;

function fail(ctx: Ctx, key: string, params?: Record<string, string | number>): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: key, params });
  return z.NEVER;
}

const normalize = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .replace(/[.!]+$/, '')
    .trim();

function fromText<V>(parse: (text: string, ctx: Ctx) => V): z.ZodType<V, string> {
  return z.string().transform((text, ctx) => parse(text.trim(), ctx));
}

const YES = new Set([
  'yes',
  'y',
  'yeah',
  'yep',
  'oui',
  'o',
  'ouais',
  'true',
  'i agree',
  "j'accepte",
  'agree',
]);
const NO = new Set(['no', 'n', 'nope', 'non', 'false', 'decline', 'je refuse']);

export function yesNo(): Input<boolean> {
  return {
    kind: 'yesno',
    value: z.boolean(),
    choices: ['yes', 'no'],
    fromText: fromText((text, ctx) => {
      const word = normalize(text);
      if (YES.has(word)) return true;
      if (NO.has(word)) return false;
      return fail(ctx, 'yesno');
    }),
  };
}

/**
 * A choice is answered by its value, its title in any locale (any case) or its number in the list.
 * Titles come from flows/, so the parser receives them at parse time through `titles`.
 */
export function choice<const C extends readonly [string, ...string[]]>(values: C): Input<C[number]> {
  return {
    kind: 'choice',
    value: z.enum(values),
    choices: values,
    fromText: fromText((text, ctx) => {
      const word = normalize(text);
      const byValue = values.find((v) => v.toLowerCase() === word);
      if (byValue) return byValue;
      const index = Number(word);
      if (Number.isInteger(index) && index >= 1 && index <= values.length) return values[index - 1]!;
      return fail(ctx, 'choice', { count: values.length });
    }),
  };
}

export function text(options: { min?: number; max?: number } = {}): Input<string> {
  const min = options.min ?? 1;
  const max = options.max ?? 200;
  return {
    kind: 'text',
    value: z.string().min(min).max(max),
    fromText: fromText((raw, ctx) => {
      const value = raw.replace(/\s+/g, ' ');
      if (value.length < min) return fail(ctx, 'text.short', { min });
      if (value.length > max) return fail(ctx, 'text.long', { max });
      return value;
    }),
  };
}

export function number(options: { min: number; max: number; integer?: boolean }): Input<number> {
  const { min, max } = options;
  const integer = options.integer ?? true;
  const base = integer ? z.number().int() : z.number();
  return {
    kind: 'number',
    value: base.min(min).max(max),
    fromText: fromText((raw, ctx) => {
      const cleaned = raw.replace(/[\s,_]/g, '').replace(/(years?|yrs?|ans?|months?|mois|%)$/i, '');
      if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return fail(ctx, 'number.format', { min, max });
      const value = Number(cleaned);
      if (integer && !Number.isInteger(value)) return fail(ctx, 'number.integer', { min, max });
      if (value < min || value > max) return fail(ctx, 'number.range', { min, max });
      return value;
    }),
  };
}

export const moneySchema = z.object({
  amount: z.number().positive(),
  per: z.enum(['year', 'hour']),
});
export type Money = z.infer<typeof moneySchema>;

/** Below this an amount is read as an hourly wage: nobody is offered $90 a year. */
const HOURLY_CEILING = 500;

export function money(): Input<Money> {
  return {
    kind: 'money',
    value: moneySchema,
    fromText: fromText((raw, ctx) => {
      let textValue = raw
        .toLowerCase()
        .replace(/[’‘`]/g, "'")
        .replace(/cad|can\$|c\$|dollars?|\$/g, '');
      let per: Money['per'] | undefined;
      if (/(\/\s*(h|hr|hour|heure)|per hour|an hour|hourly|de l'heure|par heure|\/h)\b/.test(textValue))
        per = 'hour';
      if (/(\/\s*(y|yr|year|an|annee)|per year|a year|annual|yearly|par an|par annee)\b/.test(textValue))
        per = 'year';
      textValue = textValue.replace(
        /\/.*$|per .*$|an hour|a year|hourly|yearly|annual(ly)?|de l'heure|par .*$/g,
        '',
      );
      const match = /^\s*(\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s*(k)?\s*$/.exec(
        textValue,
      );
      if (!match) return fail(ctx, 'money');
      const whole = Number(match[1]!.replace(/[ ,\u00a0\u202f]/g, ''));
      const cents = match[2] ? Number(`0.${match[2]}`) : 0;
      const amount = (whole + cents) * (match[3] ? 1000 : 1);
      if (!(amount > 0)) return fail(ctx, 'money');
      return { amount, per: per ?? (amount < HOURLY_CEILING ? 'hour' : 'year') };
    }),
  };
}

export const isoDate = z.iso.date();

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

function validDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Reads ISO dates and the common written forms in English and French; refuses impossible dates. */
export function parseDate(
  raw: string,
): { date: string } | { problem: 'date.format' | 'date.impossible' | 'date.ambiguous' } {
  const text = normalize(raw)
    .replace(/(\d)(st|nd|rd|th|er)\b/g, '$1')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ');
  let year: number, month: number, day: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text))) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text))) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    year = Number(m[3]);
    if (a > 12 && b <= 12) [day, month] = [a, b];
    else if (b > 12 && a <= 12) [month, day] = [a, b];
    else if (a === b) [day, month] = [a, b];
    else if (a <= 12 && b <= 12) return { problem: 'date.ambiguous' };
    else return { problem: 'date.impossible' };
  } else if ((m = /^(?:le )?(\d{1,2}) ([a-z]+) (\d{4})$/.exec(text)) && MONTHS[m[2]!]) {
    [day, month, year] = [Number(m[1]), MONTHS[m[2]!]!, Number(m[3])];
  } else if ((m = /^([a-z]+) (\d{1,2}) (\d{4})$/.exec(text)) && MONTHS[m[1]!]) {
    [month, day, year] = [MONTHS[m[1]!]!, Number(m[2]), Number(m[3])];
  } else if ((m = /^([a-z]+) (\d{4})$/.exec(text)) && MONTHS[m[1]!]) {
    [month, day, year] = [MONTHS[m[1]!]!, 1, Number(m[2])];
  } else {
    return { problem: 'date.format' };
  }
  if (year < 1900 || year > 2100) return { problem: 'date.impossible' };
  const date = validDate(year, month, day);
  return date ? { date } : { problem: 'date.impossible' };
}

export function date(): Input<string> {
  return {
    kind: 'date',
    value: isoDate,
    fromText: fromText((raw, ctx) => {
      const parsed = parseDate(raw);
      return 'date' in parsed ? parsed.date : fail(ctx, parsed.problem);
    }),
  };
}

export function email(): Input<string> {
  const schema = z.email();
  return {
    kind: 'email',
    value: schema,
    fromText: fromText((raw, ctx) => {
      const value = raw.trim().toLowerCase();
      return schema.safeParse(value).success ? value : fail(ctx, 'email');
    }),
  };
}

/** Phones are stored in E.164; numbers without a country code are read as North American. */
export function phone(): Input<string> {
  return {
    kind: 'phone',
    value: z.string().regex(/^\+\d{7,15}$/),
    fromText: fromText((raw, ctx) => {
      const parsed = parsePhoneNumberFromString(raw, 'CA');
      return parsed?.isValid() ? parsed.number : fail(ctx, 'phone');
    }),
  };
}

const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US', us: 'US', 'u.s.': 'US', 'u.s.a.': 'US', america: 'US', 'united states of america': 'US',
  uk: 'GB', 'u.k.': 'GB', britain: 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  'northern ireland': 'GB', 'royaume uni': 'GB', angleterre: 'GB', 'etats unis': 'US', 'etats-unis': 'US',
  'south korea': 'KR', korea: 'KR', 'coree du sud': 'KR', russia: 'RU', vietnam: 'VN', iran: 'IR',
  'hong kong': 'HK', taiwan: 'TW', 'czech republic': 'CZ', holland: 'NL', 'the netherlands': 'NL',
}; // prettier-ignore

let countryNames: Map<string, string> | undefined;

/** Every English and French name of every country, normalized once: "etats unis" → US. */
function countryNameIndex(): Map<string, string> {
  if (countryNames) return countryNames;
  countryNames = new Map();
  for (const lang of ['en', 'fr']) {
    for (const [code, list] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      for (const name of list) countryNames.set(normalize(name).replace(/-/g, ' '), code);
    }
  }
  return countryNames;
}

export function countryCode(raw: string): string | undefined {
  const word = normalize(raw);
  if (COUNTRY_ALIASES[word]) return COUNTRY_ALIASES[word];
  if (/^[a-z]{2}$/.test(word) && countries.isValid(word.toUpperCase())) return word.toUpperCase();
  return countryNameIndex().get(word.replace(/-/g, ' '));
}

export function countryName(code: string, locale: string): string {
  return countries.getName(code, locale.slice(0, 2), { select: 'official' }) ?? code;
}

export function country(): Input<string> {
  return {
    kind: 'country',
    value: z.string().regex(/^[A-Z]{2}$/),
    fromText: fromText((raw, ctx) => countryCode(raw) ?? fail(ctx, 'country')),
  };
}

export const nocSchema = z.object({
  noc: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  teer: z.number().int().min(0).max(5).optional(),
});
export type Noc = z.infer<typeof nocSchema>;

const UNKNOWN = new Set([
  "don't know",
  'dont know',
  'unknown',
  'not sure',
  'no idea',
  'je ne sais pas',
  'inconnu',
  'idk',
  '?',
]);

/** A NOC 2021 code (5 digits; the 2nd digit is the TEER), a TEER alone, or "don't know". */
export function noc(): Input<Noc> {
  return {
    kind: 'text',
    value: nocSchema,
    fromText: fromText((raw, ctx) => {
      const word = normalize(raw).replace(/\s+/g, ' ');
      if (UNKNOWN.has(word) || UNKNOWN.has(word.replace(/[’`]/g, "'"))) return {};
      const code = /^(?:noc )?(\d{5})$/.exec(word.replace(/[\s-]/g, '').replace(/^noc/, 'noc '));
      if (code) return { noc: code[1]!, teer: Number(code[1]![1]) };
      const teer = /^(?:teer|feer)?\s*([0-5])$/.exec(word);
      if (teer) return { teer: Number(teer[1]) };
      return fail(ctx, 'noc');
    }),
  };
}

/** A CRA business number: 9 digits, optionally followed by a program account (RT0001). */
export function businessNumber(): Input<string | null> {
  return {
    kind: 'text',
    value: z
      .string()
      .regex(/^\d{9}([A-Z]{2}\d{4})?$/)
      .nullable(),
    optional: true,
    fromText: fromText((raw, ctx) => {
      const word = normalize(raw);
      if (UNKNOWN.has(word)) return null;
      const compact = raw.replace(/[\s-]/g, '').toUpperCase();
      return /^\d{9}([A-Z]{2}\d{4})?$/.test(compact) ? compact : fail(ctx, 'businessNumber');
    }),
  };
}

/** Makes an input skippable: "skip" (or the flows' skip words) store null. */
export function optional<V>(input: Input<V>): Input<V | null> {
  return { ...input, value: input.value.nullable(), optional: true, fromText: input.fromText };
}
