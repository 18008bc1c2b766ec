import { z } from 'zod';
import {
  businessNumber,
  choice,
  country,
  date,
  email,
  languageScores,
  money,
  noc,
  number,
  optional,
  phone,
  text,
  yesNo,
  type Input,
} from './inputs';

/**
 * The step catalogue: every question of the intake, in the order it is asked.
 * A step is data: its section, its input (which carries the zod schema of its answer) and the
 * named relevance guard that decides whether it is asked on the path taken (see relevance.ts).
 * Wording, choices' titles and help live in flows/<locale>.yaml under the same step id.
 */

export const sections = [
  'welcome',
  'situation',
  'jobOffer',
  'qualifications',
  'admissibility',
  'goals',
  'company',
  'position',
  'worker',
  'contact',
] as const;
export type Section = (typeof sections)[number];

export const workerSections = [
  'situation',
  'jobOffer',
  'qualifications',
  'admissibility',
  'goals',
  'contact',
] as const satisfies readonly Section[];
export const employerSections = [
  'company',
  'position',
  'worker',
  'contact',
] as const satisfies readonly Section[];

export const provinces = [
  'BC',
  'AB',
  'SK',
  'MB',
  'ON',
  'QC',
  'NB',
  'NS',
  'PE',
  'NL',
  'YT',
  'NT',
  'NU',
] as const;
const provinceOrUndecided = [...provinces, 'undecided'] as const;
const teerOrUnknown = ['0', '1', '2', '3', '4', '5', 'unknown'] as const;
const timelines = ['asap', 'within3Months', 'within6Months', 'within12Months', 'flexible'] as const;
const roleLevels = ['executive', 'seniorManager', 'specializedKnowledge', 'other'] as const;

/** Names of the relevance guards in relevance.ts; a step without `when` is asked of everyone. */
export type RelevanceName =
  | 'isWorker'
  | 'isEmployer'
  | 'isInCanada'
  | 'hasJobOffer'
  | 'hasNoJobOffer'
  | 'hasSameGroupEmployer'
  | 'isAcademicPost'
  | 'hasSpouseInCanada'
  | 'spouseIsWorker'
  | 'spouseIsStudent'
  | 'mayHoldCanadianDegree'
  | 'graduatedInCanada'
  | 'hasPrApplication'
  | 'ownsBusiness'
  | 'tookLanguageTest'
  | 'tookNoFrenchTest'
  | 'hasCanadianWork'
  | 'hadImpairedDriving'
  | 'hadRefusalOrOverstay'
  | 'workerIsInSameGroup'
  | 'gavePhone';

export interface StepDefinition<V> {
  section: Section;
  input: Input<V>;
  when?: RelevanceName;
}

function step<V>(section: Section, input: Input<V>, when?: RelevanceName): StepDefinition<V> {
  return { section, input, when };
}

