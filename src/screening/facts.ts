import {
  isDegree,
  isHomeSupportNoc,
  isSameGroupRelation,
  teerOfChoice,
  teerOfNoc,
  type Teer,
} from '../intake/answer-facts';
import type { Money } from '../intake/inputs';
import { convertScores } from '../intake/parse/language';
import { stepCatalogue, stepIds, type AnswerOf, type Answers, type StepId } from '../intake/steps';
import { englishCountryName } from './countries';

/**
 * Facts derived from the answers, named for what the rules test. Worker and employer leads are
 * read into the same shape (the offer, the corporate group, the worker's citizenship) so one rule
 * serves both. A gate left unanswered (e.g. hasJobOffer) is read from the answers behind it; a
 * gate answered "no" hides them.
 */

export type Role = AnswerOf<'role'>;
export { isProfessionalTeer, teerOfNoc, type Teer } from '../intake/answer-facts';
export type Province = AnswerOf<'employerProvince'>;
export type RoleLevel = AnswerOf<'icRoleLevel'>;
export type OfferSector = AnswerOf<'offerSector'>;
type LanguageTest = AnswerOf<'languageTest'>;

export interface OfferFacts {
  teer?: Teer;
  noc?: string;
  province?: Province;
  sector?: OfferSector;
  startDate?: string;
  /** The offer is the job the worker already holds in Canada (the bridging case). */
  isCurrentJob?: boolean;
  fullTime?: boolean;
  permanent?: boolean;
  wage?: Money;
  academicRole?: AnswerOf<'academicRole'>;
  sportsTeam?: string;
  /** CUSMA profession chosen (US/Mexican citizens), and whether a licence is held. */
  cusmaProfession?: AnswerOf<'cusmaProfession'>;
  hasLicence?: boolean;
  /** Looks after children, seniors or people with disabilities in a home (asked for home-support NOCs). */
  careDuties?: boolean;
}

export interface CorporateGroupFacts {
  /** True for a parent, subsidiary, branch or affiliate (or the employer's same-group employee). */
  isSameGroup?: boolean;
  relation?: 'parent' | 'subsidiary' | 'branch' | 'affiliate' | 'sameGroupEmployee';
  /** Months of continuous full-time work with the group in the last 3 years. */
  months?: number;
  level?: RoleLevel;
  /** The Canadian entity is new (start-up office: C61 since Oct 2024). */
  newEntity?: boolean;
  /** The group earns revenue in 2 or more countries (Oct 3, 2024 guidance). */
  revenueInTwoCountries?: boolean;
}

export interface LanguageFacts {
  kind: 'english' | 'french' | 'notAccepted' | 'none' | 'unknown';
  testName?: string;
  /** The lowest CLB (English) or NCLC (French) level across the four skills. */
  level?: number;
  /** The level was read from an overall score, not the four skills: an estimate (§6). */
  estimate?: boolean;
  /** A chart band used for the level is not confirmed [U] (§6). */
  unconfirmed?: boolean;
  scale: 'CLB' | 'NCLC';
  testDate?: string;
  /** Results are valid 2 years (§6). */
  expired: boolean;
}

export interface Facts {
  today: string;
  role: Role;
  isEmployer: boolean;
  /** The worker's citizenship (for an employer lead: the worker they want to hire). */
  citizenship?: string;
  residence?: string;
  age?: number;
  inCanada: boolean;
  currentStatus?: AnswerOf<'currentStatus'>;
  statusExpiry?: string;
  /** Applied to extend before the status expired (maintained status). */
  extensionFiled?: boolean;
  /** The extension was refused (maintained status ends with the decision, §10), and when. */
  extensionRefused?: boolean;
  extensionRefusedOn?: string;
  /** Answered whether a spouse or partner is in Canada (undefined when not asked). */
  spouseInCanada?: boolean;
  /** The job offer (an employer lead always has one: the position). */
  offer?: OfferFacts;
  group: CorporateGroupFacts;
  educationLevel?: AnswerOf<'educationLevel'>;
  hasDegree?: boolean;
  hasLicence?: boolean;
  yearsExperience?: number;
  language: LanguageFacts;
  /** The worker's own assessment, or (employer leads) the employer's, who may not be sure. */
  frenchAbility?: AnswerOf<'frenchAbility'> | 'notSure';
  selfEmployed?: boolean;
  canadianWork: { months?: number; teer?: Teer; teerUnknown: boolean; whileStudying?: boolean };
  spouse?: {
    status?: AnswerOf<'spouseStatus'>;
    teer?: Teer;
    monthsLeft?: number;
    program?: AnswerOf<'spouseProgram'>;
    prBound?: AnswerOf<'spousePrBound'>;
    sponsorshipFiled?: boolean;
    livingTogether?: boolean;
  };
  graduation?: {
    credential?: AnswerOf<'programCredential'>;
    programLength?: AnswerOf<'programLength'>;
    /** Study permit applied for on or after Nov 1, 2024 (field-of-study list). */
    studyPermitAfterNov2024?: boolean;
    field?: string;
    date?: string;
    hadPgwp?: boolean;
  };
  prStatus?: AnswerOf<'prStatus'>;
  nomination?: { province?: Province; tiedToEmployer?: boolean };
  prApplication?: { program?: AnswerOf<'prProgram'>; aor?: boolean };
  business?: {
    ownershipPercent?: number;
    investment?: AnswerOf<'businessInvestment'>;
    netWorth?: AnswerOf<'businessNetWorth'>;
    jobs?: number;
  };
  goalType?: AnswerOf<'goalType'>;
  goalProvince?: AnswerOf<'goalProvince'>;
  familyComing?: boolean;
  employer?: {
    benefit?: AnswerOf<'employerBenefit'>;
    portalUsed?: boolean;
    compliance?: AnswerOf<'employerCompliance'>;
  };
}

