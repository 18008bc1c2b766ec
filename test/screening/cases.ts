import type { Answers } from '../../src/intake/steps';
import type { AdmissibilityGround, Fit, Pathway, PriorityLevel, UrgencyLevel } from '../../src/screening';
import { dec2026LawyerCases } from './cases-dec2026-lawyer';
import { dec2026StreamCases } from './cases-dec2026-streams';
import { employer, inCanadaAsWorker, worker, workerWithOffer } from './fixtures';

/** A prospect's answers and what staff must see in the screening, with the reference section it rests on. */
export interface ScreeningCase {
  name: string;
  ref: string;
  answers: Answers;
  handoffRequested?: boolean;
  expect: {
    /** Fit per stream code; 'absent' when the stream must not be listed. */
    streams?: Record<string, Fit | 'absent'>;
    /** Text a stream's reasons or missing items must contain. */
    streamText?: Record<string, RegExp>;
    /** The exact set of stream codes listed. */
    onlyStreams?: string[];
    noExemptStreamEvident?: boolean;
    /** The exact set of flag grounds. */
    flags?: AdmissibilityGround[];
    /** The criminality flag's `serious`; 'unset' when the answers do not tell. */
    criminalitySerious?: boolean | 'unset';
    flagNote?: { ground: AdmissibilityGround; pattern: RegExp };
    pathways?: { program: Pathway['program']; stream?: string; fit: Fit | 'absent'; text?: RegExp }[];
    urgency?: { level: UrgencyLevel; deadline?: string | null; reason?: RegExp };
    priority?: PriorityLevel;
    /** Text one of the blockers must contain. */
    blockers?: RegExp;
    /** Text no blocker may contain (an instruction the facts do not allow). */
    noBlocker?: RegExp;
    /** Text that must appear nowhere in the screening (streams, flags, urgency, blockers, pathways). */
    nowhere?: RegExp;
    /** Text the staff summary (the lead's summary text) must contain. */
    summary?: RegExp;
    /** Text the staff summary must not contain (a sentence the facts do not allow). */
    notInSummary?: RegExp;
    /** Text one of the lawyer notes (not flags) must contain. */
    notes?: RegExp;
    needsLawyerReview?: boolean;
  };
}

const noFlags: Answers = {};
/** Lives in Canada's neighbour: no designated-country stay, so only the rule under test flags. */
const canadianResident = (answers: Answers): Answers => ({ ...answers, residenceCountry: 'IE' });
const ictWorker = (overrides: Answers) =>
  workerWithOffer({
    offerSameGroup: 'subsidiary',
    icMonthsContinuous: 24,
    icRoleLevel: 'executive',
    icNewEntity: false,
    icRevenueCountries: true,
    ...overrides,
  });
const spouseWorker = (overrides: Answers) =>
  worker({
    spouseInCanada: true,
    spouseStatus: 'worker',
    spouseTeer: '1',
    spouseMonthsLeft: 20,
    ...overrides,
  });
const spouseStudent = (overrides: Answers) =>
  worker({ spouseInCanada: true, spouseStatus: 'student', ...overrides });
/** A university graduate in Canada, 60 days after graduation, with CLB 8. */
const graduate = (overrides: Answers) =>
  worker({
    ...inCanadaAsWorker,
    currentStatus: 'student',
    graduatedInCanada: true,
    programCredential: 'bachelor',
    programLength: '24MonthsPlus',
    graduationDate: '2026-09-26',
    hadPgwp: false,
    ...overrides,
  });
const bridging = (overrides: Answers) =>
  worker({
    ...inCanadaAsWorker,
    statusExpiry: '2027-02-23',
    prStatus: 'prApplied',
    prProgram: 'cec',
    prAor: true,
    canadianWorkMonths: 20,
    canadianWorkTeer: '1',
    canadianWorkWhileStudying: false,
    ...overrides,
  });
const francophone = (overrides: Answers) =>
  workerWithOffer({
    citizenship: 'CM',
    residenceCountry: 'CM',
    languageTest: 'tefCanada',
    languageLevel: 7,
    languageTestDate: '2026-03-01',
    frenchAbility: 'advanced',
    ...overrides,
  });
const cecCandidate = (overrides: Answers) =>
  worker({
    ...inCanadaAsWorker,
    canadianWorkMonths: 14,
    canadianWorkTeer: '1',
    canadianWorkWhileStudying: false,
    goalType: 'permanent',
    goalProvince: 'ON',
    ...overrides,
  });
const bcOfferForPr = (overrides: Answers) =>
  workerWithOffer({ goalType: 'permanent', goalProvince: 'BC', ...overrides });