export const stepCatalogue = {
  consent: step('welcome', yesNo()),
  role: step('welcome', choice(['worker', 'employer'])),

  // Worker: current situation
  citizenship: step('situation', country(), 'isWorker'),
  residenceCountry: step('situation', country(), 'isWorker'),
  age: step('situation', number({ min: 14, max: 100 }), 'isWorker'),
  inCanada: step('situation', yesNo(), 'isWorker'),
  currentStatus: step('situation', choice(['visitor', 'student', 'worker', 'other']), 'isInCanada'),
  statusExpiry: step('situation', date(), 'isInCanada'),

  // Worker: job offer
  hasJobOffer: step('jobOffer', yesNo(), 'isWorker'),
  offerEmployer: step('jobOffer', text(), 'hasJobOffer'),
  offerSameGroup: step(
    'jobOffer',
    choice(['no', 'parent', 'subsidiary', 'branch', 'affiliate', 'notSure']),
    'hasJobOffer',
  ),
  offerJobTitle: step('jobOffer', text(), 'hasJobOffer'),
  offerNoc: step('jobOffer', noc(), 'hasJobOffer'),
  offerPostType: step('jobOffer', choice(['none', 'academic', 'sports', 'exchange']), 'hasJobOffer'),
  academicRole: step(
    'jobOffer',
    choice(['guestLecturer', 'visitingProfessor', 'postdoc', 'researchAward', 'researcher', 'other']),
    'isAcademicPost',
  ),
  offerSector: step(
    'jobOffer',
    choice(['health', 'childCare', 'schoolTeaching', 'agriculture', 'other']),
    'hasJobOffer',
  ),
  offerWage: step('jobOffer', money(), 'hasJobOffer'),
  offerProvince: step('jobOffer', choice(provinces), 'hasJobOffer'),
  offerCity: step('jobOffer', text(), 'hasJobOffer'),
  offerStartDate: step('jobOffer', date({ expect: 'future', askIfLongPast: true }), 'hasJobOffer'),
  offerFullTime: step('jobOffer', yesNo(), 'hasJobOffer'),
  offerPermanent: step('jobOffer', yesNo(), 'hasJobOffer'),
  spouseInCanada: step('jobOffer', yesNo(), 'hasNoJobOffer'),
  spouseStatus: step('jobOffer', choice(['worker', 'student', 'citizenOrPr', 'other']), 'hasSpouseInCanada'),
  spouseTeer: step('jobOffer', choice(teerOrUnknown), 'spouseIsWorker'),
  spouseMonthsLeft: step('jobOffer', number({ min: 0, max: 120 }), 'spouseIsWorker'),
  spouseProgram: step(
    'jobOffer',
    choice(['doctoral', 'masters16', 'mastersShort', 'professional', 'bachelor', 'college', 'other']),
    'spouseIsStudent',
  ),
  graduatedInCanada: step('jobOffer', yesNo(), 'mayHoldCanadianDegree'),
  programType: step('jobOffer', choice(['university', 'college']), 'graduatedInCanada'),
  programLength: step(
    'jobOffer',
    choice(['under8Months', '8to24Months', '24MonthsPlus']),
    'graduatedInCanada',
  ),
  graduationDate: step('jobOffer', date(), 'graduatedInCanada'),
  hadPgwp: step('jobOffer', yesNo(), 'graduatedInCanada'),
  prApplication: step('jobOffer', yesNo(), 'isInCanada'),
  prProgram: step(
    'jobOffer',
    choice(['cec', 'fsw', 'fst', 'pnp', 'caregiver', 'family', 'other']),
    'hasPrApplication',
  ),
  prAor: step('jobOffer', yesNo(), 'hasPrApplication'),
  ownsBusiness: step('jobOffer', yesNo(), 'hasNoJobOffer'),
  ownershipPercent: step('jobOffer', number({ min: 0, max: 100 }), 'ownsBusiness'),

  // Worker: qualifications and experience
  educationLevel: step(
    'qualifications',
    choice(['secondary', 'trade', 'diploma', 'bachelor', 'master', 'doctorate', 'other']),
    'isWorker',
  ),
  educationField: step('qualifications', text(), 'isWorker'),
  yearsExperience: step('qualifications', number({ min: 0, max: 60 }), 'isWorker'),
  icMonthsContinuous: step('qualifications', number({ min: 0, max: 480 }), 'hasSameGroupEmployer'),
  icRoleLevel: step('qualifications', choice(roleLevels), 'hasSameGroupEmployer'),
  hasLicence: step('qualifications', yesNo(), 'isWorker'),
  languageTest: step(
    'qualifications',
    choice(['ieltsGeneral', 'celpip', 'pteCore', 'tefCanada', 'tcfCanada', 'otherTest', 'none']),
    'isWorker',
  ),
  languageLevel: step('qualifications', languageScores('languageTest'), 'tookLanguageTest'),
  languageTestDate: step('qualifications', date({ expect: 'past', refuseFuture: true }), 'tookLanguageTest'),
  frenchAbility: step(
    'qualifications',
    choice(['none', 'basic', 'intermediate', 'advanced']),
    'tookNoFrenchTest',
  ),
  selfEmployed: step('qualifications', yesNo(), 'isWorker'),
  canadianWorkMonths: step('qualifications', number({ min: 0, max: 480 }), 'isWorker'),
  canadianWorkTeer: step('qualifications', choice(teerOrUnknown), 'hasCanadianWork'),
  canadianWorkWhileStudying: step('qualifications', yesNo(), 'hasCanadianWork'),

  // Worker: admissibility — yes/no screeners only; details are for a confidential consultation
  criminalHistory: step('admissibility', yesNo(), 'isWorker'),
  impairedDriving: step('admissibility', yesNo(), 'isWorker'),
  impairedDrivingSince2018: step('admissibility', yesNo(), 'hadImpairedDriving'),
  organizedCrime: step('admissibility', yesNo(), 'isWorker'),
  violentGroups: step('admissibility', yesNo(), 'isWorker'),
  militaryService: step('admissibility', yesNo(), 'isWorker'),
  governmentPosition: step('admissibility', yesNo(), 'isWorker'),
  illTreatment: step('admissibility', yesNo(), 'isWorker'),
  medicalCondition: step('admissibility', yesNo(), 'isWorker'),
  designatedCountryStay: step('admissibility', yesNo(), 'isWorker'),
  previousRefusal: step('admissibility', yesNo(), 'isWorker'),
  overstay: step('admissibility', yesNo(), 'isWorker'),
  refusalDeclared: step(
    'admissibility',
    choice(['yes', 'no', 'noEarlierApplication', 'notSure']),
    'hadRefusalOrOverstay',
  ),

  // Worker: pathway goals
  goalType: step('goals', choice(['temporary', 'permanent', 'notSure']), 'isWorker'),
  goalProvince: step('goals', choice(provinceOrUndecided), 'isWorker'),
  goalTimeline: step('goals', choice(timelines), 'isWorker'),
  familyComing: step('goals', yesNo(), 'isWorker'),

  // Employer: company
  employerCompany: step('company', text(), 'isEmployer'),
  employerProvince: step('company', choice(provinces), 'isEmployer'),
  employerBusinessNumber: step('company', businessNumber(), 'isEmployer'),
  employerPortalUsed: step('company', yesNo(), 'isEmployer'),
  employerCompliance: step(
    'company',
    choice(['neverInspected', 'inspectedCompliant', 'foundNonCompliant', 'notSure']),
    'isEmployer',
  ),

  // Employer: the position
  employerPosition: step('position', text(), 'isEmployer'),
  employerNoc: step('position', noc(), 'isEmployer'),
  employerWage: step('position', money(), 'isEmployer'),
  employerBenefit: step(
    'position',
    choice(['jobsCreated', 'knowledgeTransfer', 'both', 'notSure']),
    'isEmployer',
  ),
  employerStartDate: step('position', date({ expect: 'future', askIfLongPast: true }), 'isEmployer'),
  employerTimeline: step('position', choice(timelines), 'isEmployer'),

  // Employer: the worker
  employerWorkerRelation: step('worker', choice(['sameGroupEmployee', 'newHire', 'notSure']), 'isEmployer'),
  employerWorkerMonths: step('worker', number({ min: 0, max: 480 }), 'workerIsInSameGroup'),
  employerWorkerLevel: step('worker', choice(roleLevels), 'workerIsInSameGroup'),
  employerWorkerCitizenship: step('worker', country(), 'isEmployer'),
  employerWorkerCountry: step('worker', country(), 'isEmployer'),

  // Contact (everyone)
  contactName: step('contact', text({ min: 2, max: 120 })),
  contactEmail: step('contact', email()),
  contactPhone: step('contact', optional(phone())),
  contactPreferred: step('contact', choice(['email', 'phone']), 'gavePhone'),
  heardAbout: step('contact', choice(['search', 'referral', 'socialMedia', 'event', 'other'])),
};

export type StepCatalogue = typeof stepCatalogue;
/** Any questionnaire the engine runs: this one, or a variant a test or a tool builds from it. */
export type Catalogue = Readonly<Record<string, StepDefinition<unknown>>>;
export type CatalogueStep = StepDefinition<unknown>;
export type StepId = keyof StepCatalogue;
export type AnswerOf<S extends StepId> = z.infer<StepCatalogue[S]['input']['value']>;
export type Answers = { [S in StepId]?: AnswerOf<S> };

export const stepIds = Object.keys(stepCatalogue) as StepId[];

export function isStepId(value: string): value is StepId {
  return Object.hasOwn(stepCatalogue, value);
}

/** The steps a prospect answers before the questions proper: not offered as changes in review. */
export const openingSteps: readonly string[] = ['consent', 'role'];

/** One schema for the whole answer set: the lead's `answers` and stored snapshots are checked by it. */
export const answersSchema = z
  .object(
    Object.fromEntries(stepIds.map((id) => [id, stepCatalogue[id].input.value.optional()])) as {
      [S in StepId]: z.ZodOptional<z.ZodType<AnswerOf<S>>>;
    },
  )
  .strict();