const DAY_MS = 86_400_000;

function utc(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(utc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The wage a rule may compare with Canadian wage levels: none when it was given in another
 * currency, which is kept as typed and flagged for staff rather than read as dollars.
 */
export function wageInCad(wage: Money | undefined): Money | undefined {
  return wage && (wage.currency ?? 'CAD') === 'CAD' ? wage : undefined;
}

/** A PGWP is applied for within 180 days of graduation (§2). */
export const PGWP_WINDOW_DAYS = 180;

export function pgwpWindowClosesOn(graduationDate: string): string {
  return addDays(graduationDate, PGWP_WINDOW_DAYS);
}

export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number);
  // 29 February plus a year lands on 1 March, like Date does.
  return new Date(Date.UTC((year ?? 1970) + years, (month ?? 1) - 1, day ?? 1)).toISOString().slice(0, 10);
}

const employerSteps = new Set<StepId>(
  stepIds.filter((id) => ['company', 'position', 'worker'].includes(stepCatalogue[id].section)),
);

/** The role answered, or read from the answers given when the role step is missing. */
export function roleOf(answers: Answers): Role {
  if (answers.role) return answers.role;
  const keys = Object.keys(answers) as StepId[];
  return keys.some((id) => employerSteps.has(id) && answers[id] !== undefined) ? 'employer' : 'worker';
}

/** A gate answered "no" hides the answers behind it; an unanswered gate is read from them. */
function gateOpen(gate: boolean | undefined, ...behind: unknown[]): boolean {
  return gate === true || (gate === undefined && behind.some((value) => value !== undefined));
}

export const languageTestNames: Record<Exclude<LanguageTest, 'none' | 'otherTest'>, string> = {
  ieltsGeneral: 'IELTS General Training',
  celpip: 'CELPIP-General',
  pteCore: 'PTE Core',
  tefCanada: 'TEF Canada',
  tcfCanada: 'TCF Canada',
};

/** French tests (TEF, TCF) report NCLC levels; English tests report CLB levels (§6). */
export function scaleOf(test: LanguageTest | undefined): LanguageFacts['scale'] {
  return test === 'tefCanada' || test === 'tcfCanada' ? 'NCLC' : 'CLB';
}

function languageFacts(answers: Answers, today: string): LanguageFacts {
  const test = answers.languageTest;
  const scale = scaleOf(test);
  if (test === undefined) return { kind: 'unknown', scale, expired: false };
  if (test === 'none') return { kind: 'none', scale, expired: false };
  if (test === 'otherTest') return { kind: 'notAccepted', scale, expired: false };
  const testDate = answers.languageTestDate;
  const result = answers.languageLevel;
  // Scores are converted with IRCC's equivalency chart (§6); a bare number is a level as given.
  const conversion = result !== null && typeof result === 'object' ? convertScores(result) : undefined;
  return {
    kind: scale === 'NCLC' ? 'french' : 'english',
    testName: languageTestNames[test],
    level: conversion ? conversion.lowest : typeof result === 'number' ? result : undefined,
    estimate: conversion?.estimate ?? false,
    unconfirmed: conversion?.unconfirmed ?? false,
    scale,
    testDate,
    expired: testDate !== undefined && addYears(testDate, 2) < today,
  };
}

