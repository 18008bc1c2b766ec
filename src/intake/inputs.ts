import { z } from 'zod';
import countries from 'i18n-iso-countries/index';
import en from 'i18n-iso-countries/langs/en.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { daysFrom, readDate, type DateExpectation } from './parse/dates';
import {
  convertScores,
  languageResultSchema,
  readLevel,
  readScores,
  scoredTests,
  type LanguageResult,
  type ScoredTest,
} from './parse/language';
import { moneySchema, readMoney, type Money } from './parse/money';
export { moneySchema, type Money } from './parse/money';
export { languageResultSchema, type LanguageResult } from './parse/language';
import { isDontKnow, normalize } from './parse/words';

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
 * (`errors.<key>`), with the values the message needs. A note (`notes.<key>`) is built the same
 * way: something said back about an accepted answer ("4,000 a month is 48,000 a year").
 */
export interface AnswerProblem {
  key: string;
  params?: Record<string, string | number>;
}

/** What a reader knows besides the text: injected, so that reading stays pure and testable. */
export interface ReadContext {
  /** Today (YYYY-MM-DD) by the clock the engine was given: "next month" is resolved against it. */
  today: string;
  /** The answers so far: a score is read on the scale of the test chosen before it. */
  answers: Readonly<Record<string, unknown>>;
}

export type Reading<V> = { value: V; note?: AnswerProblem } | { problem: AnswerProblem };

/** Everything an input kind needs to turn a prospect's text into the value we store. */
export interface Input<V> {
  kind: InputKind;
  /** The stored value: what the lead, screening and review read. */
  value: z.ZodType<V>;
  /** From the prospect's text to the stored value, or the problem to explain. */
  read: (text: string, context: ReadContext) => Reading<V>;
  choices?: readonly string[];
  /** May be answered with "skip" (the value is then null). */
  optional?: boolean;
}

type Fail = (key: string, params?: Record<string, string | number>) => never;

class Refusal extends Error {
  constructor(readonly problem: AnswerProblem) {
    super(problem.key);
  }
}

const fail: Fail = (key, params) => {
  throw new Refusal({ key, params });
};

/** An accepted value with something to say back about it. */
class Noted<V> {
  constructor(
    readonly value: V,
    readonly note: AnswerProblem,
  ) {}
}

const noted = <V>(value: V, key: string, params?: Record<string, string | number>) =>
  new Noted(value, { key, params });

