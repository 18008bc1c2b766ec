import type { Answers } from '../../src/intake/steps';
import { noAdmissibilityConcerns } from '../support/answers';

/** The day every screening test runs on. */
export const TODAY = '2026-11-25';

/** A complete worker intake abroad, without a job offer, with nothing to flag. */
export function worker(overrides: Answers = {}): Answers {
  return {
    consent: true,
    role: 'worker',
    citizenship: 'IN',
    residenceCountry: 'IE',
    age: 30,
    inCanada: false,
    hasJobOffer: false,
    spouseInCanada: false,
    graduatedInCanada: false,
    ownsBusiness: false,
    educationLevel: 'bachelor',
    yearsExperience: 5,
    hasLicence: false,
    languageTest: 'ieltsGeneral',
    languageLevel: 8,
    languageTestDate: '2026-01-15',
    frenchAbility: 'none',
    selfEmployed: false,
    canadianWorkMonths: 0,
    ...noAdmissibilityConcerns,
    goalType: 'temporary',
    goalProvince: 'undecided',
    familyComing: false,
    contactName: 'Asha Patel',
    contactEmail: 'asha@example.com',
    contactPhone: null,
    ...overrides,
  };
}

/** The answers of a job offer in North Vancouver: TEER 1, permanent, full-time, from an unrelated employer. */
export const offer: Answers = {
  hasJobOffer: true,
  offerSameGroup: 'no',
  offerJobTitle: 'Software engineer at Maple Software Ltd.',
  offerNoc: { noc: '21231', teer: 1 },
  offerSector: 'other',
  offerWage: { amount: 110000, per: 'year' },
  offerProvince: 'BC',
  offerStartDate: '2027-06-01',
  offerTerms: 'permanentFullTime',
};

/** A worker with a job offer: the no-offer questions (spouse, graduation, business) are not asked. */
export function workerWithOffer(overrides: Answers = {}): Answers {
  const answers = worker({ ...offer, ...overrides });
  for (const id of ['spouseInCanada', 'graduatedInCanada', 'ownsBusiness'] as const) {
    if (!(id in overrides)) delete answers[id];
  }
  return answers;
}

/** A worker in Canada on a work permit expiring well after the screening day. */
export const inCanadaAsWorker: Answers = {
  inCanada: true,
  currentStatus: 'worker',
  workPermitType: 'employerSpecific',
  employerTreatment: false,
  statusExpiry: '2027-09-30',
};

/** A complete employer intake in BC hiring a new TEER 1 worker from India. */
export function employer(overrides: Answers = {}): Answers {
  return {
    consent: true,
    role: 'employer',
    employerCompany: 'Cedar Robotics Inc.',
    employerProvince: 'BC',
    employerCompliance: 'neverInspected',
    employerPosition: 'Robotics engineer',
    employerNoc: { noc: '21399', teer: 1 },
    employerWage: { amount: 120000, per: 'year' },
    employerBenefit: 'notSure',
    employerStartDate: '2027-05-01',
    employerWorkerRelation: 'newHire',
    employerWorkerCitizenship: 'IN',
    employerWorkerCountry: 'IN',
    contactName: 'Morgan Lee',
    contactEmail: 'morgan@cedar.example',
    contactPhone: '+16045550123',
    ...overrides,
  };
}
