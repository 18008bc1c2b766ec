import type { Answers } from '../../src/intake/steps';
import type { ScreeningCase } from './cases';
import { inCanadaAsWorker, worker, workerWithOffer } from './fixtures';

/**
 * Cases for the streams of imp-reference.md §10 (Dec 2026 review): vulnerable workers (A72),
 * religious and charitable work (C50, C51), the Hong Kong pathway open permit, the free-trade
 * spouse codes (T45, T53, T25), IEC bands and categories by country, C11 with a PR goal, and
 * real codes only. Each was seen failing on the rules before §10.
 */

/** A worker in Canada on a permit tied to one employer, no job offer elsewhere. */
const tiedWorker = (overrides: Answers) =>
  worker({ ...inCanadaAsWorker, residenceCountry: 'CA', workPermitType: 'employerSpecific', ...overrides });
/** A spouse in Canada of a worker whose job fails C41's limits (TEER 3, 10 months left). */
const spouseOfFtaWorker = (spouseCitizenship: string, overrides: Answers = {}) =>
  worker({
    spouseInCanada: true,
    spouseStatus: 'worker',
    spouseTeer: '3',
    spouseMonthsLeft: 10,
    spousePrBound: 'no',
    spouseCitizenship,
    ...overrides,
  });
const youth = (citizenship: string, age: number, overrides: Answers = {}) =>
  worker({ citizenship, residenceCountry: citizenship, age, ...overrides });
const owner = (overrides: Answers) =>
  worker({
    ownsBusiness: true,
    ownershipPercent: 100,
    businessInvestment: '200kPlus',
    businessNetWorth: '600kPlus',
    businessJobs: 2,
    ...overrides,
  });