function workerOffer(answers: Answers): OfferFacts {
  const terms = answers.offerTerms;
  return {
    teer: teerOfNoc(answers.offerNoc),
    noc: answers.offerNoc?.noc,
    province: answers.offerProvince,
    sector: answers.offerSector,
    isCurrentJob: answers.offerIsCurrentJob,
    startDate: answers.offerIsCurrentJob === true ? undefined : answers.offerStartDate,
    fullTime: terms === undefined ? undefined : terms !== 'partTime',
    permanent: terms === undefined ? undefined : terms === 'permanentFullTime',
    wage: answers.offerWage,
    academicRole: answers.offerSector === 'academic' ? answers.academicRole : undefined,
    sportsTeam: answers.offerSector === 'sports' ? answers.sportsTeam : undefined,
    cusmaProfession: answers.cusmaProfession,
    hasLicence: answers.hasLicence,
    careDuties: answers.offerCareDuties,
  };
}

function employerFacts(answers: Answers, today: string): Facts {
  const relation = answers.employerWorkerRelation;
  const sameGroup = relation === 'sameGroupEmployee' || relation === 'sameGroupNewOffice';
  return {
    today,
    role: 'employer',
    isEmployer: true,
    citizenship: answers.employerWorkerCitizenship,
    residence: answers.employerWorkerCountry,
    inCanada: false,
    offer: {
      teer: teerOfNoc(answers.employerNoc),
      noc: answers.employerNoc?.noc,
      province: answers.employerProvince,
      startDate: answers.employerStartDate,
      wage: answers.employerWage,
      sector: answers.employerJobType,
      cusmaProfession: answers.employerCusmaProfession,
      hasLicence: answers.employerWorkerLicence,
    },
    group: {
      isSameGroup: relation === undefined || relation === 'notSure' ? undefined : sameGroup,
      relation: sameGroup ? 'sameGroupEmployee' : undefined,
      months: sameGroup ? answers.employerWorkerMonths : undefined,
      level: sameGroup ? answers.employerWorkerLevel : undefined,
      newEntity: sameGroup ? relation === 'sameGroupNewOffice' : undefined,
      revenueInTwoCountries: sameGroup ? answers.employerRevenueCountries : undefined,
    },
    language: { kind: 'unknown', scale: 'CLB', expired: false },
    frenchAbility: answers.employerWorkerFrench,
    canadianWork: { teerUnknown: false },
    employer: {
      benefit: sameGroup ? undefined : answers.employerBenefit,
      portalUsed:
        answers.employerCompliance === undefined || answers.employerCompliance === 'notSure'
          ? undefined
          : answers.employerCompliance !== 'neverUsedPortal',
      compliance: answers.employerCompliance,
    },
  };
}

