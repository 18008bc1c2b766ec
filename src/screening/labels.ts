import type { LanguageResult, Money } from '../intake/inputs';
import { convertScores, skills, testScales } from '../intake/parse/language';
import type { AnswerOf } from '../intake/steps';

/**
 * English words for answer values, for reasons and the staff summary: staff read English whatever
 * the prospect's language, so these do not come from flows/.
 */

export const provinceNames: Record<AnswerOf<'goalProvince'>, string> = {
  BC: 'British Columbia',
  AB: 'Alberta',
  SK: 'Saskatchewan',
  MB: 'Manitoba',
  ON: 'Ontario',
  QC: 'Quebec',
  NB: 'New Brunswick',
  NS: 'Nova Scotia',
  PE: 'Prince Edward Island',
  NL: 'Newfoundland and Labrador',
  YT: 'Yukon',
  NT: 'Northwest Territories',
  NU: 'Nunavut',
  undecided: 'undecided',
};

export const educationLabels: Record<AnswerOf<'educationLevel'>, string> = {
  secondary: 'secondary school',
  trade: 'trade certificate',
  diploma: 'college diploma',
  bachelor: "bachelor's degree",
  master: "master's degree",
  doctorate: 'doctorate',
  other: 'other education',
};

export const statusLabels: Record<AnswerOf<'currentStatus'>, string> = {
  visitor: 'visitor',
  student: 'student',
  worker: 'worker',
  other: 'other',
};

export const sectorLabels: Record<AnswerOf<'offerSector'>, string> = {
  health: 'health services',
  childCare: 'child care',
  inHomeCare: 'in-home caregiving',
  schoolTeaching: 'primary or secondary teaching',
  teacherExchange: 'teacher exchange',
  academic: 'university or college (teaching or research)',
  sports: 'professional sports',
  exchange: 'reciprocal exchange',
  religious: 'religious work',
  charitable: 'charitable work',
  agriculture: 'agriculture',
  other: 'other sector',
};

export const workerRelationLabels: Record<AnswerOf<'employerWorkerRelation'>, string> = {
  sameGroupEmployee: 'employee of the same corporate group',
  sameGroupNewOffice: 'employee of the same corporate group, opening a new Canadian office',
  newHire: 'new hire',
  notSure: 'relationship not sure',
};

export const complianceLabels: Record<AnswerOf<'employerCompliance'>, string> = {
  neverUsedPortal: 'has not used the Employer Portal before',
  neverInspected: 'used the Employer Portal, never inspected',
  inspectedCompliant: 'inspected and found compliant',
  foundNonCompliant: 'found non-compliant before',
  notSure: 'not sure about past inspections',
};

const amountFormats = new Map<string, Intl.NumberFormat>();

function amountText(amount: number, currency: string): string {
  let format = amountFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-CA', {
      style: 'currency',
      currency,
      currencyDisplay: currency === 'CAD' ? 'symbol' : 'code',
    });
    amountFormats.set(currency, format);
  }
  const text = format.format(amount);
  return Number.isInteger(amount) ? text.replace(/\.00$/, '') : text;
}

/**
 * A wage for staff. A foreign currency is named and never converted: Canadian wage levels are in
 * CAD, so the wage must be converted before any comparison (flagged "to confirm").
 */
export function moneyText(money: Money): string {
  const currency = money.currency ?? 'CAD';
  const per = money.per === 'hour' ? 'an hour' : 'a year';
  const given = money.given && ` (given as ${amountText(money.given.amount, currency)} a ${money.given.per})`;
  const foreign =
    currency !== 'CAD' &&
    ` — in ${currency}, not converted: convert before comparing with CAD wage levels (to confirm)`;
  return `${amountText(money.amount, currency)} ${per}${given || ''}${foreign || ''}`;
}

const skillLetters = { listening: 'L', reading: 'R', writing: 'W', speaking: 'S' } as const;

/** A language result for staff: the scores as typed, the chart's levels, and what is still to confirm (§6). */
export function languageResultText(
  result: LanguageResult | undefined,
  scale: 'CLB' | 'NCLC',
): string | undefined {
  if (result === undefined) return undefined;
  if (result === null) return 'scores not known';
  if (typeof result === 'number') return `${scale} ${result} (lowest skill, as given)`;
  const conversion = convertScores(result);
  const level = (n: number) => (n < 4 ? `below ${conversion.levels} 4` : `${conversion.levels} ${n}`);
  const unit = testScales[result.test].scale;
  const toConfirm = conversion.unconfirmed ? ' (IRCC chart band [U]: to confirm)' : '';
  if ('overall' in result) {
    return `overall ${result.overall} (${unit}) ≈ ${level(conversion.lowest)} — an estimate: ask for the four scores${toConfirm}`;
  }
  const scores = skills.map((skill) => `${skillLetters[skill]} ${result[skill]}`).join(' · ');
  const levels = skills.map((skill) => conversion.bySkill[skill]).join('/');
  return `${scores} (${unit}) = ${conversion.levels} ${levels}, lowest ${level(conversion.lowest)}${toConfirm}`;
}

export const yesNoText = (value: boolean) => (value ? 'yes' : 'no');

/** "1 year", "5 years": counts in plain English. */
export function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
