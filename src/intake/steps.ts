import { z } from 'zod';
import {
  choice,
  country,
  date,
  email,
  languageScores,
  money,
  noc,
  number,
  optional,
  personName,
  phone,
  text,
  yesNo,
  type Input,
} from './inputs';
import { cusmaProfessionChoices } from './cusma-professions';

/**
 * The step catalogue: every question of the intake, in the order it is asked.
 * A step is data: its section, its input (which carries the zod schema of its answer) and the
 * named relevance guard that decides whether it is asked on the path taken (see relevance.ts).
 * Wording, choices' titles and help live in flows/<locale>.yaml under the same step id.
 */

export const sections = [
  'welcome',
  'situation',
  'goals',
  'jobOffer',
  'qualifications',
  'admissibility',
  'company',
  'position',
  'worker',
  'contact',
] as const;
export type Section = (typeof sections)[number];

export const workerSections = [
  'situation',
  'goals',
  'jobOffer',
  'qualifications',
  'admissibility',
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
const roleLevels = ['executive', 'seniorManager', 'specializedKnowledge', 'other'] as const;

/** Names of the relevance guards in relevance.ts; a step without `when` is asked of everyone. */
export type RelevanceName =
  | 'isWorker'
  | 'isEmployer'
  | 'isIecPartnerCitizen'
  | 'isInCanada'
  | 'isOutsideCanada'
  | 'isWorkerInCanada'
  | 'holdsEmployerSpecificPermit'
  | 'mayExtendStatus'
  | 'filedExtension'
  | 'hadExtensionRefused'
  | 'mayAimAtPermanentResidence'
  | 'hasJobOffer'
  | 'hasNoJobOffer'
  | 'worksForOfferEmployerInCanada'
  | 'startsNewJob'
  | 'hasSameGroupEmployer'
  | 'isAcademicPost'
  | 'isSportsPost'
  | 'mayHaveCareDuties'
  | 'hasBcOfferAimingAtPr'
  | 'isCusmaCitizenWithOffer'
  | 'cusmaProfessionAcceptsLicence'
  | 'mayHaveSpouseInCanada'
  | 'hasSpouseInCanada'
  | 'spouseIsWorker'
  | 'spouseMayBePrBound'
  | 'spouseFailsC41Limits'
  | 'spouseIsStudent'
  | 'spouseIsCitizenOrPr'
  | 'spouseSponsorshipFiled'
  | 'mayHoldCanadianDegree'
  | 'graduatedInCanada'
  | 'isNonDegreeGraduate'
  | 'isNonDegreeGraduateUnderNewRules'
  | 'mayHaveProvincialOrPrFile'
  | 'isProvincialNominee'
  | 'holdsNomination'
  | 'hasPrApplication'
  | 'hasPrApplicationInCanada'
  | 'ownsBusiness'
  | 'mayCountExperience'
  | 'mayNeedLanguageTest'
  | 'tookLanguageTest'
  | 'mayUseFrench'
  | 'mayHaveCanadianWork'
  | 'hasCanadianWork'
  | 'hasCanadianWorkForCec'
  | 'hasFiledEconomicPrApplication'
  | 'weighsCecRoute'
  | 'hasCanadianWorkAsStudent'
  | 'hasCriminalHistory'
  | 'hadImpairedDriving'
  | 'hasServiceOrAffiliation'
  | 'hadMilitaryService'
  | 'workedForIntelligenceService'
  | 'mayHaveOtherDesignatedStay'
  | 'stayedInAnotherCountry'
  | 'hasImmigrationHistory'
  | 'hadRefusal'
  | 'isOutsideCanadaWithRefusal'
  | 'appliedToCanadaBefore'
  | 'hadRemovalOrder'
  | 'hadDepartureOrder'
  | 'hadOverstay'
  | 'workerIsInSameGroup'
  | 'workerIsNewHire'
  | 'employerJobTypeUnclear'
  | 'employerHiresCusmaCitizen'
  | 'employerMayUseFrench'
  | 'employerCusmaProfessionAcceptsLicence'
  // Facts the guards above combine (no step's own guard): named so the path model tracks them.
  | 'holdsStatus'
  | 'isStudentInCanada'
  | 'keepsCurrentJob'
  | 'hasProfessionalOffer'
  | 'hasBcOffer'
  | 'mayTargetBc'
  | 'isCusmaCitizen'
  | 'cusmaCredentialAllowsExperience'
  | 'spouseIsHighSkilled'
  | 'wasStudentInCanada';

export interface StepDefinition<V> {
  section: Section;
  input: Input<V>;
  when?: RelevanceName;
  /**
   * An answer as private as the admissibility screening's (e.g. mistreatment by an employer):
   * redacted from transcripts like the admissibility and contact sections (src/intake/redaction.ts).
   */
  sensitive?: true;
}

function step<V>(section: Section, input: Input<V>, when?: RelevanceName): StepDefinition<V> {
  return { section, input, when };
}

function sensitiveStep<V>(section: Section, input: Input<V>, when?: RelevanceName): StepDefinition<V> {
  return { section, input, when, sensitive: true };
}

const offerSectors = [
  'health',
  'childCare',
  'inHomeCare',
  'schoolTeaching',
  'teacherExchange',
  'academic',
  'sports',
  'exchange',
  'religious',
  'charitable',
  'agriculture',
  'other',
] as const;

export const stepCatalogue = {
  consent: step('welcome', yesNo()),
  role: step('welcome', choice(['worker', 'employer'])),

  // Worker: current situation
  citizenship: step('situation', country(), 'isWorker'),
  age: step('situation', number({ min: 14, max: 100, unit: 'years' }), 'isIecPartnerCitizen'),
  inCanada: step('situation', yesNo(), 'isWorker'),
  residenceCountry: step('situation', country(), 'isOutsideCanada'),
  currentStatus: step('situation', choice(['visitor', 'student', 'worker', 'other']), 'isInCanada'),
  // Vulnerable workers (A72): one gentle question, only for a permit tied to one employer.
  workPermitType: step('situation', choice(['employerSpecific', 'open', 'notSure']), 'isWorkerInCanada'),
  employerTreatment: sensitiveStep('situation', yesNo(), 'holdsEmployerSpecificPermit'),
  statusExpiry: step('situation', date(), 'isInCanada'),
  extensionFiled: step('situation', yesNo(), 'mayExtendStatus'),
  // Maintained status ends with the decision: a refusal, and its date, start the restoration clock (§10).
  extensionRefused: step('situation', yesNo(), 'filedExtension'),
  extensionRefusalDate: step(
    'situation',
    date({ expect: 'past', refuseFuture: true }),
    'hadExtensionRefused',
  ),

  // Worker: goals (asked early: they decide which permanent-residence questions matter)
  goalType: step('goals', choice(['temporary', 'permanent', 'notSure']), 'isWorker'),
  goalProvince: step(
    'goals',
    choice(provinceOrUndecided, { places: 'province' }),
    'mayAimAtPermanentResidence',
  ),
  familyComing: step('goals', yesNo(), 'isWorker'),

  // Worker: job offer
  hasJobOffer: step('jobOffer', yesNo(), 'isWorker'),
  offerJobTitle: step('jobOffer', text(), 'hasJobOffer'),
  offerSameGroup: step(
    'jobOffer',
    choice(['no', 'parent', 'subsidiary', 'branch', 'affiliate', 'notSure']),
    'hasJobOffer',
  ),
  icMonthsContinuous: step('jobOffer', number({ min: 0, max: 480, unit: 'months' }), 'hasSameGroupEmployer'),
  icRoleLevel: step('jobOffer', choice(roleLevels), 'hasSameGroupEmployer'),
  icNewEntity: step('jobOffer', yesNo(), 'hasSameGroupEmployer'),
  icRevenueCountries: step('jobOffer', yesNo(), 'hasSameGroupEmployer'),
  offerIsCurrentJob: step('jobOffer', yesNo(), 'worksForOfferEmployerInCanada'),
  offerNoc: step('jobOffer', noc(), 'hasJobOffer'),
  offerSector: step('jobOffer', choice(offerSectors), 'hasJobOffer'),
  offerCareDuties: step('jobOffer', yesNo(), 'mayHaveCareDuties'),
  academicRole: step(
    'jobOffer',
    choice(['guestLecturer', 'visitingProfessor', 'postdoc', 'researchAward', 'researcher', 'other']),
    'isAcademicPost',
  ),
  sportsTeam: step('jobOffer', text(), 'isSportsPost'),
  cusmaProfession: step('jobOffer', choice(cusmaProfessionChoices), 'isCusmaCitizenWithOffer'),
  hasLicence: step('jobOffer', yesNo(), 'cusmaProfessionAcceptsLicence'),
  offerWage: step('jobOffer', money(), 'hasJobOffer'),
  offerProvince: step('jobOffer', choice(provinces, { places: 'province' }), 'hasJobOffer'),
  offerStartDate: step('jobOffer', date({ expect: 'future', askIfLongPast: true }), 'startsNewJob'),
  spouseInCanada: step('jobOffer', yesNo(), 'mayHaveSpouseInCanada'),
  spouseStatus: step('jobOffer', choice(['worker', 'student', 'citizenOrPr', 'other']), 'hasSpouseInCanada'),
  spouseTeer: step('jobOffer', choice(teerOrUnknown), 'spouseIsWorker'),
  spouseMonthsLeft: step('jobOffer', number({ min: 0, max: 120, unit: 'months' }), 'spouseIsWorker'),
  spousePrBound: step('jobOffer', choice(['no', 'prApplied', 'nominated', 'notSure']), 'spouseMayBePrBound'),
  // Free-trade spouse codes (T45, T53, T25) are not bound by C41's limits: asked when those fail.
  spouseCitizenship: step('jobOffer', country(), 'spouseFailsC41Limits'),
  spouseProgram: step(
    'jobOffer',
    choice(['doctoral', 'masters16', 'mastersShort', 'professional', 'bachelor', 'college', 'other']),
    'spouseIsStudent',
  ),
  spouseSponsorship: step('jobOffer', yesNo(), 'spouseIsCitizenOrPr'),
  livingTogether: step('jobOffer', yesNo(), 'spouseSponsorshipFiled'),
  graduatedInCanada: step('jobOffer', yesNo(), 'mayHoldCanadianDegree'),
  programCredential: step(
    'jobOffer',
    choice(['college', 'bachelor', 'master', 'doctorate', 'other']),
    'graduatedInCanada',
  ),
  programLength: step(
    'jobOffer',
    choice(['under8Months', '8to24Months', '24MonthsPlus']),
    'graduatedInCanada',
  ),
  studyPermitAfterNov2024: step('jobOffer', yesNo(), 'isNonDegreeGraduate'),
  programField: step('jobOffer', text(), 'isNonDegreeGraduateUnderNewRules'),
  graduationDate: step('jobOffer', date(), 'graduatedInCanada'),
  hadPgwp: step('jobOffer', yesNo(), 'graduatedInCanada'),
  prStatus: step(
    'jobOffer',
    choice(['none', 'pnpApplied', 'nominated', 'prApplied']),
    'mayHaveProvincialOrPrFile',
  ),
  prProgram: step(
    'jobOffer',
    choice(['cec', 'fsw', 'fst', 'pnp', 'caregiver', 'family', 'hongKong', 'other']),
    'hasPrApplication',
  ),
  nominationProvince: step('jobOffer', choice(provinces, { places: 'province' }), 'isProvincialNominee'),
  nominationEmployer: step('jobOffer', yesNo(), 'holdsNomination'),
  prAor: step('jobOffer', yesNo(), 'hasPrApplicationInCanada'),
  // After the PR questions: a prospect who already holds a nomination is past BC PNP (its only reader).
  offerTerms: step(
    'jobOffer',
    choice(['permanentFullTime', 'fixedTermFullTime', 'partTime']),
    'hasBcOfferAimingAtPr',
  ),
  ownsBusiness: step('jobOffer', yesNo(), 'hasNoJobOffer'),
  ownershipPercent: step('jobOffer', number({ min: 0, max: 100, unit: 'percent' }), 'ownsBusiness'),
  businessInvestment: step('jobOffer', choice(['under100k', '100kTo200k', '200kPlus']), 'ownsBusiness'),
  businessNetWorth: step('jobOffer', choice(['under300k', '300kTo600k', '600kPlus']), 'ownsBusiness'),
  businessJobs: step('jobOffer', number({ min: 0, max: 1000 }), 'ownsBusiness'),

  // Worker: qualifications and experience
  educationLevel: step(
    'qualifications',
    choice(['secondary', 'trade', 'diploma', 'bachelor', 'master', 'doctorate', 'other']),
    'isWorker',
  ),
  yearsExperience: step('qualifications', number({ min: 0, max: 60, unit: 'years' }), 'mayCountExperience'),
  canadianWorkMonths: step(
    'qualifications',
    number({ min: 0, max: 480, unit: 'months' }),
    'mayHaveCanadianWork',
  ),
  canadianWorkTeer: step('qualifications', choice(teerOrUnknown), 'weighsCecRoute'),
  selfEmployed: step('qualifications', yesNo(), 'weighsCecRoute'),
  canadianWorkWhileStudying: step('qualifications', yesNo(), 'hasCanadianWorkAsStudent'),
  frenchAbility: step(
    'qualifications',
    choice(['none', 'basic', 'intermediate', 'advanced']),
    'mayUseFrench',
  ),
  languageTest: step(
    'qualifications',
    choice(['ieltsGeneral', 'celpip', 'pteCore', 'tefCanada', 'tcfCanada', 'otherTest', 'none']),
    'mayNeedLanguageTest',
  ),
  languageLevel: step('qualifications', languageScores('languageTest'), 'tookLanguageTest'),
  languageTestDate: step('qualifications', date({ expect: 'past', refuseFuture: true }), 'tookLanguageTest'),

  // Worker: admissibility — yes/no screeners; follow-ups only after a yes; details in consultation
  criminalHistory: step('admissibility', yesNo(), 'isWorker'),
  criminalConviction: step('admissibility', yesNo(), 'hasCriminalHistory'),
  impairedDriving: step('admissibility', yesNo(), 'hasCriminalHistory'),
  impairedDrivingSince2018: step('admissibility', yesNo(), 'hadImpairedDriving'),
  serviceOrAffiliation: step('admissibility', yesNo(), 'isWorker'),
  militaryService: step('admissibility', yesNo(), 'hasServiceOrAffiliation'),
  intelligenceService: step('admissibility', yesNo(), 'hadMilitaryService'),
  intelligenceCountry: step('admissibility', country(), 'workedForIntelligenceService'),
  governmentPosition: step('admissibility', yesNo(), 'hasServiceOrAffiliation'),
  violentGroups: step('admissibility', yesNo(), 'hasServiceOrAffiliation'),
  organizedCrime: step('admissibility', yesNo(), 'hasServiceOrAffiliation'),
  illTreatment: step('admissibility', yesNo(), 'hasServiceOrAffiliation'),
  medicalCondition: step('admissibility', yesNo(), 'isWorker'),
  designatedCountryStay: step('admissibility', yesNo(), 'mayHaveOtherDesignatedStay'),
  stayCountry: step('admissibility', country(), 'stayedInAnotherCountry'),
  immigrationHistory: step('admissibility', yesNo(), 'isWorker'),
  previousRefusal: step('admissibility', yesNo(), 'hasImmigrationHistory'),
  refusalCountry: step('admissibility', country(), 'hadRefusal'),
  refusalYear: step('admissibility', number({ min: 1950, max: 2100 }), 'hadRefusal'),
  // Neutral facts only (§9, §10): the lawyer raises disclosure in the consultation.
  appliedToCanada: step('admissibility', yesNo(), 'isOutsideCanadaWithRefusal'),
  canadianApplicationType: step(
    'admissibility',
    choice(['visitor', 'study', 'work', 'permanentResidence', 'other']),
    'appliedToCanadaBefore',
  ),
  canadianApplicationYear: step('admissibility', number({ min: 1950, max: 2100 }), 'appliedToCanadaBefore'),
  overstay: step('admissibility', yesNo(), 'hasImmigrationHistory'),
  overstayCountry: step('admissibility', country(), 'hadOverstay'),
  removalOrder: step('admissibility', yesNo(), 'hasImmigrationHistory'),
  removalOrderType: step(
    'admissibility',
    choice(['deportation', 'exclusion', 'departure', 'notSure']),
    'hadRemovalOrder',
  ),
  removalYear: step('admissibility', number({ min: 1950, max: 2100 }), 'hadRemovalOrder'),
  departureConfirmed: step('admissibility', yesNo(), 'hadDepartureOrder'),

  // Employer: company
  employerCompany: step('company', text(), 'isEmployer'),
  employerProvince: step('company', choice(provinces, { places: 'province' }), 'isEmployer'),
  employerCompliance: step(
    'company',
    choice(['neverUsedPortal', 'neverInspected', 'inspectedCompliant', 'foundNonCompliant', 'notSure']),
    'isEmployer',
  ),

  // Employer: the position
  employerPosition: step('position', text(), 'isEmployer'),
  employerNoc: step('position', noc(), 'isEmployer'),
  // The NOC alone does not tell care duties (44101 also holds housekeepers): asked where it may not (§10).
  employerJobType: step(
    'position',
    choice(['health', 'childCare', 'inHomeCare', 'schoolTeaching', 'agriculture', 'other']),
    'employerJobTypeUnclear',
  ),
  employerWage: step('position', money(), 'isEmployer'),
  employerStartDate: step('position', date({ expect: 'future', askIfLongPast: true }), 'isEmployer'),

  // Employer: the worker
  employerWorkerRelation: step(
    'worker',
    choice(['sameGroupEmployee', 'sameGroupNewOffice', 'newHire', 'notSure']),
    'isEmployer',
  ),
  employerWorkerMonths: step('worker', number({ min: 0, max: 480, unit: 'months' }), 'workerIsInSameGroup'),
  employerWorkerLevel: step('worker', choice(roleLevels), 'workerIsInSameGroup'),
  employerRevenueCountries: step('worker', yesNo(), 'workerIsInSameGroup'),
  employerBenefit: step(
    'worker',
    choice(['jobsCreated', 'knowledgeTransfer', 'both', 'notSure']),
    'workerIsNewHire',
  ),
  employerWorkerCitizenship: step('worker', country(), 'isEmployer'),
  employerWorkerCountry: step('worker', country(), 'isEmployer'),
  // Francophone Mobility (C16) for a new hire outside Quebec: the employer's sense of the worker's French.
  employerWorkerFrench: step(
    'worker',
    choice(['none', 'basic', 'intermediate', 'advanced', 'notSure']),
    'employerMayUseFrench',
  ),
  employerCusmaProfession: step('worker', choice(cusmaProfessionChoices), 'employerHiresCusmaCitizen'),
  employerWorkerLicence: step('worker', yesNo(), 'employerCusmaProfessionAcceptsLicence'),

  // Contact (everyone)
  contactName: step('contact', personName({ roleStep: 'contactRole' })),
  // an employer's contact: their role at the company, asked apart from the name
  contactRole: step('contact', text({ min: 2, max: 120 }), 'isEmployer'),
  contactEmail: step('contact', email()),
  // A number is given to be called on: it is the preferred contact (lead.ts), not asked apart.
  contactPhone: step('contact', optional(phone())),
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
