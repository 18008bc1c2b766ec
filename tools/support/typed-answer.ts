import type { Flow } from '../../src/intake/flows';
import { countryName, type Money, type Noc } from '../../src/intake/inputs';
import { stepCatalogue, type StepId } from '../../src/intake/steps';

/** What a prospect would type to give `value` as the answer to `step`. */
export function typedAnswer(step: string, value: unknown, flow: Flow): string {
  const input = stepCatalogue[step as StepId].input;
  if (value === null) return 'skip';
  switch (input.kind) {
    case 'yesno':
      return value ? flow.yesno.yes : flow.yesno.no;
    case 'choice':
      return flow.steps[step as StepId].choices?.[String(value)] ?? String(value);
    case 'country':
      return countryName(String(value), 'en-CA');
    case 'money': {
      const money = value as Money;
      const currency = money.currency ? ` ${money.currency}` : '';
      if (money.given) return `$${money.given.amount} a ${money.given.per}${currency}`;
      return money.per === 'hour'
        ? `$${money.amount}/h${currency}`
        : `$${money.amount.toLocaleString('en-CA')}${currency}`;
    }
    default:
      if (step === 'languageLevel') {
        if (typeof value === 'number') return `CLB ${value}`;
        const scores = value as Record<string, number>;
        if ('overall' in scores) return String(scores.overall);
        return `L ${scores.listening} R ${scores.reading} W ${scores.writing} S ${scores.speaking}`;
      }
      if (typeof value === 'object') {
        const noc = value as Noc;
        return noc.noc ?? (noc.teer !== undefined ? `TEER ${noc.teer}` : "don't know");
      }
      return String(value);
  }
}