function workerFacts(answers: Answers, today: string): Facts {
  const a = answers;
  const inCanada = gateOpen(a.inCanada, a.currentStatus, a.statusExpiry, a.extensionFiled);
  const hasOffer = gateOpen(a.hasJobOffer, a.offerJobTitle, a.offerNoc, a.offerProvince, a.offerSameGroup);
  const sameGroupAnswer = hasOffer ? a.offerSameGroup : undefined;
  const relation = isSameGroupRelation(sameGroupAnswer) ? sameGroupAnswer : undefined;
  const isSameGroup = relation !== undefined ? true : sameGroupAnswer === 'no' ? false : undefined;
  const spouseOpen = gateOpen(a.spouseInCanada, a.spouseStatus);
  const graduated = gateOpen(a.graduatedInCanada, a.graduationDate, a.programLength);
  const hasPr =
    a.prStatus === 'prApplied' || (a.prStatus === undefined && (a.prProgram ?? a.prAor) !== undefined);
  const ownsBusiness = gateOpen(a.ownsBusiness, a.ownershipPercent, a.businessInvestment);
  return {
    today,
    role: 'worker',
    isEmployer: false,
    citizenship: a.citizenship,
    residence: a.residenceCountry,
    age: a.age,
    inCanada,
    currentStatus: inCanada ? a.currentStatus : undefined,
    statusExpiry: inCanada ? a.statusExpiry : undefined,
    extensionFiled: inCanada ? a.extensionFiled : undefined,
    extensionRefused: inCanada && a.extensionFiled === true ? a.extensionRefused : undefined,
    extensionRefusedOn:
      inCanada && a.extensionFiled === true && a.extensionRefused === true
        ? a.extensionRefusalDate
        : undefined,
    spouseInCanada: a.spouseInCanada,
    offer: hasOffer ? workerOffer(a) : undefined,
    group: {
      isSameGroup,
      relation,
      months: isSameGroup ? a.icMonthsContinuous : undefined,
      level: isSameGroup ? a.icRoleLevel : undefined,
      newEntity: isSameGroup ? a.icNewEntity : undefined,
      revenueInTwoCountries: isSameGroup ? a.icRevenueCountries : undefined,
    },
    educationLevel: a.educationLevel,
    hasDegree: a.educationLevel === undefined ? undefined : isDegree(a.educationLevel),
    hasLicence: a.hasLicence,
    yearsExperience: a.yearsExperience,
    language: languageFacts(a, today),
    frenchAbility: a.frenchAbility,
    selfEmployed: a.selfEmployed,
    canadianWork: {
      months: a.canadianWorkMonths,
      teer: teerOfChoice(a.canadianWorkTeer),
      teerUnknown: a.canadianWorkTeer === 'unknown',
      whileStudying: a.canadianWorkWhileStudying,
    },
    spouse: spouseOpen
      ? {
          status: a.spouseStatus,
          teer: a.spouseStatus === 'worker' ? teerOfChoice(a.spouseTeer) : undefined,
          monthsLeft: a.spouseStatus === 'worker' ? a.spouseMonthsLeft : undefined,
          program: a.spouseStatus === 'student' ? a.spouseProgram : undefined,
          prBound: a.spouseStatus === 'worker' ? a.spousePrBound : undefined,
          sponsorshipFiled: a.spouseStatus === 'citizenOrPr' ? a.spouseSponsorship : undefined,
          livingTogether: a.spouseStatus === 'citizenOrPr' ? a.livingTogether : undefined,
        }
      : undefined,
    graduation: graduated
      ? {
          credential: a.programCredential,
          programLength: a.programLength,
          studyPermitAfterNov2024: a.studyPermitAfterNov2024,
          field: a.programField,
          date: a.graduationDate,
          hadPgwp: a.hadPgwp,
        }
      : undefined,
    prStatus: a.prStatus,
    nomination:
      a.prStatus === 'nominated'
        ? { province: a.nominationProvince, tiedToEmployer: a.nominationEmployer }
        : a.prStatus === 'prApplied' && a.prProgram === 'pnp'
          ? { tiedToEmployer: a.nominationEmployer }
          : undefined,
    prApplication: hasPr ? { program: a.prProgram, aor: inCanada ? a.prAor : undefined } : undefined,
    business: ownsBusiness
      ? {
          ownershipPercent: a.ownershipPercent,
          investment: a.businessInvestment,
          netWorth: a.businessNetWorth,
          jobs: a.businessJobs,
        }
      : undefined,
    goalType: a.goalType,
    goalProvince: a.goalProvince,
    familyComing: a.familyComing,
  };
}

export function deriveFacts(answers: Answers, today: string): Facts {
  return roleOf(answers) === 'employer' ? employerFacts(answers, today) : workerFacts(answers, today);
}

export const isSkilledTeer = (teer: Teer | undefined): teer is 0 | 1 | 2 | 3 =>
  teer !== undefined && teer <= 3;

/** "the worker" on an employer lead, "the prospect" otherwise — for reasons that name the person. */
export const personOf = (f: Facts) => (f.isEmployer ? 'the worker' : 'the prospect');

export function citizenOf(f: Facts): string {
  return f.citizenship === undefined
    ? 'citizenship not given'
    : `citizen of ${englishCountryName(f.citizenship)}`;
}

/** NOC 2021 codes of public-health jobs outside broad category 3 (health): child care and school teaching. */
const publicHealthNocs: Record<string, OfferSector> = {
  '41220': 'schoolTeaching',
  '41221': 'schoolTeaching',
  '43100': 'schoolTeaching',
  '42202': 'childCare',
  '44100': 'childCare',
};

/** The job's sector as answered, or read from its NOC code (employers are not asked the sector). */
export function sectorOf(offer: OfferFacts | undefined): OfferSector | undefined {
  const noc = offer?.noc;
  // The duties answered outrank a home-support NOC, which holds housekeepers too (§10); a "no" does
  // not turn home child care (44100, child care by definition, §3) into housekeeping.
  if (
    noc !== undefined &&
    offer?.careDuties !== undefined &&
    isHomeSupportNoc(noc) &&
    !isCareSector(offer.sector)
  )
    return offer.careDuties ? 'inHomeCare' : (publicHealthNocs[noc] ?? offer.sector);
  const byNoc =
    noc === undefined ? undefined : (publicHealthNocs[noc] ?? (noc.startsWith('3') ? 'health' : undefined));
  // A kind of post (exchange, academic, sports) does not hide a school-teaching or health NOC.
  if (
    offer?.sector &&
    !(
      byNoc &&
      ['teacherExchange', 'exchange', 'academic', 'sports', 'religious', 'charitable', 'other'].includes(
        offer.sector,
      )
    )
  )
    return offer.sector;
  return byNoc ?? offer?.sector;
}

const isCareSector = (sector: OfferSector | undefined) =>
  sector === 'health' || sector === 'childCare' || sector === 'inHomeCare';