/** A reader written as "parse or fail": a failure becomes the problem the prospect is shown. */
function reader<V>(parse: (text: string, context: ReadContext) => V | Noted<V>): Input<V>['read'] {
  return (text, context) => {
    try {
      const parsed = parse(text.trim(), context);
      return parsed instanceof Noted ? { value: parsed.value, note: parsed.note } : { value: parsed };
    } catch (error) {
      if (error instanceof Refusal) return { problem: error.problem };
      throw error;
    }
  };
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
    read: reader((text) => {
      const word = normalize(text);
      if (YES.has(word)) return true;
      if (NO.has(word)) return false;
      return fail('yesno');
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
    read: reader((text) => {
      const word = normalize(text);
      const byValue = values.find((v) => v.toLowerCase() === word);
      if (byValue) return byValue;
      const index = Number(word);
      if (Number.isInteger(index) && index >= 1 && index <= values.length) return values[index - 1]!;
      return fail('choice', { count: values.length });
    }),
  };
}

export function text(options: { min?: number; max?: number } = {}): Input<string> {
  const min = options.min ?? 1;
  const max = options.max ?? 200;
  return {
    kind: 'text',
    value: z.string().min(min).max(max),
    read: reader((raw) => {
      const value = raw.replace(/\s+/g, ' ');
      if (value.length < min) return fail('text.short', { min });
      if (value.length > max) return fail('text.long', { max });
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
    read: reader((raw) => {
      const cleaned = raw.replace(/[\s,_]/g, '').replace(/(years?|yrs?|ans?|months?|mois|%)$/i, '');
      if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return fail('number.format', { min, max });
      const value = Number(cleaned);
      if (integer && !Number.isInteger(value)) return fail('number.integer', { min, max });
      if (value < min || value > max) return fail('number.range', { min, max });
      return value;
    }),
  };
}

/** A wage: yearly or hourly; monthly and weekly amounts become yearly, a foreign currency is kept. */
export function money(): Input<Money> {
  return {
    kind: 'money',
    value: moneySchema,
    read: reader((raw) => {
      const reading = readMoney(raw);
      if ('problem' in reading) return fail(reading.problem);
      const value = reading.money;
      if (value.currency) return noted(value, 'money.currency', { currency: value.currency });
      if (value.given) return noted(value, 'money.converted');
      return value;
    }),
  };
}

export const isoDate = z.iso.date();

/** A start date more than this many days ago is probably a job the prospect already has. */
export const LONG_AGO_START_DAYS = 30;

/** "since March 2020", "depuis 2020", "already started on…": a past start date meant as such. */
const SINCE =
  /^(?:(?:it(?:'s| is) )?(?:my )?current job,? )?(?:since|started(?: on| in)?|already started(?: on| in)?|i started(?: on| in)?|i(?:'ve| have) been working there since|depuis(?: le)?|a commence(?: le| en)?|j'ai commence(?: le| en)?|deja commence(?: le| en)?|(?:c'est )?(?:mon )?emploi actuel,? depuis(?: le)?)\s+/;

export interface DateOptions {
  /** Which year a date without one is given: the next occurrence, the last one, or the nearest. */
  expect?: DateExpectation;
  /** A date that cannot be in the future, like a test already taken. */
  refuseFuture?: boolean;
  /** A start date long past: ask whether this is the job the prospect has now. */
  askIfLongPast?: boolean;
}

export function date(options: DateOptions = {}): Input<string> {
  const expect = options.expect ?? 'nearest';
  return {
    kind: 'date',
    value: isoDate,
    read: reader((raw, { today }) => {
      const since = options.askIfLongPast ? SINCE.exec(normalize(raw)) : null;
      const reading = readDate(
        since ? normalize(raw).slice(since[0].length) : raw,
        today,
        since ? 'past' : expect,
      );
      if ('problem' in reading) return fail(reading.problem);
      const { date: value, resolved } = reading;
      if (options.refuseFuture && value > today) return fail('date.future', { date: value });
      if (since) {
        if (value > today) return fail('date.sinceFuture', { date: value });
        return noted(value, 'date.currentJob', { date: value });
      }
      if (options.askIfLongPast && daysFrom(value, today) > LONG_AGO_START_DAYS)
        return fail('date.longPast', { date: value });
      return resolved ? noted(value, 'date.resolved', { date: value }) : value;
    }),
  };
}

export function email(): Input<string> {
  const schema = z.email();
  return {
    kind: 'email',
    value: schema,
    read: reader((raw) => {
      const value = raw.trim().toLowerCase();
      return schema.safeParse(value).success ? value : fail('email');
    }),
  };
}

/** Phones are stored in E.164; numbers without a country code are read as North American. */
export function phone(): Input<string> {
  return {
    kind: 'phone',
    value: z.string().regex(/^\+\d{7,15}$/),
    read: reader((raw) => {
      const parsed = parsePhoneNumberFromString(raw, 'CA');
      return parsed?.isValid() ? parsed.number : fail('phone');
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
    read: reader((raw) => countryCode(raw) ?? fail('country')),
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

/** A NOC 2021 code (5 digits; the 2nd digit is the TEER), a TEER alone, or "don't know". */
export function noc(): Input<Noc> {
  return {
    kind: 'text',
    value: nocSchema,
    read: reader((raw) => {
      const word = normalize(raw).replace(/\s+/g, ' ');
      if (isDontKnow(raw)) return {};
      const code = /^(?:noc )?(\d{5})$/.exec(word.replace(/[\s-]/g, '').replace(/^noc/, 'noc '));
      if (code) return { noc: code[1]!, teer: Number(code[1]![1]) };
      const teer = /^(?:teer|feer)?\s*([0-5])$/.exec(word);
      if (teer) return { teer: Number(teer[1]) };
      return fail('noc');
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
    read: reader((raw) => {
      if (isDontKnow(raw)) return null;
      const compact = raw.replace(/[\s-]/g, '').toUpperCase();
      return /^\d{9}([A-Z]{2}\d{4})?$/.test(compact) ? compact : fail('businessNumber');
    }),
  };
}

/**
 * A language test result on the scale of the test chosen at `testStep` (IELTS bands, CELPIP
 * levels, PTE Core, TEF or TCF points), per skill or overall, or "don't know" (null).
 */
export function languageScores(testStep: string): Input<LanguageResult> {
  return {
    kind: 'text',
    value: languageResultSchema,
    read: reader<LanguageResult>((raw, { answers }) => {
      if (isDontKnow(raw)) return null;
      const test = answers[testStep];
      // A test IRCC does not accept has no chart: a CLB level the prospect knows is all we can take.
      const reading = (scoredTests as readonly unknown[]).includes(test)
        ? readScores(raw, test as ScoredTest)
        : readLevel(raw, true)!;
      if ('problem' in reading) return fail(reading.problem);
      const result = reading.result;
      if (result === null) return null;
      if (typeof result === 'number') return noted<LanguageResult>(result, 'language.level');
      const { estimate } = convertScores(result);
      return noted<LanguageResult>(result, estimate ? 'language.overall' : 'language.scores');
    }),
  };
}

/** Makes an input skippable: "skip" (or the flows' skip words) store null. */
export function optional<V>(input: Input<V>): Input<V | null> {
  return { ...input, value: input.value.nullable(), optional: true };
}