export const screeningCases: ScreeningCase[] = [
  // ——— No stream evident ———
  {
    name: 'a worker abroad with no offer, family, study or business in Canada has no exempt stream',
    ref: '§2',
    answers: worker(),
    expect: { onlyStreams: [], noExemptStreamEvident: true, flags: [], priority: 'low' },
  },
  {
    name: 'a TEER 3 offer from an unrelated employer to an Indian citizen points to an LMIA',
    ref: '§2',
    answers: workerWithOffer({ offerNoc: { noc: '63200', teer: 3 } }),
    expect: { onlyStreams: [], noExemptStreamEvident: true },
  },

  // ——— C10 and C11 ———
  {
    name: 'C10: an employer expecting jobs for Canadians is a possible significant-benefit case, never likely',
    ref: '§2',
    answers: employer({ employerBenefit: 'jobsCreated' }),
    expect: {
      streams: { C10: 'possible' },
      streamText: { C10: /Feb 24, 2026.*to confirm/ },
      noExemptStreamEvident: false,
    },
  },
  {
    name: 'C10: an employer not sure of any benefit is not a C10 candidate',
    ref: '§2',
    answers: employer({ employerBenefit: 'notSure' }),
    expect: { streams: { C10: 'absent' } },
  },
  {
    name: 'C10: a senior worker with a TEER 0/1 offer is shown C10, but it does not make a stream evident',
    ref: '§2',
    answers: workerWithOffer({ yearsExperience: 14 }),
    expect: { streams: { C10: 'possible' }, noExemptStreamEvident: true },
  },
  {
    name: 'C11: an owner of 60% of the business is a possible entrepreneur',
    ref: '§2',
    answers: worker({ ownsBusiness: true, ownershipPercent: 60 }),
    expect: { streams: { C11: 'possible' }, streamText: { C11: /60%/ } },
  },
  {
    name: 'C11: an owner of 30% fails the 50% control requirement',
    ref: '§2',
    answers: worker({ ownsBusiness: true, ownershipPercent: 30 }),
    expect: { streams: { C11: 'unlikely' }, streamText: { C11: /at least 50%/ } },
  },

  // ——— Intra-company transferees ———
  {
    name: 'C62: an executive of a subsidiary with 24 months continuous full-time is likely (codes since Oct 2024 to confirm)',
    ref: '§9 Streams',
    answers: ictWorker({}),
    expect: {
      streams: { C62: 'likely', C63: 'absent', C61: 'absent', C12: 'absent' },
      streamText: {
        C62: /C61 start-up, C62 executive or senior manager, C63 specialized knowledge.*to confirm/,
      },
    },
  },
  {
    name: 'C61: a transfer to open a new Canadian office is the start-up code',
    ref: '§9 Streams',
    answers: ictWorker({ icNewEntity: true }),
    expect: {
      streams: { C61: 'likely', C62: 'absent' },
      streamText: { C61: /premises, a staffing plan and funds/ },
    },
  },
  {
    name: 'ICT: a group without revenue in 2+ countries fails the Oct 2024 guidance',
    ref: '§9 Streams',
    answers: ictWorker({ icRevenueCountries: false }),
    expect: { streams: { C62: 'unlikely' }, streamText: { C62: /revenue in 2 or more countries/ } },
  },
  {
    name: 'ICT: whether the entity is new, when not answered, stays open',
    ref: '§9 Streams',
    answers: ictWorker({ icNewEntity: undefined }),
    expect: { streams: { C62: 'possible' }, streamText: { C62: /C61/ } },
  },
  {
    name: 'C63: specialized knowledge with 18 months at a branch is likely',
    ref: '§2',
    answers: ictWorker({
      offerSameGroup: 'branch',
      icMonthsContinuous: 18,
      icRoleLevel: 'specializedKnowledge',
    }),
    expect: { streams: { C63: 'likely', C62: 'absent' } },
  },
  {
    name: 'C62: 8 months with the group fails the one-year requirement',
    ref: '§2, §8',
    answers: ictWorker({ icMonthsContinuous: 8 }),
    expect: { streams: { C62: 'unlikely' }, streamText: { C62: /at least 12/ } },
  },
  {
    name: 'C63: a role level of "other" does not qualify for a transfer',
    ref: '§2',
    answers: ictWorker({ icRoleLevel: 'other' }),
    expect: { streams: { C63: 'unlikely', C62: 'absent' } },
  },
  {
    name: 'C12/C63: an offer from an unrelated company is no intra-company transfer',
    ref: '§2',
    answers: workerWithOffer({ offerSameGroup: 'no' }),
    expect: { streams: { C62: 'absent', C63: 'absent' } },
  },

  // ——— CUSMA ———
  {
    name: "T36: a US engineer with a bachelor's degree is a likely CUSMA professional",
    ref: '§9 Streams',
    answers: workerWithOffer({ citizenship: 'US', residenceCountry: 'US', cusmaProfession: 'engineer' }),
    expect: { streams: { T36: 'likely' }, noExemptStreamEvident: false },
  },
  {
    name: 'T36: a Mexican computer systems analyst with a degree is a likely CUSMA professional',
    ref: '§9 Streams',
    answers: workerWithOffer({
      citizenship: 'MX',
      residenceCountry: 'MX',
      cusmaProfession: 'computerSystemsAnalyst',
    }),
    expect: { streams: { T36: 'likely' } },
  },
  {
    name: 'T36: a US sales manager (TEER 0, degree) is not a listed profession: unlikely, pointed to manager routes',
    ref: '§9 Streams',
    answers: workerWithOffer({
      citizenship: 'US',
      residenceCountry: 'US',
      offerJobTitle: 'Sales manager at Maple Software Ltd.',
      offerNoc: { noc: '60010', teer: 0 },
      cusmaProfession: 'none',
    }),
    expect: { streams: { T36: 'unlikely' }, streamText: { T36: /T37.*C62.*C10/ } },
  },
  {
    name: 'T36: a TEER 0 job with a degree, profession not known, is at most possible',
    ref: '§9 Streams',
    answers: workerWithOffer({
      citizenship: 'US',
      offerNoc: { noc: '60010', teer: 0 },
      cusmaProfession: 'notSure',
    }),
    expect: {
      streams: { T36: 'possible' },
      streamText: { T36: /TEER 0 job or a degree alone does not qualify/ },
    },
  },
  {
    name: 'T36: a management consultant without a degree qualifies with 5 years of experience',
    ref: '§9 Streams',
    answers: workerWithOffer({
      citizenship: 'US',
      cusmaProfession: 'managementConsultant',
      educationLevel: 'diploma',
      yearsExperience: 6,
    }),
    expect: { streams: { T36: 'likely' }, streamText: { T36: /6 years of experience \(5 accepted/ } },
  },
  {
    name: 'T36: a registered nurse needs the licence, not a degree',
    ref: '§9 Streams',
    answers: workerWithOffer({
      citizenship: 'US',
      cusmaProfession: 'registeredNurse',
      educationLevel: 'diploma',
      hasLicence: false,
    }),
    expect: { streams: { T36: 'unlikely' }, streamText: { T36: /below the credential/ } },
  },
  {
    name: "T36: an employer's US accountant with a CPA licence is a likely CUSMA professional (listed, credential met)",
    ref: '§9 Streams',
    answers: employer({
      employerNoc: { noc: '11100', teer: 1 },
      employerWorkerRelation: 'newHire',
      employerWorkerCitizenship: 'US',
      employerWorkerCountry: 'US',
      employerCusmaProfession: 'accountant',
      employerWorkerLicence: true,
    }),
    expect: { streams: { T36: 'likely' }, streamText: { T36: /licence the profession accepts/ } },
  },
  {
    name: "T36: an employer's US accountant without a licence may still hold the degree: possible, not unlikely",
    ref: '§9 Streams',
    answers: employer({
      employerNoc: { noc: '11100', teer: 1 },
      employerWorkerRelation: 'newHire',
      employerWorkerCitizenship: 'US',
      employerWorkerCountry: 'US',
      employerCusmaProfession: 'accountant',
      employerWorkerLicence: false,
    }),
    expect: { streams: { T36: 'possible' }, streamText: { T36: /credential accountant requires/ } },
  },
  {
    name: 'T36: a US permanent resident who is an Indian citizen is shown why CUSMA does not apply',
    ref: '§2, §8',
    answers: workerWithOffer({ citizenship: 'IN', residenceCountry: 'US' }),
    expect: { streams: { T36: 'unlikely' }, streamText: { T36: /permanent residents do not qualify/ } },
  },
  {
    name: 'T36: a retail job answered as none of the professions is not CUSMA',
    ref: '§9 Streams',
    answers: workerWithOffer({
      citizenship: 'US',
      offerNoc: { noc: '64100', teer: 4 },
      cusmaProfession: 'none',
    }),
    expect: { streams: { T36: 'unlikely' } },
  },
  {
    name: 'T36: a US citizen without a pre-arranged job is not listed',
    ref: '§2',
    answers: worker({ citizenship: 'US', residenceCountry: 'US' }),
    expect: { streams: { T36: 'absent' } },
  },
  {
    name: 'T36: a US citizen whose TEER is unknown is possible until the profession is known',
    ref: '§2',
    answers: workerWithOffer({ citizenship: 'US', offerNoc: {} }),
    expect: { streams: { T36: 'possible' } },
  },
  {
    name: 'T37: a US executive transferred within the group is likely under CUSMA and C62',
    ref: '§2',
    answers: ictWorker({ citizenship: 'US', residenceCountry: 'US', cusmaProfession: 'none' }),
    expect: { streams: { T37: 'likely', C62: 'likely', T38: 'absent' } },
  },
  {
    name: 'T38: a Mexican specialized-knowledge transferee is likely under CUSMA',
    ref: '§2',
    answers: ictWorker({ citizenship: 'MX', icRoleLevel: 'specializedKnowledge' }),
    expect: { streams: { T38: 'likely', C63: 'likely', T37: 'absent' } },
  },

  // ——— CETA/CUKTCA, CPTPP, other FTAs ———
  {
    name: 'T44: a French senior manager transferred within the group is likely (codes to confirm)',
    ref: '§2',
    answers: ictWorker({ citizenship: 'FR', icMonthsContinuous: 14, icRoleLevel: 'seniorManager' }),
    expect: { streams: { T44: 'likely', C62: 'likely' }, streamText: { T44: /to confirm/ } },
  },
  {
    name: 'T43: a German professional is possible only as a services contract',
    ref: '§2',
    answers: workerWithOffer({ citizenship: 'DE', educationLevel: 'master' }),
    expect: { streams: { T43: 'possible' }, streamText: { T43: /services contract/ } },
  },
  {
    name: 'CUKTCA: a UK professional uses F60/F66 (code to confirm), not T43, and is not a T52 professional',
    ref: '§10 Use only real codes',
    answers: workerWithOffer({ citizenship: 'GB' }),
    expect: {
      streams: { 'F60/F66': 'possible', T43: 'absent', T52: 'absent' },
      streamText: { 'F60/F66': /code to confirm: F60 or F66/ },
    },
  },
  {
    name: 'T52: a Vietnamese professional is not from a party with professional commitments',
    ref: '§9 Streams',
    answers: workerWithOffer({ citizenship: 'VN' }),
    expect: { streams: { T52: 'absent' } },
  },
  {
    name: 'T52: a Japanese professional with a degree and a TEER 1 offer is a possible CPTPP professional',
    ref: '§2',
    answers: workerWithOffer({ citizenship: 'JP' }),
    expect: { streams: { T52: 'possible' }, streamText: { T52: /CPTPP list — to confirm/ } },
  },
  {
    name: 'T52: an Australian with a college diploma lacks the degree CPTPP professionals need',
    ref: '§2',
    answers: workerWithOffer({ citizenship: 'AU', educationLevel: 'diploma' }),
    expect: { streams: { T52: 'unlikely' } },
  },
  {
    name: 'F32: a Korean professional is a possible Canada–Korea FTA professional',
    ref: '§2',
    answers: workerWithOffer({ citizenship: 'KR' }),
    expect: { streams: { F32: 'possible' } },
  },

  // ——— C16 Francophone Mobility ———
  {
    name: 'C16: NCLC 7 on the TEF and a job in BC is likely Francophone Mobility',
    ref: '§2, §6',
    answers: francophone({}),
    expect: { streams: { C16: 'likely' }, noExemptStreamEvident: false },
  },
  {
    name: 'C16: a job in Quebec is outside the stream, so French is not asked and C16 not listed',
    ref: '§2',
    answers: francophone({ offerProvince: 'QC' }),
    expect: { streams: { C16: 'absent' } },
  },
  {
    name: 'C16: NCLC 4 as the lowest skill is unlikely, and staff check speaking and listening',
    ref: '§2, §6',
    answers: francophone({ languageLevel: 4 }),
    expect: { streams: { C16: 'unlikely' }, streamText: { C16: /speaking and listening levels/ } },
  },
  {
    name: 'C16: self-assessed advanced French is possible, the test result a missing fact (not a point of law)',
    ref: '§2, §6',
    answers: workerWithOffer({ frenchAbility: 'advanced' }),
    expect: {
      streams: { C16: 'possible' },
      streamText: { C16: /NCLC 5\+ in speaking and listening, shown by a test/ },
      summary:
        /C16 Francophone Mobility[^\n]*\n[^\n]*Why:[^\n]*\n\s*Missing facts: a TEF Canada or TCF Canada result/,
    },
  },
  {
    name: 'C16: a French test older than 2 years counts as missing',
    ref: '§2, §6',
    answers: francophone({ languageTestDate: '2024-01-10' }),
    expect: { streams: { C16: 'possible' }, streamText: { C16: /older than 2 years/ } },
  },
  {
    name: 'C16: an agricultural job may be primary agriculture, which is excluded',
    ref: '§2',
    answers: francophone({ offerSector: 'agriculture' }),
    expect: { streams: { C16: 'possible' }, streamText: { C16: /primary agriculture/ } },
  },
  {
    // The worker's age is not asked of an employer: IEC is an open question for a partner's citizen
    // (lawyer review, Dec 2026), never evidence of an exempt stream; C16 needs French facts.
    name: 'an employer lead without French or age facts: C16 not listed, C21 an open question (possible, age to confirm)',
    ref: '§2; §10 IEC',
    answers: employer({ employerWorkerCitizenship: 'TW', employerWorkerCountry: 'TW' }),
    expect: {
      onlyStreams: ['C21'],
      streams: { C21: 'possible' },
      streamText: { C21: /the worker's age \(Taiwan:/ },
      noExemptStreamEvident: true,
    },
  },

  // ——— C20, C21 ———
  {
    name: 'C20: a coach for a sports team is a possible reciprocal-employment case',
    ref: '§2',
    answers: workerWithOffer({ offerSector: 'sports', offerJobTitle: 'Assistant coach' }),
    expect: { streams: { C20: 'possible' }, streamText: { C20: /to confirm/ } },
  },
  {
    name: 'C21: an Irish 28-year-old is likely eligible for IEC',
    ref: '§2',
    answers: worker({ citizenship: 'IE', residenceCountry: 'IE', age: 28 }),
    expect: { streams: { C21: 'likely' }, noExemptStreamEvident: false },
  },
  {
    name: 'C21: an Irish 37-year-old is past the 18–35 band',
    ref: '§2',
    answers: worker({ citizenship: 'IE', residenceCountry: 'IE', age: 37 }),
    expect: { streams: { C21: 'unlikely' }, streamText: { C21: /outside the IEC band/ } },
  },
  {
    name: "C21: a German 33-year-old is inside Germany's published 18–35 bands",
    ref: '§10 IEC',
    answers: worker({ citizenship: 'DE', residenceCountry: 'DE', age: 33 }),
    expect: { streams: { C21: 'likely' }, streamText: { C21: /Working Holiday 18–35/ } },
  },
  {
    name: 'C21: an Indian citizen is not from an IEC partner country',
    ref: '§2',
    answers: worker({ age: 25 }),
    expect: { streams: { C21: 'absent' } },
  },
  {
    name: 'C21: a 55-year-old UK citizen is not shown IEC at all',
    ref: '§2',
    answers: worker({ citizenship: 'GB', residenceCountry: 'GB', age: 55 }),
    expect: { streams: { C21: 'absent' } },
  },

  // ——— Academics ———
  {
    name: 'C22: a visiting professor is a likely academic exemption',
    ref: '§2',
    answers: workerWithOffer({
      offerSector: 'academic',
      academicRole: 'visitingProfessor',
    }),
    expect: { streams: { C22: 'likely' } },
  },
  {
    name: 'C44: a post-doctoral fellow with a doctorate is likely',
    ref: '§2',
    answers: workerWithOffer({
      offerSector: 'academic',
      academicRole: 'postdoc',
      educationLevel: 'doctorate',
    }),
    expect: { streams: { C44: 'likely' } },
  },
  {
    name: 'C44: a post-doctoral fellow without a doctorate yet is possible',
    ref: '§2',
    answers: workerWithOffer({
      offerSector: 'academic',
      academicRole: 'postdoc',
      educationLevel: 'master',
    }),
    expect: { streams: { C44: 'possible' }, streamText: { C44: /PhD/ } },
  },
  {
    name: 'C52: a research award recipient is likely',
    ref: '§2',
    answers: workerWithOffer({ offerSector: 'academic', academicRole: 'researchAward' }),
    expect: { streams: { C52: 'likely' } },
  },

  // ——— Family open permits (§7) ———
  {
    name: 'C41/C46: the spouse of a TEER 1 worker with 20 months left is likely',
    ref: '§2, §7',
    answers: spouseWorker({}),
    expect: { streams: { 'C41/C46': 'likely' } },
  },
  {
    name: 'C41/C46: a TEER 2 principal is possible, pending the occupation list',
    ref: '§7',
    answers: spouseWorker({ spouseTeer: '2', spouseMonthsLeft: 24 }),
    expect: { streams: { 'C41/C46': 'possible' }, streamText: { 'C41/C46': /eligible list .*to confirm/ } },
  },
  {
    name: 'C41/C46: 10 months left on the principal permit fails the 16-month rule',
    ref: '§7, §8',
    answers: spouseWorker({ spouseMonthsLeft: 10 }),
    expect: { streams: { 'C41/C46': 'unlikely' }, streamText: { 'C41/C46': /at least 16/ } },
  },
  {
    name: 'C41/C46: a TEER 4 principal no longer qualifies',
    ref: '§7',
    answers: spouseWorker({ spouseTeer: '4' }),
    expect: { streams: { 'C41/C46': 'unlikely' } },
  },
  {
    name: 'C41/C46: dependent children coming are told they are excluded',
    ref: '§7',
    answers: spouseWorker({ familyComing: true }),
    expect: { streams: { 'C41/C46': 'likely' }, streamText: { 'C41/C46': /dependent children/ } },
  },
  {
    name: "C42: the spouse of a student in a master's of 16+ months is likely",
    ref: '§7',
    answers: spouseStudent({ spouseProgram: 'masters16' }),
    expect: { streams: { C42: 'likely' } },
  },
  {
    name: "C42: the spouse of a bachelor's student no longer qualifies",
    ref: '§7',
    answers: spouseStudent({ spouseProgram: 'bachelor' }),
    expect: { streams: { C42: 'unlikely' } },
  },
  {
    name: 'C42: a professional program is possible, to confirm against the list',
    ref: '§7',
    answers: spouseStudent({ spouseProgram: 'professional' }),
    expect: { streams: { C42: 'possible' }, streamText: { C42: /to confirm/ } },
  },

  // ——— C43 PGWP ———
  {
    name: 'C43: a university graduate 60 days out with CLB 8 is likely, for up to 3 years',
    ref: '§2, §7',
    answers: graduate({}),
    expect: { streams: { C43: 'likely' }, streamText: { C43: /up to 3 years/ } },
  },
  {
    name: 'C43: an 8–24 month program gives a permit about as long as the program',
    ref: '§2',
    answers: graduate({ programLength: '8to24Months' }),
    expect: { streams: { C43: 'likely' }, streamText: { C43: /as long as the program/ } },
  },
  {
    name: 'C43: graduating more than 180 days ago closes the window',
    ref: '§2',
    answers: graduate({ graduationDate: '2026-04-01' }),
    expect: { streams: { C43: 'unlikely' }, streamText: { C43: /window closed on 2026-09-28/ } },
  },
  {
    name: 'C43: a second PGWP is not possible',
    ref: '§2',
    answers: graduate({ hadPgwp: true }),
    expect: { streams: { C43: 'unlikely' }, streamText: { C43: /once per lifetime/ } },
  },
  {
    name: 'C43: a program under 8 months is not PGWP-eligible',
    ref: '§2',
    answers: graduate({ programLength: 'under8Months' }),
    expect: { streams: { C43: 'unlikely' } },
  },
  {
    name: 'C43: CLB 6 is below the CLB 7 university graduates need',
    ref: '§7, §6',
    answers: graduate({ languageLevel: 6 }),
    expect: { streams: { C43: 'unlikely' }, streamText: { C43: /CLB\/NCLC 7/ } },
  },
  {
    name: 'C43: a college graduate with CLB 6 is possible pending the field-of-study list',
    ref: '§7',
    answers: graduate({ programCredential: 'college', studyPermitAfterNov2024: true, languageLevel: 6 }),
    expect: { streams: { C43: 'possible' }, streamText: { C43: /field of study .*to confirm/ } },
  },
  {
    name: 'C43: a language test from 2023 is expired and counts as missing',
    ref: '§6, §8',
    answers: graduate({ languageTestDate: '2023-06-01' }),
    expect: { streams: { C43: 'possible' }, streamText: { C43: /older than 2 years/ } },
  },
  {
    name: 'C43: TOEFL is not an accepted test',
    ref: '§6',
    answers: graduate({ languageTest: 'otherTest' }),
    expect: { streams: { C43: 'possible' }, streamText: { C43: /TOEFL and Duolingo are not accepted/ } },
  },

  // ——— A75 bridging ———
  {
    name: 'A75: a CEC applicant with an AOR and a permit expiring in 90 days is likely',
    ref: '§2',
    answers: bridging({}),
    expect: { streams: { A75: 'likely' }, streamText: { A75: /A75 — to confirm/ } },
  },
  {
    name: 'A75: without an acknowledgement of receipt the file has not passed completeness',
    ref: '§2',
    answers: bridging({ prAor: false }),
    expect: { streams: { A75: 'unlikely' } },
  },
  {
    name: 'A75: a PNP applicant is possible if the nomination has no employer restriction',
    ref: '§2',
    answers: bridging({ prProgram: 'pnp' }),
    expect: { streams: { A75: 'possible' }, streamText: { A75: /employer restriction — to confirm/ } },
  },
  {
    name: 'A75: a family-class applicant cannot get a bridging permit',
    ref: '§2',
    answers: bridging({ prProgram: 'family' }),
    expect: { streams: { A75: 'unlikely' } },
  },
  {
    name: 'A75: a visitor is not a worker whose permit is expiring',
    ref: '§2',
    answers: bridging({ currentStatus: 'visitor' }),
    expect: { streams: { A75: 'unlikely' } },
  },

  // ——— Employer leads ———
  {
    name: 'employer: a same-group US executive with 18 months is likely under C62 and T37 (medium: no deadline)',
    ref: '§2, §1',
    answers: employer({
      employerWorkerRelation: 'sameGroupEmployee',
      employerWorkerMonths: 18,
      employerWorkerLevel: 'executive',
      employerRevenueCountries: true,
      employerWorkerCitizenship: 'US',
      employerWorkerCountry: 'US',
    }),
    expect: { streams: { C62: 'likely', T37: 'likely', T36: 'possible' }, priority: 'medium' },
  },
  {
    name: 'employer: a same-group worker opening a new Canadian office is the start-up code C61',
    ref: '§9 Streams',
    answers: employer({
      employerWorkerRelation: 'sameGroupNewOffice',
      employerWorkerMonths: 30,
      employerWorkerLevel: 'seniorManager',
      employerRevenueCountries: true,
    }),
    expect: { streams: { C61: 'likely', C62: 'absent' } },
  },
  {
    name: 'employer: a same-group employee with 6 months fails the ICT year',
    ref: '§2, §8',
    answers: employer({
      employerWorkerRelation: 'sameGroupEmployee',
      employerWorkerMonths: 6,
      employerWorkerLevel: 'specializedKnowledge',
    }),
    expect: { streams: { C63: 'unlikely' } },
  },
  {
    name: 'employer: a Mexican new hire is a possible CUSMA professional (degree unknown)',
    ref: '§2',
    answers: employer({ employerWorkerCitizenship: 'MX', employerWorkerCountry: 'MX' }),
    expect: { streams: { T36: 'possible', T52: 'possible', C21: 'absent' } },
  },
  {
    name: 'employer: a worker living in the US who is not a US or Mexican citizen cannot use CUSMA',
    ref: '§2, §8',
    answers: employer({ employerWorkerCitizenship: 'IN', employerWorkerCountry: 'US' }),
    expect: { streams: { T36: 'unlikely' }, streamText: { T36: /permanent residents do not qualify/ } },
  },

  // ——— Admissibility (§3, §9) ———
  {
    name: 'a criminal conviction raises a criminality flag whose seriousness a lawyer decides',
    ref: '§3',
    answers: worker({ criminalHistory: true, criminalConviction: true, impairedDriving: false }),
    expect: {
      flags: ['criminality'],
      criminalitySerious: 'unset',
      flagNote: { ground: 'criminality', pattern: /IRPA s\. 36/ },
    },
  },
  {
    name: 'a charge is not a conviction: flagged for the outcome, not called criminality',
    ref: '§9 Admissibility',
    answers: worker({ criminalHistory: true, criminalConviction: false, impairedDriving: false }),
    expect: {
      flags: ['criminality'],
      criminalitySerious: false,
      flagNote: { ground: 'criminality', pattern: /a charge is not a conviction/ },
      priority: 'medium',
    },
  },
  {
    name: 'an impaired driving conviction since Dec 18, 2018 is serious criminality, and a blocker',
    ref: '§3',
    answers: worker({
      criminalHistory: true,
      criminalConviction: true,
      impairedDriving: true,
      impairedDrivingSince2018: true,
    }),
    expect: {
      flags: ['criminality'],
      criminalitySerious: true,
      priority: 'high',
      blockers: /Serious admissibility/,
    },
  },
  {
    name: 'an open impaired-driving charge since 2018 is possible serious criminality, to confirm',
    ref: '§9 Admissibility',
    answers: worker({
      criminalHistory: true,
      criminalConviction: false,
      impairedDriving: true,
      impairedDrivingSince2018: true,
    }),
    expect: {
      flags: ['criminality'],
      criminalitySerious: 'unset',
      flagNote: { ground: 'criminality', pattern: /possible serious criminality.*to confirm/ },
    },
  },
  {
    name: 'impaired driving before 2018 is not automatically non-serious',
    ref: '§9 Admissibility',
    answers: worker({
      criminalHistory: true,
      criminalConviction: true,
      impairedDriving: true,
      impairedDrivingSince2018: false,
    }),
    expect: {
      flags: ['criminality'],
      criminalitySerious: 'unset',
      flagNote: { ground: 'criminality', pattern: /not automatically non-serious/ },
    },
  },
  {
    name: 'organized crime raises organized criminality',
    ref: '§3',
    answers: worker({ serviceOrAffiliation: true, organizedCrime: true }),
    expect: {
      flags: ['organized-criminality'],
      flagNote: { ground: 'organized-criminality', pattern: /s\. 37/ },
    },
  },
  {
    name: 'a violent group raises security',
    ref: '§3',
    answers: worker({ serviceOrAffiliation: true, violentGroups: true }),
    expect: { flags: ['security'], flagNote: { ground: 'security', pattern: /s\. 34/ }, priority: 'high' },
  },
  {
    name: 'national or military service alone is a note for the lawyer, not an s. 34/35 flag',
    ref: '§9 Admissibility',
    answers: worker({ serviceOrAffiliation: true, militaryService: true, governmentPosition: false }),
    expect: { flags: [], notes: /not a ground on its own/, priority: 'low' },
  },
  {
    name: 'a government post alone is a note for the lawyer, not s. 35',
    ref: '§9 Admissibility',
    answers: worker({ serviceOrAffiliation: true, governmentPosition: true }),
    expect: { flags: [], notes: /senior role in a designated regime/ },
  },
  {
    name: 'ill-treatment raises a human-rights flag',
    ref: '§3',
    answers: worker({ serviceOrAffiliation: true, governmentPosition: true, illTreatment: true }),
    expect: { flags: ['human-rights'], flagNote: { ground: 'human-rights', pattern: /s\. 35/ } },
  },
  {
    name: 'tuberculosis ever, or a condition needing services, raises health',
    ref: '§9 Admissibility',
    answers: worker({ medicalCondition: true }),
    expect: { flags: ['health'], flagNote: { ground: 'health', pattern: /ever/ } },
  },
  {
    name: 'a child-care job needs a medical exam under IRPR s. 30',
    ref: '§9 Admissibility',
    answers: canadianResident(
      workerWithOffer({ offerSector: 'childCare', offerNoc: { noc: '42202', teer: 2 } }),
    ),
    expect: { flags: ['medical-exam'], flagNote: { ground: 'medical-exam', pattern: /IRPR s\. 30/ } },
  },
  {
    name: 'an in-home caregiver needs a medical exam',
    ref: '§9 Admissibility',
    answers: canadianResident(
      workerWithOffer({ offerSector: 'inHomeCare', offerNoc: { noc: '44100', teer: 4 } }),
    ),
    expect: { flags: ['medical-exam'] },
  },
  {
    name: 'agricultural work alone does not need a medical exam',
    ref: '§9 Admissibility',
    answers: canadianResident(
      workerWithOffer({ offerSector: 'agriculture', offerNoc: { noc: '85100', teer: 5 } }),
    ),
    expect: { flags: [] },
  },
  {
    name: 'agricultural work after a stay in a possibly designated country needs one',
    ref: '§9 Admissibility',
    answers: canadianResident(
      workerWithOffer({
        offerSector: 'agriculture',
        offerNoc: { noc: '85100', teer: 5 },
        designatedCountryStay: true,
        stayCountry: 'GT',
      }),
    ),
    expect: { flags: ['medical-exam'], flagNote: { ground: 'medical-exam', pattern: /agricultural/ } },
  },
  {
    name: 'a year in the United States or Canada is no designated-country stay',
    ref: '§9 Admissibility',
    answers: worker({ citizenship: 'FR', residenceCountry: 'US', designatedCountryStay: false }),
    expect: { flags: [] },
  },
  {
    name: 'living in Mexico (off the designated list since 2010) raises no medical exam by itself',
    ref: '§9 Admissibility',
    answers: worker({ citizenship: 'MX', residenceCountry: 'MX', designatedCountryStay: false }),
    expect: { flags: [] },
  },
  {
    name: 'living in a possibly designated country needs a medical-exam check, whatever the citizenship',
    ref: '§9 Admissibility',
    answers: worker({ citizenship: 'GB', residenceCountry: 'PH' }),
    expect: {
      flags: ['medical-exam'],
      flagNote: { ground: 'medical-exam', pattern: /Philippines.*designated/ },
    },
  },
  {
    name: 'the medical exam is a process step: it alone asks no admissibility review',
    ref: '§3',
    answers: worker({ citizenship: 'IN', residenceCountry: 'PH' }),
    expect: { flags: ['medical-exam'], needsLawyerReview: false, priority: 'low' },
  },
  {
    name: "an employer hiring a registered nurse (NOC 31301) triggers the worker's medical exam",
    ref: '§3',
    answers: employer({ employerNoc: { noc: '31301', teer: 1 }, employerPosition: 'Registered nurse' }),
    expect: { flags: ['medical-exam'] },
  },
  {
    name: 'a refusal is recorded neutrally (country, year) with the misrepresentation risk to check',
    ref: '§9 Admissibility',
    answers: worker({
      immigrationHistory: true,
      previousRefusal: true,
      refusalCountry: 'US',
      refusalYear: 2019,
    }),
    expect: {
      flags: ['previous-refusal'],
      flagNote: { ground: 'previous-refusal', pattern: /the United States, 2019.*s\. 40/ },
      blockers: /Misrepresentation risk/,
    },
  },
  {
    name: 'an overstay in Canada is non-compliance under IRPA s. 41',
    ref: '§3',
    answers: worker({ immigrationHistory: true, overstay: true, overstayCountry: 'CA' }),
    expect: { flags: ['non-compliance'], flagNote: { ground: 'non-compliance', pattern: /s\. 41/ } },
  },
  {
    name: 'an overstay in another country is not s. 41: a disclosure point for the lawyer',
    ref: '§9 Admissibility',
    answers: worker({ immigrationHistory: true, overstay: true, overstayCountry: 'GB' }),
    expect: { flags: [], notes: /not IRPA s\. 41/ },
  },
  {
    name: 'no screener answered yes: no flag and no lawyer review',
    ref: '§3',
    answers: canadianResident(worker(noFlags)),
    expect: { flags: [] },
  },

  // ——— Pathways (§4) ———
  {
    name: 'CEC: 14 months of TEER 1 work with CLB 8 is likely',
    ref: '§4',
    answers: cecCandidate({}),
    expect: { pathways: [{ program: 'CEC', fit: 'likely' }] },
  },
  {
    name: 'a likely CEC with no work-permit stream to add is a medium-priority lead, not a low one',
    ref: '§4',
    answers: cecCandidate({ statusExpiry: '2027-10-30' }),
    expect: { pathways: [{ program: 'CEC', fit: 'likely' }], priority: 'medium' },
  },
  {
    name: 'CEC: TEER 3 work needs CLB 5, which CLB 5 meets',
    ref: '§4',
    answers: cecCandidate({ canadianWorkTeer: '3', languageLevel: 5 }),
    expect: { pathways: [{ program: 'CEC', fit: 'likely' }] },
  },
  {
    name: 'CEC: TEER 1 work with CLB 6 is below the CLB 7 needed',
    ref: '§4',
    answers: cecCandidate({ languageLevel: 6 }),
    expect: { pathways: [{ program: 'CEC', fit: 'unlikely', text: /CLB\/NCLC 7/ }] },
  },
  {
    name: 'CEC: a work permit expired with no extension filed is not "works in Canada on a work permit"',
    ref: '§4, §9',
    answers: worker({
      ...inCanadaAsWorker,
      statusExpiry: '2026-10-01',
      extensionFiled: false,
      goalType: 'permanent',
      goalProvince: 'ON',
      canadianWorkMonths: 0,
    }),
    expect: {
      pathways: [{ program: 'CEC', fit: 'possible', text: /expired on 2026-10-01: no work counts/ }],
    },
  },
  {
    name: 'CEC: work as a full-time student does not count',
    ref: '§4, §8',
    answers: cecCandidate({ currentStatus: 'student', canadianWorkWhileStudying: true }),
    expect: { pathways: [{ program: 'CEC', fit: 'possible', text: /full-time student/ }] },
  },
  {
    name: 'CEC: self-employment does not count',
    ref: '§4, §8',
    answers: cecCandidate({ selfEmployed: true }),
    expect: { pathways: [{ program: 'CEC', fit: 'possible', text: /self-employment does not count/ }] },
  },
  {
    name: 'CEC: 8 months on a work permit is a year to build toward, not unlikely',
    ref: '§9 Streams',
    answers: cecCandidate({ canadianWorkMonths: 8 }),
    expect: { pathways: [{ program: 'CEC', fit: 'possible', text: /8 so far/ }] },
  },
  {
    name: 'CEC: a PGWP holder with no Canadian work yet is shown CEC as the route after a year of skilled work',
    ref: '§9 Streams',
    answers: graduate({
      hasJobOffer: false,
      hadPgwp: true,
      graduationDate: '2026-06-01',
      canadianWorkMonths: 0,
      goalType: 'permanent',
    }),
    expect: {
      pathways: [{ program: 'CEC', fit: 'possible', text: /PGWP.*CEC opens after a year of skilled work/s }],
    },
  },
  {
    name: 'CEC: an eligible graduate with no work yet sees the same route as a job-offer holder',
    ref: '§9 Streams',
    answers: graduate({ hasJobOffer: false, canadianWorkMonths: 0, goalType: 'temporary' }),
    expect: {
      pathways: [{ program: 'CEC', fit: 'possible', text: /a PGWP gives the skilled work CEC needs/ }],
    },
  },
  {
    name: 'CEC: 8 months of work abroad-returned, no permit or offer now, is short of the year',
    ref: '§4',
    answers: worker({ canadianWorkMonths: 8, canadianWorkTeer: '1', goalType: 'permanent' }),
    expect: { pathways: [{ program: 'CEC', fit: 'unlikely', text: /4 more/ }] },
  },
  {
    name: 'CEC: TEER 4 work does not count',
    ref: '§4',
    answers: cecCandidate({ canadianWorkTeer: '4' }),
    expect: { pathways: [{ program: 'CEC', fit: 'unlikely' }] },
  },
  {
    name: 'CEC: a language test older than 2 years counts as missing',
    ref: '§4, §6, §8',
    answers: cecCandidate({ languageTestDate: '2024-05-01' }),
    expect: { pathways: [{ program: 'CEC', fit: 'possible', text: /older than 2 years/ }] },
  },
  {
    name: 'CEC: no language test at all is missing',
    ref: '§4, §8',
    answers: cecCandidate({ languageTest: 'none', languageLevel: undefined, languageTestDate: undefined }),
    expect: { pathways: [{ program: 'CEC', fit: 'possible', text: /language test/ }] },
  },
  {
    name: 'CEC: planning to live in Quebec rules it out',
    ref: '§4',
    answers: cecCandidate({ goalProvince: 'QC' }),
    expect: { pathways: [{ program: 'CEC', fit: 'unlikely', text: /outside Quebec/ }] },
  },
  {
    name: 'BC PNP Skilled Worker: even a strong BC offer is at most possible after the 2025–26 cuts (draws to confirm)',
    ref: '§9 Streams',
    answers: bcOfferForPr({}),
    expect: {
      pathways: [
        {
          program: 'BC-PNP',
          stream: 'Skilled Worker',
          fit: 'possible',
          text: /draws are few and targeted.*to confirm/,
        },
        { program: 'BC-PNP', stream: 'Skills Immigration', fit: 'absent' },
      ],
    },
  },
  {
    name: 'BC PNP Skilled Worker: a temporary offer is not indeterminate',
    ref: '§4',
    answers: bcOfferForPr({ offerTerms: 'fixedTermFullTime' }),
    expect: { pathways: [{ program: 'BC-PNP', stream: 'Skilled Worker', fit: 'unlikely' }] },
  },
  {
    name: 'BC PNP Entry Level and Semi-Skilled: reported dropped in 2026, a TEER 4 BC offer is never shown as open',
    ref: '§10 BC PNP (2026)',
    answers: bcOfferForPr({ offerNoc: { noc: '65201', teer: 4 } }),
    expect: {
      pathways: [
        {
          program: 'BC-PNP',
          stream: 'Entry Level and Semi-Skilled',
          fit: 'unlikely',
          text: /dropping the Entry Level and Semi-Skilled stream in 2026 \(to confirm/,
        },
        { program: 'BC-PNP', stream: 'Skilled Worker', fit: 'absent' },
      ],
    },
  },
  {
    name: 'BC PNP Health Authority: a BC health job is possible, to confirm the employer and occupation',
    ref: '§4, §7',
    answers: bcOfferForPr({ offerSector: 'health', offerNoc: { noc: '31301', teer: 1 } }),
    expect: {
      pathways: [{ program: 'BC-PNP', stream: 'Health Authority', fit: 'possible', text: /Apr 14, 2025/ }],
    },
  },
  {
    name: 'BC PNP: a Canadian graduate without a BC offer is told the graduate streams are closed',
    ref: '§4',
    answers: graduate({ goalType: 'permanent', goalProvince: 'BC' }),
    expect: {
      pathways: [
        {
          program: 'BC-PNP',
          stream: 'Skills Immigration',
          fit: 'unlikely',
          text: /International Graduate .*closed/,
        },
        { program: 'BC-PNP', stream: 'International Graduate', fit: 'absent' },
        { program: 'BC-PNP', stream: 'International Post-Graduate', fit: 'absent' },
      ],
    },
  },
  {
    name: 'FSW: 5 years of experience and CLB 8 is possible, pending points and funds',
    ref: '§4',
    answers: worker({ goalType: 'permanent' }),
    expect: { pathways: [{ program: 'FSW', fit: 'possible', text: /67 points/ }] },
  },
  {
    name: 'FSW: CLB 6 is below the CLB 7 needed',
    ref: '§4',
    answers: worker({ goalType: 'permanent', languageLevel: 6 }),
    expect: { pathways: [{ program: 'FSW', fit: 'unlikely' }] },
  },
  {
    name: 'other PNP: a goal in Alberta is possible, to confirm',
    ref: '§4',
    answers: worker({ goalType: 'permanent', goalProvince: 'AB' }),
    expect: {
      pathways: [
        { program: 'other-PNP', stream: 'Alberta', fit: 'possible', text: /to confirm/ },
        { program: 'BC-PNP', fit: 'absent' },
      ],
    },
  },
  {
    name: 'a worker with a temporary goal and no Canadian work gets no CEC or FSW pathway',
    ref: '§4',
    answers: worker(),
    expect: {
      pathways: [
        { program: 'CEC', fit: 'absent' },
        { program: 'FSW', fit: 'absent' },
      ],
    },
  },

  // ——— Urgency (§8) ———
  {
    name: 'status expiring in 30 days is urgent, with the date',
    ref: '§8',
    answers: worker({ ...inCanadaAsWorker, statusExpiry: '2026-12-25' }),
    expect: { urgency: { level: 'urgent', deadline: '2026-12-25' }, priority: 'high' },
  },
  {
    name: 'status expiring in exactly 60 days is still urgent',
    ref: '§8',
    answers: worker({ ...inCanadaAsWorker, statusExpiry: '2027-01-24' }),
    expect: { urgency: { level: 'urgent', deadline: '2027-01-24' } },
  },
  {
    name: 'status expiring in 90 days is soon',
    ref: '§8',
    answers: worker({ ...inCanadaAsWorker, statusExpiry: '2027-02-23' }),
    expect: { urgency: { level: 'soon', deadline: '2027-02-23' }, priority: 'medium' },
  },
  {
    name: 'status expiring in 200 days is normal, with the date',
    ref: '§8',
    answers: worker({ ...inCanadaAsWorker, statusExpiry: '2027-06-13' }),
    expect: { urgency: { level: 'normal', deadline: '2027-06-13' } },
  },
  {
    name: 'status expired without an extension: restoration within 90 days is urgent, and a blocker',
    ref: '§9 Status',
    answers: worker({ ...inCanadaAsWorker, statusExpiry: '2026-11-01', extensionFiled: false }),
    expect: {
      urgency: {
        level: 'urgent',
        deadline: '2027-01-30',
        reason: /restoration must be applied for by 2027-01-30/,
      },
      blockers: /Status expired/,
      priority: 'high',
    },
  },
  {
    name: 'status expired after an extension was filed: maintained status, not urgent',
    ref: '§9 Status',
    answers: worker({ ...inCanadaAsWorker, statusExpiry: '2026-11-01', extensionFiled: true }),
    expect: { urgency: { level: 'soon', reason: /maintained status/ } },
  },
  {
    name: 'status expired over 90 days ago without an extension: restoration has passed',
    ref: '§9 Status',
    answers: worker({ ...inCanadaAsWorker, statusExpiry: '2026-07-01', extensionFiled: false }),
    expect: { urgency: { level: 'urgent', reason: /restoration period has passed/ } },
  },
  {
    name: 'a visitor in Canada cannot apply for a work permit from inside Canada',
    ref: '§9 Status',
    answers: workerWithOffer({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-04-01',
      extensionFiled: false,
    }),
    expect: { blockers: /Aug 28, 2024/ },
  },
  {
    name: 'a start date in the past is not a deadline',
    ref: '§9 Status',
    answers: workerWithOffer({ offerStartDate: '2026-09-01' }),
    expect: { urgency: { level: 'normal', deadline: null } },
  },
  {
    name: 'the offer is the current job (bridging case): no start date, CEC and A75 read it',
    ref: '§9 Status',
    answers: workerWithOffer({
      ...inCanadaAsWorker,
      offerIsCurrentJob: true,
      offerStartDate: '2026-12-01',
      prStatus: 'prApplied',
      prProgram: 'cec',
      prAor: true,
      statusExpiry: '2027-02-23',
    }),
    expect: { streams: { A75: 'likely' }, urgency: { level: 'soon', deadline: '2027-02-23' } },
  },
  {
    name: 'a PGWP window closing in 20 days is urgent, with its closing date',
    ref: '§2, §8',
    answers: graduate({ graduationDate: '2026-06-18', statusExpiry: '2027-06-30' }),
    expect: { urgency: { level: 'urgent', deadline: '2026-12-15', reason: /PGWP window/ } },
  },
  {
    name: 'a job starting in 10 days raises a normal urgency to soon',
    ref: '§8',
    answers: workerWithOffer({ offerStartDate: '2026-12-05' }),
    expect: { urgency: { level: 'soon', deadline: '2026-12-05' } },
  },
  {
    name: 'a job starting in 10 days raises a soon expiry to urgent',
    ref: '§8',
    answers: workerWithOffer({
      ...inCanadaAsWorker,
      statusExpiry: '2027-02-23',
      offerStartDate: '2026-12-05',
    }),
    expect: { urgency: { level: 'urgent' } },
  },
  {
    name: 'a job starting in 60 days with no status deadline is normal',
    ref: '§8',
    answers: workerWithOffer({ offerStartDate: '2027-01-24' }),
    expect: { urgency: { level: 'normal', deadline: null } },
  },

  // ——— Priority ———
  {
    name: 'a handoff request alone makes a lead medium',
    ref: '§8',
    answers: worker(),
    handoffRequested: true,
    expect: { priority: 'medium' },
  },
  {
    name: 'a likely stream and a handoff request, without a deadline or serious flag, stay medium',
    ref: '§8',
    answers: workerWithOffer({ citizenship: 'US', cusmaProfession: 'engineer' }),
    handoffRequested: true,
    expect: { priority: 'medium' },
  },
  {
    name: 'an admissibility flag alone makes a lead at least medium',
    ref: '§3',
    answers: worker({ immigrationHistory: true, overstay: true, overstayCountry: 'CA' }),
    expect: { priority: 'medium' },
  },
  // ——— §9 additions: family, nominees, exchanges, IEC, PGWP, entrepreneurs ———
  {
    name: 'A74: the spouse of a citizen, sponsored in Canada and living together, gets an open permit, not an LMIA',
    ref: '§9 Streams',
    answers: worker({
      ...inCanadaAsWorker,
      currentStatus: 'visitor',
      extensionFiled: true,
      spouseInCanada: true,
      spouseStatus: 'citizenOrPr',
      spouseSponsorship: true,
      livingTogether: true,
    }),
    expect: { streams: { A74: 'likely' }, noExemptStreamEvident: false },
  },
  {
    name: 'A74: before the sponsorship is filed, the permit follows the filing (possible)',
    ref: '§9 Streams',
    answers: worker({
      ...inCanadaAsWorker,
      spouseInCanada: true,
      spouseStatus: 'citizenOrPr',
      spouseSponsorship: false,
    }),
    expect: {
      streams: { A74: 'possible' },
      streamText: { A74: /Spouse or Common-law Partner in Canada class/ },
    },
  },
  {
    name: 'PR-bound family: the spouse of a TEER 4 worker who applied for PR is not called unlikely',
    ref: '§9 Streams',
    answers: worker({
      spouseInCanada: true,
      spouseStatus: 'worker',
      spouseTeer: '4',
      spouseMonthsLeft: 10,
      spousePrBound: 'prApplied',
    }),
    expect: { streams: { 'C46–C49': 'possible', 'C41/C46': 'absent' } },
  },
  {
    name: 'C41/C46: the spouse of a TEER 4 worker not moving to PR is unlikely under the 2025 limits',
    ref: '§7',
    answers: worker({
      spouseInCanada: true,
      spouseStatus: 'worker',
      spouseTeer: '4',
      spouseMonthsLeft: 20,
      spousePrBound: 'no',
    }),
    expect: { streams: { 'C41/C46': 'unlikely', 'C46–C49': 'absent' } },
  },
  {
    name: 'T13: a BC nominee with a BC job offer is a likely provincial nominee permit',
    ref: '§9 Streams',
    answers: workerWithOffer({
      goalType: 'permanent',
      goalProvince: 'BC',
      prStatus: 'nominated',
      nominationProvince: 'BC',
      nominationEmployer: true,
    }),
    expect: { streams: { T13: 'likely' }, streamText: { T13: /support letter/ } },
  },
  {
    name: 'T13: a nomination from another province does not support a BC offer',
    ref: '§9 Streams',
    answers: workerWithOffer({
      goalType: 'permanent',
      prStatus: 'nominated',
      nominationProvince: 'AB',
      nominationEmployer: false,
    }),
    expect: { streams: { T13: 'unlikely' } },
  },
  {
    name: 'A75: a nomination tied to an employer gives no bridging permit',
    ref: '§9 Streams',
    answers: worker({
      ...inCanadaAsWorker,
      statusExpiry: '2027-02-23',
      goalType: 'permanent',
      prStatus: 'prApplied',
      prProgram: 'pnp',
      prAor: true,
      canadianWorkMonths: 20,
      canadianWorkTeer: '2',
      canadianWorkWhileStudying: false,
      nominationEmployer: true,
    }),
    expect: { streams: { A75: 'unlikely' }, streamText: { A75: /tied to an employer/ } },
  },
  {
    name: 'C22: a teacher in a formal teacher exchange is C22, not C20',
    ref: '§9 Streams',
    answers: workerWithOffer({ offerSector: 'teacherExchange', offerNoc: { noc: '41220', teer: 1 } }),
    expect: { streams: { C22: 'likely', C20: 'absent' } },
  },
  {
    name: 'C20: a semi-pro player with a named team is reciprocal employment, not C22',
    ref: '§9 Streams',
    answers: workerWithOffer({ offerSector: 'sports', sportsTeam: 'Vancouver FC, Canadian Premier League' }),
    expect: { streams: { C20: 'likely', C22: 'absent' }, streamText: { C20: /Vancouver FC/ } },
  },
  {
    name: 'C21: a Korean 33-year-old is inside the published 18–35 band',
    ref: '§10 IEC',
    answers: worker({ citizenship: 'KR', residenceCountry: 'KR', age: 33 }),
    expect: { streams: { C21: 'likely' }, streamText: { C21: /within the band for Working Holiday/ } },
  },
  {
    name: "C21: an Icelander of 33 is past Iceland's published 18–30 band",
    ref: '§10 IEC',
    answers: worker({ citizenship: 'IS', residenceCountry: 'IS', age: 33 }),
    expect: { streams: { C21: 'unlikely' }, streamText: { C21: /outside the IEC bands for Iceland/ } },
  },
  {
    name: 'C21: with a job offer, Young Professionals and Co-op are employer-specific',
    ref: '§9 Streams',
    answers: workerWithOffer({ citizenship: 'FI', residenceCountry: 'FI', age: 27 }),
    expect: { streamText: { C21: /employer-specific: Employer Portal offer/ } },
  },
  {
    name: "C43: a master's program shorter than 2 years gives a 3-year PGWP",
    ref: '§9 Streams',
    answers: graduate({ programCredential: 'master', programLength: '8to24Months' }),
    expect: { streams: { C43: 'likely' }, streamText: { C43: /3-year PGWP/ } },
  },
  {
    name: 'C43: a college program with a study permit from before Nov 1, 2024 escapes the field-of-study list',
    ref: '§9 Streams',
    answers: graduate({ programCredential: 'college', studyPermitAfterNov2024: false }),
    expect: { streams: { C43: 'likely' }, streamText: { C43: /field-of-study list does not apply/ } },
  },
  {
    name: 'BC PNP Entrepreneur: a business owner with $600k+ net worth, $200k+ investment and 2 jobs is possible (Base)',
    ref: '§9 Streams',
    answers: worker({
      goalType: 'permanent',
      goalProvince: 'BC',
      ownsBusiness: true,
      ownershipPercent: 100,
      businessInvestment: '200kPlus',
      businessNetWorth: '600kPlus',
      businessJobs: 2,
    }),
    expect: {
      // C11 proper is for temporary residence only (§10): the PR route is BC PNP Entrepreneur.
      streams: { C11: 'unlikely' },
      streamText: { C11: /temporary residence only.*BC PNP Entrepreneur Immigration/ },
      pathways: [{ program: 'BC-PNP', stream: 'Entrepreneur Immigration', fit: 'possible', text: /Base/ }],
    },
  },
  {
    name: 'BC PNP Entrepreneur: below the Regional minimums is unlikely',
    ref: '§9 Streams',
    answers: worker({
      goalType: 'permanent',
      ownsBusiness: true,
      ownershipPercent: 60,
      businessInvestment: 'under100k',
      businessNetWorth: 'under300k',
      businessJobs: 1,
    }),
    expect: { pathways: [{ program: 'BC-PNP', stream: 'Entrepreneur Immigration', fit: 'unlikely' }] },
  },
  // §10 (Dec 2026) streams: test/screening/cases-dec2026-streams.ts
  ...dec2026StreamCases,
  // Leads read as a lawyer reads them (Dec 2026, held-out prospects): test/screening/cases-dec2026-lawyer.ts
  ...dec2026LawyerCases,
  // ——— §10: refused extensions (maintained status ends with the decision) ———
  {
    name: 'a refused extension: status lost on the refusal, restoration 90 days from the refusal, no work, never "maintained"',
    ref: '§10 Status and deadlines',
    answers: worker({
      ...inCanadaAsWorker,
      statusExpiry: '2026-09-30',
      extensionFiled: true,
      extensionRefused: true,
      extensionRefusalDate: '2026-11-10',
    }),
    expect: {
      urgency: {
        level: 'urgent',
        deadline: '2027-02-08',
        reason:
          /restoration must be applied for by 2027-02-08 \(90 days from the refusal.*no work until status is restored/,
      },
      blockers: /Extension refused on 2026-11-10: status was lost on 2026-11-10.*no work/,
      nowhere: /maintained status while|maintained status if/,
      priority: 'high',
    },
  },
  {
    name: 'a refusal before the old expiry: status lasts to the expiry, restoration runs 90 days from then',
    ref: '§10 Status and deadlines',
    answers: worker({
      ...inCanadaAsWorker,
      statusExpiry: '2026-11-01',
      extensionFiled: true,
      extensionRefused: true,
      extensionRefusalDate: '2026-10-15',
    }),
    expect: {
      urgency: { level: 'urgent', deadline: '2027-01-30', reason: /status was lost on 2026-11-01/ },
      nowhere: /maintained status while|maintained status if/,
    },
  },
  {
    name: 'a refused extension without its date: urgent, restoration within 90 days of losing status, the date to confirm',
    ref: '§10 Status and deadlines',
    answers: worker({
      ...inCanadaAsWorker,
      statusExpiry: '2026-10-01',
      extensionFiled: true,
      extensionRefused: true,
    }),
    expect: {
      urgency: {
        level: 'urgent',
        deadline: null,
        reason:
          /lost on the day of the refusal \(or on 2026-10-01, if it came before\).*within 90 days of losing status — the refusal date to confirm/,
      },
      nowhere: /maintained status while|maintained status if/,
    },
  },
  {
    name: 'a refusal more than 90 days ago: the restoration period has passed',
    ref: '§10 Status and deadlines',
    answers: worker({
      ...inCanadaAsWorker,
      statusExpiry: '2026-07-15',
      extensionFiled: true,
      extensionRefused: true,
      extensionRefusalDate: '2026-08-01',
    }),
    expect: {
      urgency: { level: 'urgent', reason: /refused on 2026-08-01.*restoration period has passed/ },
      blockers: /the 90-day period has passed/,
    },
  },
  {
    name: 'an extension still pending after expiry: maintained status only until the decision',
    ref: '§10 Status and deadlines',
    answers: worker({
      ...inCanadaAsWorker,
      statusExpiry: '2026-11-01',
      extensionFiled: true,
      extensionRefused: false,
    }),
    expect: { urgency: { level: 'soon', reason: /maintained status while.*ends with the decision/ } },
  },
  {
    name: 'a permit still valid whose extension was refused: nothing is maintained after expiry, so the band is the expiry’s',
    ref: '§10 Status and deadlines',
    answers: worker({
      ...inCanadaAsWorker,
      statusExpiry: '2026-12-20',
      extensionFiled: true,
      extensionRefused: true,
      extensionRefusalDate: '2026-11-02',
    }),
    expect: {
      urgency: {
        level: 'urgent',
        deadline: '2026-12-20',
        reason: /the extension was refused, so status ends that day \(not maintained\)/,
      },
      blockers: /the extension was refused: apply to extend or change before then/,
    },
  },

  // ——— §10: who may apply from inside Canada (IRPR s. 199, public policies) ———
  {
    name: 'a visiting spouse of a work-permit holder may apply from inside (s. 199(e)): never told to apply from outside',
    ref: '§10 Status and deadlines',
    answers: spouseWorker({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-03-01',
      extensionFiled: false,
      prStatus: 'none',
    }),
    expect: {
      streams: { 'C41/C46': 'likely' },
      streamText: {
        'C41/C46':
          /may apply from inside Canada as a family member of a work-permit holder \(IRPR s\. 199\(e\)\)/,
      },
      noBlocker: /outside Canada/,
    },
  },
  {
    name: 'a visiting spouse of a study-permit holder may apply from inside (s. 199(e))',
    ref: '§10 Status and deadlines',
    answers: spouseStudent({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-03-01',
      extensionFiled: false,
      prStatus: 'none',
      spouseProgram: 'doctoral',
    }),
    expect: { streams: { C42: 'likely' }, noBlocker: /outside Canada/ },
  },
  {
    name: 'a spouse sponsored in Canada (A74) applies from inside: no "apply from outside" blocker',
    ref: '§10 Status and deadlines',
    answers: worker({
      ...inCanadaAsWorker,
      currentStatus: 'visitor',
      extensionFiled: true,
      extensionRefused: false,
      prStatus: 'none',
      spouseInCanada: true,
      spouseStatus: 'citizenOrPr',
      spouseSponsorship: true,
      livingTogether: true,
    }),
    expect: {
      streams: { A74: 'likely' },
      streamText: {
        A74: /may apply from inside Canada as a spouse or partner sponsored in Canada \(A74 public policy/,
      },
      noBlocker: /outside Canada/,
    },
  },
  {
    name: 'a sponsored spouse in Canada who does not live with the sponsor: where to apply is "to confirm", never "may apply from inside" (the in-Canada class needs them together)',
    ref: '§10 Status and deadlines',
    answers: worker({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-03-01',
      extensionFiled: false,
      prStatus: 'none',
      spouseInCanada: true,
      spouseStatus: 'citizenOrPr',
      spouseSponsorship: true,
      livingTogether: false,
    }),
    expect: {
      streams: { A74: 'unlikely' },
      blockers: /where to apply: to confirm/,
      noBlocker: /— apply from outside/,
      nowhere: /may apply from inside/,
    },
  },
  {
    name: 'a visitor with a family-class PR application filed in Canada is not told to leave',
    ref: '§10 Status and deadlines',
    answers: worker({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-03-01',
      extensionFiled: false,
      goalType: 'permanent',
      prStatus: 'prApplied',
      prProgram: 'family',
      prAor: true,
    }),
    expect: { noBlocker: /outside Canada/ },
  },
  {
    name: 'a visiting spouse of a citizen before the sponsorship is filed: inside once it is filed (A74)',
    ref: '§10 Status and deadlines',
    answers: worker({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-03-01',
      extensionFiled: false,
      prStatus: 'none',
      spouseInCanada: true,
      spouseStatus: 'citizenOrPr',
      spouseSponsorship: false,
    }),
    expect: {
      blockers: /once the in-Canada spousal sponsorship is filed \(A74/,
      noBlocker: /— apply from outside/,
    },
  },
  {
    name: 'a visitor with a job offer, family not asked: where to apply is "to confirm", not an instruction',
    ref: '§10 Status and deadlines',
    answers: workerWithOffer({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-04-01',
      extensionFiled: false,
      prStatus: 'none',
    }),
    expect: { blockers: /s\. 199.*where to apply: to confirm/, noBlocker: /— apply from outside/ },
  },
  {
    name: 'a visitor with a job offer whose spouse holds a work permit is asked about the spouse and may apply from inside (s. 199(e))',
    ref: '§10 Status and deadlines',
    answers: workerWithOffer({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-04-01',
      extensionFiled: false,
      prStatus: 'none',
      spouseInCanada: true,
      spouseStatus: 'worker',
      spouseTeer: '1',
      spouseMonthsLeft: 20,
    }),
    expect: {
      noBlocker: /outside Canada|where to apply: to confirm/,
      summary:
        /Where to apply: from inside Canada as a family member of a work-permit holder \(IRPR s\. 199\(e\)\)/,
    },
  },
  {
    name: 'a visitor with a job offer and no spouse in Canada is an ordinary visitor: apply from outside',
    ref: '§10 Status and deadlines',
    answers: workerWithOffer({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-04-01',
      extensionFiled: false,
      prStatus: 'none',
      spouseInCanada: false,
    }),
    expect: { blockers: /none of the IRPR s\. 199 cases.*— apply from outside Canada/ },
  },
  {
    name: 'an ordinary visitor (no spouse in Canada, no PR file) is told to apply from outside Canada',
    ref: '§10 Status and deadlines',
    answers: worker({
      inCanada: true,
      currentStatus: 'visitor',
      statusExpiry: '2027-04-01',
      extensionFiled: false,
      prStatus: 'none',
    }),
    expect: { blockers: /Aug 28, 2024.*— apply from outside Canada/ },
  },

  {
    name: 'a Canadian graduate now on visitor status is not told to apply from outside (a PGWP route may remain)',
    ref: '§10 Status and deadlines',
    answers: graduate({
      currentStatus: 'visitor',
      statusExpiry: '2027-03-01',
      extensionFiled: false,
      prStatus: 'none',
      spouseInCanada: false,
    }),
    expect: {
      streams: { C43: 'likely' },
      noBlocker: /— apply from outside/,
      blockers: /where to apply: to confirm/,
    },
  },

  {
    name: 'a worker in Canada whose CEC PR application is filed: CEC is the file pending, for the lawyer, not re-weighed',
    ref: '§4 CEC; §9 CEC for a PGWP holder',
    answers: worker({
      ...inCanadaAsWorker,
      goalType: 'permanent',
      goalProvince: 'ON',
      canadianWorkMonths: 30,
      prStatus: 'prApplied',
      prProgram: 'cec',
      prAor: true,
    }),
    expect: {
      pathways: [{ program: 'CEC', fit: 'possible', text: /applied for PR under CEC, file pending/ }],
    },
  },

  {
    name: 'a worker in BC who applied for PR under a PNP with an employer-tied nomination: T13 with the province\'s letter, not "no exempt stream", and no new BC PNP route',
    ref: '§9 T13 (provincial nominees)',
    answers: workerWithOffer({
      ...inCanadaAsWorker,
      goalType: 'permanent',
      goalProvince: 'BC',
      offerIsCurrentJob: true,
      canadianWorkMonths: 26,
      prStatus: 'prApplied',
      prProgram: 'pnp',
      nominationEmployer: true,
      prAor: true,
    }),
    expect: {
      streams: { T13: 'possible', A75: 'unlikely' },
      noExemptStreamEvident: false,
      pathways: [{ program: 'BC-PNP', fit: 'absent' }],
    },
  },

  // ——— §10: BC PNP 2026 ———
  {
    name: 'BC PNP without a BC offer: Entry Level and Semi-Skilled is not offered as a route (reported dropped in 2026)',
    ref: '§10 BC PNP (2026)',
    answers: worker({ goalType: 'permanent', goalProvince: 'BC' }),
    expect: {
      pathways: [
        {
          program: 'BC-PNP',
          stream: 'Skills Immigration',
          fit: 'unlikely',
          text: /reported dropped in 2026/,
        },
      ],
      nowhere: /an eligible TEER 4\/5 job for Entry Level/,
    },
  },
  {
    name: 'BC PNP Skilled Worker: the tech draws and 2026 priority sectors are "to confirm"',
    ref: '§10 BC PNP (2026)',
    answers: bcOfferForPr({}),
    expect: {
      pathways: [
        {
          program: 'BC-PNP',
          stream: 'Skilled Worker',
          fit: 'possible',
          text: /ending the tech draws — to confirm/,
        },
      ],
    },
  },
  {
    name: 'BC PNP: a Canadian graduate is told the graduate streams were reported dropped in 2026',
    ref: '§10 BC PNP (2026)',
    answers: graduate({ goalType: 'permanent', goalProvince: 'BC' }),
    expect: {
      pathways: [
        {
          program: 'BC-PNP',
          stream: 'Skills Immigration',
          fit: 'unlikely',
          text: /graduate streams in 2026/,
        },
      ],
    },
  },

  // ——— §10: admissibility (removal orders, security screening, disclosure) ———
  {
    name: 'a deportation order always needs an Authorization to Return to Canada (IRPA s. 52)',
    ref: '§10 Admissibility',
    answers: worker({
      immigrationHistory: true,
      previousRefusal: false,
      overstay: true,
      overstayCountry: 'CA',
      removalOrder: true,
      removalOrderType: 'deportation',
      removalYear: 2019,
    }),
    expect: {
      flags: ['non-compliance', 'removal-order'],
      flagNote: { ground: 'removal-order', pattern: /Deportation order \(left 2019\).*always needed/ },
      blockers: /Authorization to Return to Canada \(IRPA s\. 52\)/,
    },
  },
  {
    name: 'an exclusion order this year needs an ARC (within 1 year of removal)',
    ref: '§10 Admissibility',
    answers: worker({
      immigrationHistory: true,
      previousRefusal: false,
      overstay: false,
      removalOrder: true,
      removalOrderType: 'exclusion',
      removalYear: 2026,
    }),
    expect: {
      flags: ['removal-order'],
      flagNote: { ground: 'removal-order', pattern: /needed within 1 year of removal\./ },
      blockers: /Authorization to Return/,
    },
  },
  {
    name: 'an exclusion order 3 years ago: an ARC only if it was for misrepresentation (5 years), to confirm',
    ref: '§10 Admissibility',
    answers: worker({
      immigrationHistory: true,
      previousRefusal: false,
      overstay: false,
      removalOrder: true,
      removalOrderType: 'exclusion',
      removalYear: 2023,
    }),
    expect: {
      flags: ['removal-order'],
      flagNote: {
        ground: 'removal-order',
        pattern: /5 years if the order was for misrepresentation.*to confirm/,
      },
      noBlocker: /Authorization to Return/,
    },
  },
  {
    name: 'a departure order left within 30 days and confirmed needs no ARC',
    ref: '§10 Admissibility',
    answers: worker({
      immigrationHistory: true,
      previousRefusal: false,
      overstay: false,
      removalOrder: true,
      removalOrderType: 'departure',
      removalYear: 2022,
      departureConfirmed: true,
    }),
    expect: {
      flags: ['removal-order'],
      flagNote: { ground: 'removal-order', pattern: /no ARC needed/ },
      noBlocker: /Authorization to Return/,
    },
  },
  {
    name: 'a departure order without a confirmed departure became a deportation order: ARC needed',
    ref: '§10 Admissibility',
    answers: worker({
      immigrationHistory: true,
      previousRefusal: false,
      overstay: false,
      removalOrder: true,
      removalOrderType: 'departure',
      removalYear: 2022,
      departureConfirmed: false,
    }),
    expect: {
      flagNote: { ground: 'removal-order', pattern: /became a deportation order/ },
      blockers: /Authorization to Return/,
    },
  },
  {
    name: 'former intelligence-service work: no ground, but the lead goes to a lawyer (security screening), service named',
    ref: '§10 Admissibility',
    answers: worker({
      serviceOrAffiliation: true,
      militaryService: true,
      intelligenceService: true,
      intelligenceCountry: 'UA',
      governmentPosition: false,
      violentGroups: false,
      organizedCrime: false,
      illTreatment: false,
    }),
    expect: {
      flags: [],
      notes: /service of Ukraine.*security screening \(IRPA s\. 34\)/,
      needsLawyerReview: true,
    },
  },
  {
    name: 'a US refusal before a Canadian application: "disclosure of the 2019 United States refusal in the 2022 Canadian application: to confirm"',
    ref: '§10 Admissibility',
    answers: worker({
      immigrationHistory: true,
      previousRefusal: true,
      refusalCountry: 'US',
      refusalYear: 2019,
      appliedToCanada: true,
      canadianApplicationType: 'work',
      canadianApplicationYear: 2022,
      overstay: false,
    }),
    expect: {
      flags: ['previous-refusal'],
      flagNote: {
        ground: 'previous-refusal',
        pattern:
          /[Dd]isclosure of the 2019 United States refusal in the 2022 Canadian application \(work permit\): to confirm \(IRPA s\. 40 risk/,
      },
      blockers: /Misrepresentation risk: disclosure of the 2019/,
    },
  },
  {
    name: 'a refusal abroad and no earlier Canadian application: declared on the new one, no past-forms risk claimed',
    ref: '§10 Admissibility',
    answers: worker({
      immigrationHistory: true,
      previousRefusal: true,
      refusalCountry: 'GB',
      refusalYear: 2021,
      appliedToCanada: false,
      overstay: false,
    }),
    expect: {
      flagNote: { ground: 'previous-refusal', pattern: /No earlier application to Canada/ },
      noBlocker: /Misrepresentation risk/,
    },
  },
  {
    name: 'a Canadian application older than the refusal abroad carries no past-disclosure risk',
    ref: '§10 Admissibility',
    answers: worker({
      immigrationHistory: true,
      previousRefusal: true,
      refusalCountry: 'US',
      refusalYear: 2023,
      appliedToCanada: true,
      canadianApplicationType: 'visitor',
      canadianApplicationYear: 2016,
      overstay: false,
    }),
    expect: {
      flagNote: { ground: 'previous-refusal', pattern: /was in 2016, before the refusal/ },
      noBlocker: /Misrepresentation risk/,
    },
  },

  // ——— §10: medical exam by job (care duties, not the NOC alone) ———
  {
    name: 'a home-support job (NOC 44101) with care of seniors needs a medical exam',
    ref: '§10 Admissibility',
    answers: canadianResident(
      workerWithOffer({ offerSector: 'other', offerNoc: { noc: '44101', teer: 4 }, offerCareDuties: true }),
    ),
    expect: { flags: ['medical-exam'], flagNote: { ground: 'medical-exam', pattern: /in-home care/i } },
  },
  {
    // 44100 is home child care by definition (only 44101 holds housekeepers, §10): the exam stays,
    // with the disagreement between the NOC and the duties for the lawyer (lawyer review, Dec 2026).
    name: 'a home child care NOC (44100) answered without care duties keeps the child-care exam, the duties to confirm',
    ref: '§10 Admissibility',
    answers: canadianResident(
      workerWithOffer({ offerSector: 'other', offerNoc: { noc: '44100', teer: 4 }, offerCareDuties: false }),
    ),
    expect: {
      flags: ['medical-exam'],
      flagNote: { ground: 'medical-exam', pattern: /NOC 44100 is home child care.*duties to confirm/ },
    },
  },
  {
    name: 'an employer hiring an in-home caregiver (NOC 44101) is asked the job type: medical exam',
    ref: '§10 Admissibility',
    answers: employer({
      employerNoc: { noc: '44101', teer: 4 },
      employerPosition: 'Home support worker',
      employerJobType: 'inHomeCare',
      employerWorkerCountry: 'IE',
    }),
    expect: { flags: ['medical-exam'] },
  },
  {
    name: 'an employer hiring a housekeeper (NOC 44101, no care duties): no exam by job',
    ref: '§10 Admissibility',
    answers: employer({
      employerNoc: { noc: '44101', teer: 4 },
      employerPosition: 'Housekeeper',
      employerJobType: 'other',
      employerWorkerCountry: 'IE',
    }),
    expect: { flags: [] },
  },
];
