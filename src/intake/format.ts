import { fill, type Flow } from './flows';
import { countryName, type Money, type Noc } from './inputs';
import type { Catalogue } from './machine';

const isMoney = (value: unknown): value is Money =>
  typeof value === 'object' && value !== null && 'amount' in value && 'per' in value;
const isNoc = (value: unknown): value is Noc =>
  typeof value === 'object' && value !== null && !('amount' in value);

const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** Intl formatters are costly to build and the review formats dozens of answers: build each once. */
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => F): F {
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = build()));
  return found as F;
}

/** An answer as the prospect reads it in the review, in their language. */
export function formatAnswer(step: string, value: unknown, flow: Flow, catalogue: Catalogue): string {
  const locale = flow.locale;
  const input = catalogue[step]?.input;
  const words = flow.answers;
  if (value === null || value === undefined) return words.skipped;
  switch (input?.kind) {
    case 'yesno':
      return value ? flow.yesno.yes : flow.yesno.no;
    case 'choice':
      return flow.steps[step as keyof Flow['steps']]?.choices?.[String(value)] ?? String(value);
    case 'country':
      return countryName(String(value), locale);
    case 'money':
      if (!isMoney(value)) break;
      return `${formatter(`money:${locale}:${value.per}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'CAD', maximumFractionDigits: value.per === 'hour' ? 2 : 0 })).format(value.amount)} ${value.per === 'hour' ? words.perHour : words.perYear}`;
    case 'date': {
      const date = new Date(`${String(value)}T12:00:00Z`);
      return formatter(
        `date:${locale}`,
        () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
      ).format(date);
    }
    case 'text':
      if (isNoc(value)) {
        if (value.noc) return fill(words.noc, { noc: value.noc, teer: value.teer ?? '' });
        if (value.teer !== undefined) return fill(words.teer, { teer: value.teer });
        return words.unknown;
      }
      break;
    default:
      break;
  }
  return String(value);
}
