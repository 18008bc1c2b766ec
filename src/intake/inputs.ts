import { z } from 'zod';
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
export { countryCode, countryIn, countryName } from './parse/countries';
import { countryCode, countryIn } from './parse/countries';
import { readNumber, type NumberUnit } from './parse/numbers';
import { dontKnowPhrases, isDontKnow, normalize } from './parse/words';
import { nearestUnitGroups, unitGroup } from './noc';

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

export type Reading<V> =
  | {
      value: V;
      note?: AnswerProblem;
      /** Answers to later questions given in the same message: "Priya Nakamura, HR manager". */
      also?: Record<string, unknown>;
      /** What is said back instead of `note` when those later questions are not asked. */
      noteAlone?: AnswerProblem;
    }
  | { problem: AnswerProblem };

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
  /** The choices are Canadian provinces and territories: a city names its province. */
  places?: 'province';
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

/**
 * How a yes or a no with more words starts: "yes my wife", "no, just me", "oui, ma femme",
 * "jamais". Read as yes or no, and said back; a message with both ("yes and no") stays refused.
 */
const YES_LEAD =
  /^(yes|yeah|yea|yep|yup|ya|sure|of course|absolutely|definitely|certainly|correct|that's right|indeed|i do|i have|we do|we have|oui|ouais|bien sur|evidemment|absolument|certainement|tout a fait|exactement|effectivement|en effet|c'est exact)\b/;
