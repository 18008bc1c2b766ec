import type { Money } from '../intake/inputs';
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

export const roleLevelLabels: Record<AnswerOf<'icRoleLevel'>, string> = {
  executive: 'executive',
  seniorManager: 'senior manager',
  specializedKnowledge: 'specialized knowledge',
  other: 'other',
};

export const prProgramLabels: Record<AnswerOf<'prProgram'>, string> = {
  cec: 'the Canadian Experience Class',
  fsw: 'the Federal Skilled Worker program',
  fst: 'the Federal Skilled Trades program',
  pnp: 'a Provincial Nominee Program',
  caregiver: 'a caregiver program',
  family: 'family sponsorship',
  other: 'another program',
};

export const spouseProgramLabels: Record<AnswerOf<'spouseProgram'>, string> = {
  doctoral: 'a doctoral program',
  masters16: "a master's program of 16 months or more",
  mastersShort: "a master's program shorter than 16 months",
  professional: 'a professional program',
  bachelor: "a bachelor's program",
  college: 'a college program',
  other: 'another program',
};

export const benefitLabels: Record<Exclude<AnswerOf<'employerBenefit'>, 'notSure'>, string> = {
  jobsCreated: 'jobs created for Canadians',
  knowledgeTransfer: 'knowledge transfer to Canadians',
  both: 'jobs created and knowledge transfer',
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

const dollars = new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' });

export function moneyText(money: Money): string {
  const amount = Number.isInteger(money.amount)
    ? dollars.format(money.amount).replace(/\.00$/, '')
    : dollars.format(money.amount);
  return `${amount} ${money.per === 'hour' ? 'an hour' : 'a year'}`;
}

export const yesNoText = (value: boolean) => (value ? 'yes' : 'no');

/** "1 year", "5 years": counts in plain English. */
export function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
