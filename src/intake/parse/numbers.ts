import { normalize } from './words';

/**
 * Numbers as people type them: "5", "about 5 years", "five", "trois ans", "none", "half",
 * "1 an et demi", "I'm 32". A count given in another unit than the question's ("2 years" to a
 * question in months) is converted, and what was typed is kept to say back.
 */

export type NumberUnit = 'years' | 'months' | 'percent';

export interface NumberReading {
  value: number;
  /** Typed as a plain number (with the question's own unit at most): nothing to say back. */
  exact: boolean;
  /** What was typed, when converted from another unit: "2 years". */
  given?: string;
}

const WORDS: Record<string, number> = {
  zero: 0, none: 0, nothing: 0, no: 0, one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5,
  six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60,
  zéro: 0, aucun: 0, aucune: 0, rien: 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5,
  sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15,
  seize: 16, vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
}; // prettier-ignore

const FILLER =
  /\b(about|around|approximately|approx|roughly|almost|nearly|maybe|just|only|over|i'm|i am|im|i have|i've|we have|we are|we're|it's|it is|in|environ|a peu pres|presque|peut-etre|j'ai|nous avons|on a|c'est|en|de|d'|years? old|ans? d'experience|of experience|d'experience)\b/g;

const YEARS = /\b(years?|yrs?|ans?|annees?)\b/;
const MONTHS = /\b(months?|mos?|mois)\b/;
const PERCENT = /(%|\bpercent\b|\bper cent\b|\bpour ?cent\b)/;

export function readNumber(raw: string, unit?: NumberUnit): NumberReading | undefined {
  const plain = raw.replace(/[\s,_]/g, '').replace(/(years?|yrs?|ans?|months?|mois|%)$/i, '');
  if (/^-?\d+(\.\d+)?$/.test(plain) && !(unit && otherUnit(normalize(raw), unit))) {
    return { value: Number(plain), exact: true };
  }
  let text = normalize(raw).replace(/(\d),(\d)/g, '$1.$2');
  if (unit === 'percent' && /\b(half|moitie)\b/.test(text)) return { value: 50, exact: false };
  const typed = text;
  const inYears = YEARS.test(text);
  const inMonths = MONTHS.test(text);
  text = text
    .replace(FILLER, ' ')
    .replace(PERCENT, ' ')
    .replace(YEARS, ' ')
    .replace(MONTHS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // "1 an et demi", "a year and a half", "2.5"
  const half = /^(.+?) (?:et demi|et demie|and a half)$/.exec(text);
  const base = half ? half[1]! : text;
  const word = /^-?\d+(\.\d+)?$/.test(base) ? Number(base) : WORDS[base];
  if (word === undefined) return undefined;
  let value = word + (half ? 0.5 : 0);
  if (unit === 'months' && inYears && !inMonths) {
    value = value * 12;
    return { value, exact: false, given: typed };
  }
  if (unit === 'years' && inMonths && !inYears) {
    value = value / 12;
    return { value, exact: false, given: typed };
  }
  return { value, exact: false };
}

/** "2 years" typed to a question in months, or "18 months" to one in years. */
function otherUnit(text: string, unit: NumberUnit): boolean {
  if (unit === 'months') return YEARS.test(text) && !MONTHS.test(text);
  if (unit === 'years') return MONTHS.test(text) && !YEARS.test(text);
  return false;
}