const NO_LEAD =
  /^(no|nope|nah|never|not yet|not really|not at all|none|i don't think so|i dont think so|i have never|i've never|i have not|i haven't|i do not|i don't|we have never|we've never|we have not|we haven't|we do not|we don't|non|jamais|pas encore|pas vraiment|pas du tout|aucun|aucune|je ne pense pas|je pense pas|je n'ai jamais|je n'ai pas|nous n'avons jamais|nous n'avons pas)\b/;
/** A yes that also says no somewhere ("yes, but I was never convicted") is not read as yes. */
const NEGATION = /\b(not|never|no|none|nothing|jamais|pas|aucun|aucune|rien)\b|n't\b/;
const BOTH = /\b(yes|oui)\b.*\b(no|non)\b|\b(no|non)\b.*\b(yes|oui)\b/;

function leadingYesNo(word: string): boolean | undefined {
  if (isDontKnow(word) || dontKnowPhrases.some((phrase) => phrase.length > 3 && word.startsWith(phrase)))
    return undefined;
  if (BOTH.test(word) || /\b(maybe|peut etre|perhaps|probablement pas)\b/.test(word)) return undefined;
  if (NO_LEAD.test(word)) return false;
  if (YES_LEAD.test(word)) return NEGATION.test(word) ? undefined : true;
  return undefined;
}

export function yesNo(): Input<boolean> {
  return {
    kind: 'yesno',
    value: z.boolean(),
    choices: ['yes', 'no'],
    read: reader((text) => {
      const word = normalize(text);
      if (YES.has(word)) return true;
      if (NO.has(word)) return false;
      const lead = leadingYesNo(word);
      if (lead !== undefined) return noted(lead, 'yesno.read');
      return fail('yesno');
    }),
  };
}

/**
 * A choice is answered by its value, its title in any locale (any case) or its number in the list.
 * Titles come from flows/, so the parser receives them at parse time through `titles`.
 */
export function choice<const C extends readonly [string, ...string[]]>(
  values: C,
  options: { places?: 'province' } = {},
): Input<C[number]> {
  return {
    kind: 'choice',
    value: z.enum(values),
    choices: values,
    ...(options.places ? { places: options.places } : {}),
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

export function number(options: {
  min: number;
  max: number;
  integer?: boolean;
  /** What the number counts: "2 years" to a question in months is 24. */
  unit?: NumberUnit;
}): Input<number> {
  const { min, max } = options;
  const integer = options.integer ?? true;
  const base = integer ? z.number().int() : z.number();
  return {
    kind: 'number',
    value: base.min(min).max(max),
    read: reader((raw) => {
      const reading = readNumber(raw, options.unit);
      if (!reading) return fail('number.format', { min, max });
      const { value } = reading;
      if (integer && !Number.isInteger(value)) return fail('number.integer', { min, max });
      if (value < min || value > max) return fail('number.range', { min, max });
      if (reading.given) return noted(value, `number.in.${options.unit}`, { value, given: reading.given });
      return reading.exact ? value : noted(value, 'number.read', { value });
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
      const { date: value, resolved, asap } = reading;
      if (options.refuseFuture && value > today) return fail('date.future', { date: value });
      if (since) {
        if (value > today) return fail('date.sinceFuture', { date: value });
        return noted(value, 'date.currentJob', { date: value });
      }
      if (options.askIfLongPast && daysFrom(value, today) > LONG_AGO_START_DAYS)
        return fail('date.longPast', { date: value });
      if (asap) return noted(value, 'date.asap', { date: value });
      return resolved ? noted(value, 'date.resolved', { date: value }) : value;
    }),
  };
}

/** An address typed inside a sentence: "my email is priya@example.com". */
const EMAIL_IN_TEXT = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[a-z]{2,}(?=$|[\s.,;:!?)])/i;

export function email(): Input<string> {
  const schema = z.email();
  return {
    kind: 'email',
    value: schema,
    read: reader((raw) => {
      const value = raw.trim().toLowerCase();
      if (schema.safeParse(value).success) return value;
      const found = EMAIL_IN_TEXT.exec(raw)?.[0]?.toLowerCase();
      return found && schema.safeParse(found).success
        ? noted(found, 'email.read', { value: found })
        : fail('email');
    }),
  };
}

/** An extension at the end of a number: "ext 12", "x12", "extension 12", "poste 12", "#12". */
const EXTENSION = /[\s,;]*(?:ext\.?|extension|x|poste|p\.|#)\s*(\d{1,6})\s*$/i;

/** A phone as stored: E.164, and the extension after ";ext=" as in tel: URIs (RFC 3966). */
export const phoneSchema = z.string().regex(/^\+\d{7,15}(;ext=\d{1,6})?$/);

/** Phones are stored in E.164; numbers without a country code are read as North American. */
export function phone(): Input<string> {
  return {
    kind: 'phone',
    value: phoneSchema,
    read: reader((raw) => {
      const extension = EXTENSION.exec(raw);
      const rest = extension ? raw.slice(0, extension.index) : raw;
      // "my cell is 514 555 0123": the number starts at its first digit, + or (
      const start = rest.search(/[+(\d]/);
      const parsed = start < 0 ? undefined : parsePhoneNumberFromString(rest.slice(start), 'CA');
      if (!parsed?.isValid() || /[a-z]{3,}/i.test(rest.slice(start))) return fail('phone');
      const number = parsed.number;
      if (extension) {
        return noted(`${number};ext=${extension[1]}`, 'phone.extension', {
          phone: parsed.formatInternational(),
          ext: extension[1]!,
        });
      }
      return start > 0 ? noted(number, 'phone.read', { phone: parsed.formatInternational() }) : number;
    }),
  };
}

export function country(): Input<string> {
  return {
    kind: 'country',
    value: z.string().regex(/^[A-Z]{2}$/),
    read: reader((raw) => {
      const exact = countryCode(raw);
      if (exact) return exact;
      const found = countryIn(raw);
      return found ? noted(found, 'country.read') : fail('country');
    }),
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

/**
 * A NOC 2021 code (5 digits; the 2nd digit is the TEER), a TEER alone, or "don't know". A job
 * title ("software engineer", "cuisinier") is answered with the nearest NOC unit groups to
 * choose from: their codes go in the problem, which flows/ writes out with titles and TEER.
 */
export function noc(): Input<Noc> {
  return {
    kind: 'text',
    value: nocSchema,
    read: reader((raw) => {
      const word = normalize(raw).replace(/\s+/g, ' ');
      if (isDontKnow(raw)) return {};
      const code = /^(?:noc )?(\d{5})$/.exec(word.replace(/[\s-]/g, '').replace(/^(noc|cnp)/, 'noc '));
      if (code) {
        // a code that names no NOC 2021 unit group is a typo, not an answer
        if (!unitGroup(code[1]!)) return fail('noc.unknown', { code: code[1]! });
        return noted({ noc: code[1]!, teer: Number(code[1]![1]) }, 'noc.code', { codes: code[1]! });
      }
      const teer = /^(?:teer|feer)?\s*([0-5])$/.exec(word);
      if (teer) return { teer: Number(teer[1]) };
      const nearest = nearestUnitGroups(raw);
      if (nearest.length) return fail('noc.suggest', { codes: nearest.map((group) => group.code).join(' ') });
      return fail('noc');
    }),
  };
}

/** Is this a NOC 2021 unit group's code? */
export const isNocCode = (code: string) => unitGroup(code) !== undefined;

/** "My name is…", "je m'appelle…": words before a name. */
const NAME_LEAD =
  /^(?:my name is|my name's|name is|name:|i'm|i am|this is|it's|it is|je m'appelle|je m appelle|mon nom est|moi c'est|je suis|c'est|nom\s*:)\s+/i;

/** What a name typed with a job after it is split at: "Priya Nakamura, HR manager". */
const NAME_ROLE = /^([^,;()–—-]{2,80}?)\s*(?:,|;|\(|\s[-–—]\s)\s*([^)]{2,120}?)\)?$/;

/**
 * A person's name. "Priya Nakamura, HR manager" is the name and a role: the role is kept for
 * `roleStep` (when the intake asks it) and both are said back, so a wrong split is caught.
 */
export function personName(options: { roleStep?: string } = {}): Input<string> {
  const min = 2;
  const max = 120;
  return {
    kind: 'text',
    value: z.string().min(min).max(max),
    read: (raw): Reading<string> => {
      const typed = raw.trim().replace(/\s+/g, ' ');
      if (typed.length < min) return { problem: { key: 'text.short', params: { min } } };
      if (typed.length > max) return { problem: { key: 'text.long', params: { max } } };
      const lead = NAME_LEAD.exec(typed);
      const text = lead ? typed.slice(lead[0].length).trim() : typed;
      const split = NAME_ROLE.exec(text);
      if (split && /^[\p{L}'’. ]+$/u.test(split[1]!) && split[1]!.trim().split(/\s+/).length <= 5) {
        const [name, role] = [split[1]!.trim(), split[2]!.trim()];
        return {
          value: name,
          note: { key: 'name.role', params: { name, role } },
          ...(options.roleStep
            ? { also: { [options.roleStep]: role }, noteAlone: { key: 'name.read', params: { name } } }
            : {}),
        };
      }
      if (lead && text.length >= min)
        return { value: text, note: { key: 'name.read', params: { name: text } } };
      return { value: typed };
    },
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