export const dec2026StreamCases: ScreeningCase[] = [
  // ——— Vulnerable workers (A72, R207.1) ———
  {
    name: 'A72: a worker on an employer-specific permit treated unsafely or unfairly gets the open permit, possible and urgent',
    ref: '§10 Vulnerable workers',
    answers: tiedWorker({ employerTreatment: true }),
    expect: {
      streams: { A72: 'possible' },
      streamText: { A72: /R196\.2.*passport or pay withheld/ },
      noExemptStreamEvident: false,
      urgency: { level: 'urgent', reason: /unsafe or unfair treatment.*A72/ },
      priority: 'high',
    },
  },
  {
    name: 'A72: a worker unsure whether the permit is tied to one employer stays possible, with the permit type to confirm',
    ref: '§10 Vulnerable workers',
    answers: tiedWorker({ workPermitType: 'notSure', employerTreatment: true }),
    expect: {
      streams: { A72: 'possible' },
      streamText: { A72: /whether the work permit is tied to one employer/ },
      urgency: { level: 'urgent' },
    },
  },
  {
    name: 'A72: an open-permit holder is not asked and not screened for the vulnerable-worker permit',
    ref: '§10 Vulnerable workers',
    answers: tiedWorker({ workPermitType: 'open', employerTreatment: true }),
    expect: { streams: { A72: 'absent' }, urgency: { level: 'normal' } },
  },
  {
    name: 'A72: a tied worker whose employer treats them fairly is not shown A72',
    ref: '§10 Vulnerable workers',
    answers: tiedWorker({ employerTreatment: false }),
    expect: { streams: { A72: 'absent' }, urgency: { level: 'normal' } },
  },

  // ——— Religious and charitable work (C50, C51) ———
  {
    name: 'C50: a religious worker is a possible religious-work case, with R186(l) for leaders noted',
    ref: '§10 Religious work',
    answers: workerWithOffer({
      offerSector: 'religious',
      offerJobTitle: 'Pastor at Grace Fellowship',
      offerNoc: { noc: '41400', teer: 1 },
    }),
    expect: {
      streams: { C50: 'possible', C51: 'absent' },
      streamText: { C50: /R186\(l\)/ },
      noExemptStreamEvident: false,
    },
  },
  {
    name: 'C51: charitable work for a non-profit is possible, never likely',
    ref: '§10 Religious work',
    answers: workerWithOffer({
      offerSector: 'charitable',
      offerJobTitle: 'Outreach worker at Harbour Food Bank',
      offerNoc: { noc: '42201', teer: 2 },
    }),
    expect: { streams: { C51: 'possible', C50: 'absent' }, noExemptStreamEvident: false },
  },

  // ——— Hong Kong pathway open permit ———
  {
    name: 'Hong Kong: a pending Hong Kong pathway applicant in Canada keeps the open-permit route (code to confirm), not the bridging permit',
    ref: '§10 Hong Kong residents',
    answers: worker({
      ...inCanadaAsWorker,
      citizenship: 'HK',
      residenceCountry: 'CA',
      workPermitType: 'open',
      goalType: 'permanent',
      prStatus: 'prApplied',
      prProgram: 'hongKong',
      prAor: true,
    }),
    expect: {
      streams: { 'code to confirm': 'possible', A75: 'unlikely' },
      streamText: { 'code to confirm': /2026-08-31.*still pending/ },
    },
  },
  {
    name: 'Hong Kong: a Hong Kong citizen in Canada who has not applied is told the pathways closed on Aug 31, 2026',
    ref: '§10 Hong Kong residents',
    answers: worker({
      ...inCanadaAsWorker,
      citizenship: 'HK',
      residenceCountry: 'CA',
      workPermitType: 'open',
      goalType: 'permanent',
      goalProvince: 'BC',
      prStatus: 'none',
    }),
    expect: {
      streams: { 'code to confirm': 'unlikely' },
      streamText: { 'code to confirm': /closed on 2026-08-31/ },
    },
  },

  // ——— Free-trade spouse codes (T45, T53, T25) ———
  {
    name: "T45: the spouse of a French worker in a TEER 3 job with 10 months left is a possible CETA spouse, outside C41's limits",
    ref: '§10 FTA spouse codes',
    answers: spouseOfFtaWorker('FR'),
    expect: {
      streams: { 'C41/C46': 'unlikely', T45: 'possible', T53: 'absent', T25: 'absent' },
      streamText: { T45: /not bound by C41.*intra-company transferee under CETA or CUKTCA/s },
      noExemptStreamEvident: false,
    },
  },
  {
    name: "T53: the spouse of a Japanese worker is a possible CPTPP spouse, by the principal's citizenship",
    ref: '§10 FTA spouse codes',
    answers: spouseOfFtaWorker('JP', { spouseTeer: '4' }),
    expect: { streams: { T53: 'possible', T45: 'absent', 'C41/C46': 'unlikely' } },
  },
  {
    name: 'T25: the spouse of a Korean worker is a possible Colombia/Korea FTA spouse',
    ref: '§10 FTA spouse codes',
    answers: spouseOfFtaWorker('KR'),
    expect: { streams: { T25: 'possible', T53: 'absent', T45: 'absent' } },
  },
  {
    name: 'FTA spouse codes: the spouse of an Indian worker has none, and C41 stays unlikely',
    ref: '§10 FTA spouse codes',
    answers: spouseOfFtaWorker('IN'),
    expect: { streams: { T45: 'absent', T53: 'absent', T25: 'absent', 'C41/C46': 'unlikely' } },
  },

  // ——— IEC bands and categories by country ———
  {
    name: 'C21: a Belgian of 33 is past Belgium’s 18–30 band and is not shown C21 possible',
    ref: '§10 IEC',
    answers: youth('BE', 33),
    expect: { streams: { C21: 'unlikely' }, streamText: { C21: /Working Holiday 18–30\)/ } },
  },
  {
    name: 'C21: Belgium offers Working Holiday only, so a Belgian with an offer is not pointed to Young Professionals',
    ref: '§10 IEC',
    answers: workerWithOffer({ citizenship: 'BE', residenceCountry: 'BE', age: 25 }),
    expect: {
      streams: { C21: 'likely' },
      streamText: { C21: /^(?![\s\S]*Young Professionals)[\s\S]*Working Holiday: an open permit/ },
    },
  },
  {
    name: 'C21: Switzerland offers no Working Holiday, so a Swiss 26-year-old without an offer needs one (possible)',
    ref: '§10 IEC',
    answers: youth('CH', 26),
    expect: {
      streams: { C21: 'possible' },
      streamText: { C21: /employer-specific job offer: at 26, Switzerland offers only Young Professionals/ },
    },
  },
  {
    name: "C21: an Austrian of 33 is past Austria's 18–30 Working Holiday band but within its other categories",
    ref: '§10 IEC',
    answers: youth('AT', 33),
    expect: {
      streams: { C21: 'possible' },
      streamText: { C21: /past the band for Working Holiday/ },
    },
  },
  {
    name: 'C21: a Japanese 31-year-old is past the 18–30 Working Holiday band',
    ref: '§10 IEC',
    answers: youth('JP', 31),
    expect: { streams: { C21: 'unlikely' } },
  },
  {
    name: "C21: Mexico is not an IEC partner on IRCC's list (the arrangement is suspended)",
    ref: '§10 IEC',
    answers: youth('MX', 25),
    expect: { streams: { C21: 'absent' } },
  },

  // ——— C11 with a PR goal ———
  {
    name: "C11: an owner aiming at PR in Ontario is pointed to the province's entrepreneur stream",
    ref: '§10 Entrepreneurs aiming at PR',
    answers: owner({ goalType: 'permanent', goalProvince: 'ON' }),
    expect: {
      streams: { C11: 'unlikely' },
      streamText: { C11: /temporary residence only.*province's entrepreneur stream/ },
    },
  },
  {
    name: 'C11: an owner not sure of the goal is asked whether they seek temporary residence only',
    ref: '§10 Entrepreneurs aiming at PR',
    answers: owner({ goalType: 'notSure', goalProvince: 'BC' }),
    expect: {
      streams: { C11: 'possible' },
      streamText: { C11: /whether the owner seeks temporary residence only.*BC PNP Entrepreneur/ },
    },
  },

  // ——— Real codes only ———
  {
    name: 'UK transferee: no invented "CUKTCA-ICT" code; the CETA code with the CUKTCA program code, to confirm',
    ref: '§10 Use only real codes',
    answers: workerWithOffer({
      citizenship: 'GB',
      residenceCountry: 'GB',
      offerSameGroup: 'subsidiary',
      icMonthsContinuous: 24,
      icRoleLevel: 'executive',
      icNewEntity: false,
      icRevenueCountries: true,
    }),
    expect: {
      streams: { 'CUKTCA-ICT': 'absent', CUKTCA: 'absent', T44: 'likely' },
      streamText: { T44: /code to confirm: the CETA code \(T44\) with the CUKTCA program code/ },
    },
  },
];
