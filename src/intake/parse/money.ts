import { z } from 'zod';

/**
 * Wages as people type them: "$85,000", "85k", "40/h", "4000 a month", "85000 USD", "3 500 € par mois".
 * A monthly or weekly amount is stored as the yearly one, with what was typed kept beside it; a
 * foreign currency is kept as typed, never converted (screening flags it for staff).
 */

export const currencySchema = z.string().regex(/^[A-Z]{3}$/);

export const moneySchema = z.object({
  amount: z.number().positive(),
  per: z.enum(['year', 'hour']),
  /** ISO 4217; absent means Canadian dollars (every answer before currencies were kept). */
  currency: currencySchema.optional(),
  /** What the prospect typed when it was not a yearly or hourly amount, e.g. 4,000 a month. */
  given: z.object({ amount: z.number().positive(), per: z.enum(['month', 'week']) }).optional(),
});
export type Money = z.infer<typeof moneySchema>;

/** Weeks and months in a year: 4,000 a month is 48,000 a year; 1,000 a week is 52,000. */
const PER_YEAR = { month: 12, week: 52 } as const;

/** Below this a bare amount is read as an hourly wage: nobody is offered $90 a year. */
const HOURLY_CEILING = 500;

const CURRENCY_WORDS: [RegExp, string][] = [
  [
    /(\bus ?dollars?\b|\bdollars? (?:us|americains?|american)\b|\bamerican dollars?\b|\busd\b|\bus ?\$|\$ ?us\b|\bu\.s\. dollars?)/,
    'USD',
  ],
  [/(\bcad\b|\bcan ?\$|\bc\$|\bcanadian dollars?\b|\bdollars? canadiens?\b|\$ ?can?\b)/, 'CAD'],
  [/(€|\beuros?\b|\beur\b)/, 'EUR'],
  [/(£|\bpounds?(?: sterling)?\b|\bgbp\b|\blivres? sterling\b)/, 'GBP'],
  [/(₹|\brupees?\b|\broupies?\b|\binr\b|\brs\.?(?=\s|\d))/, 'INR'],
  [/(₱|\bpesos? philippins?\b|\bphilippine pesos?\b|\bphp\b)/, 'PHP'],
  [/(\bpesos?\b|\bmxn\b)/, 'MXN'],
  [/(¥|\byen\b|\bjpy\b)/, 'JPY'],
  [/(\byuan\b|\brmb\b|\bcny\b)/, 'CNY'],
];

const knownCurrencies = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
);

export type MoneyReading = { money: Money } | { problem: 'money' };

export function readMoney(raw: string): MoneyReading {
  let text = raw
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'");
  let currency: string | undefined;
  for (const [pattern, code] of CURRENCY_WORDS) {
    if (pattern.test(text)) {
      currency = code;
      text = text.replace(pattern, ' ');
      break;
    }
  }
  if (!currency) {
    const code = /\b([a-z]{3})\b/.exec(
      text.replace(/\b(per|par|and|the|day|jour|year|hour|week|mois|ans?)\b/g, ''),
    );
    if (code && knownCurrencies.has(code[1]!.toUpperCase())) {
      currency = code[1]!.toUpperCase();
      text = text.replace(code[1]!, ' ');
    }
  }
  text = text.replace(/dollars?|\$/g, ' ');

  let per: Money['per'] | 'month' | 'week' | undefined;
  const periods: [RegExp, typeof per][] = [
    [
      /(\/\s*(h|hr|hour|heure)\b|per hour|an hour|hourly|de l'heure|par heure|a l'heure|\/h\b|\bhr\b)/,
      'hour',
    ],
    [/(\/\s*(m|mo|mon|month|mois)\b|per month|a month|monthly|par mois|mensuel(?:lement)?|\bmo\b)/, 'month'],
    [/(\/\s*(w|wk|week|semaine)\b|per week|a week|weekly|par semaine|hebdomadaire)/, 'week'],
    [
      /(\/\s*(y|yr|year|an|annee)\b|per year|a year|annual(?:ly)?|yearly|par an(?:nee)?|annuel(?:lement)?|per annum)/,
      'year',
    ],
  ];
  for (const [pattern, value] of periods) {
    if (pattern.test(text)) {
      per = value;
      text = text.replace(pattern, ' ');
    }
  }
  text = text.replace(
    /\b(about|around|approximately|approx|environ|gross|brut|before tax|avant impots?)\b/g,
    ' ',
  );
  const match = /^\s*(\d{1,3}(?:[ ,\u00a0\u202f]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s*(k)?\s*$/.exec(text);
  if (!match) return { problem: 'money' };
  const whole = Number(match[1]!.replace(/[ ,\u00a0\u202f]/g, ''));
  const cents = match[2] ? Number(`0.${match[2]}`) : 0;
  const amount = (whole + cents) * (match[3] ? 1000 : 1);
  if (!(amount > 0)) return { problem: 'money' };
  const withCurrency = (money: Money): Money =>
    currency && currency !== 'CAD' ? { ...money, currency } : money;
  if (per === 'month' || per === 'week') {
    const yearly = Math.round(amount * PER_YEAR[per] * 100) / 100;
    return { money: withCurrency({ amount: yearly, per: 'year', given: { amount, per } }) };
  }
  return { money: withCurrency({ amount, per: per ?? (amount < HOURLY_CEILING ? 'hour' : 'year') }) };
}
