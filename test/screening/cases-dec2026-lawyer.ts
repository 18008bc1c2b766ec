import type { Answers } from '../../src/intake/steps';
import type { ScreeningCase } from './cases';
import { employer, inCanadaAsWorker, worker, workerWithOffer } from './fixtures';

/**
 * Leads read as a senior immigration lawyer reads a first call, on prospects written after the
 * Dec 2026 review (§1–§10): each case is a sentence or a fit the lawyer would have struck, seen
 * failing on the rules before its fix.
 */

/** A worker in Canada on a permit tied to one employer. */
const tiedWorker = (overrides: Answers) =>
  worker({ ...inCanadaAsWorker, residenceCountry: 'CA', workPermitType: 'employerSpecific', ...overrides });

export const dec2026LawyerCases: ScreeningCase[] = [
  // ——— Francophone Mobility on employer leads: the employer is asked the worker's French ———
  {
    name: 'an employer in New Brunswick hiring a French-speaking educator is shown Francophone Mobility (C16), the French test to confirm',
    ref: '§2 Francophone Mobility; §6 NCLC 5',
    answers: employer({
      employerProvince: 'NB',
      employerPosition: 'Early childhood educator',
      employerNoc: { noc: '42202', teer: 2 },
      employerJobType: 'childCare',
      employerWorkerCitizenship: 'FR',
      employerWorkerCountry: 'FR',
      employerWorkerFrench: 'advanced',
    }),
    expect: {
      streams: { C16: 'possible' },
      summary:
        /French: advanced \(employer's assessment\)[\s\S]*Missing facts: a TEF Canada or TCF Canada result: NCLC 5\+/,
    },
  },
  {
    name: "an employer not sure of the worker's French is shown C16 as an open question; none or basic French lists no C16",
    ref: '§2 Francophone Mobility; §6 NCLC 5',
    answers: employer({
      employerWorkerCitizenship: 'CM',
      employerWorkerCountry: 'CM',
      employerWorkerFrench: 'notSure',
    }),
    expect: { streams: { C16: 'possible' }, summary: /the employer was not sure/ },
  },
  {
    name: 'an employer whose new hire speaks no French is not shown C16',
    ref: '§2 Francophone Mobility',
    answers: employer({ employerWorkerFrench: 'basic' }),
    expect: { streams: { C16: 'absent' } },
  },
  {
    name: 'an employer in Quebec is not shown C16 (a job outside Quebec only), nor asked the French question',
    ref: '§2 Francophone Mobility',
    answers: employer({ employerProvince: 'QC', employerWorkerFrench: 'advanced' }),
    expect: { streams: { C16: 'absent' } },
  },
  // ——— Free-trade professionals: a TEER 4/5 job is neither a profession nor a technician's post ———
  {
    name: 'a Colombian graduate offered a TEER 4 security job is not an FTA professional (F12 not listed)',
    ref: '§2 Other FTAs; §5 TEER',
    answers: workerWithOffer({
      citizenship: 'CO',
      residenceCountry: 'CO',
      offerJobTitle: 'Security supervisor',
      offerNoc: { noc: '64410', teer: 4 },
    }),
    expect: { streams: { F12: 'absent' } },
  },
  {
    name: 'a French graduate offered a TEER 5 serving job is not a CETA professional (T43 not listed)',
    ref: '§2 CETA; §5 TEER',
    answers: workerWithOffer({
      citizenship: 'FR',
      residenceCountry: 'FR',
      offerJobTitle: 'Server',
      offerNoc: { noc: '65200', teer: 5 },
    }),
    expect: { streams: { T43: 'absent' } },
  },
  {
    name: "an employer's Mexican housekeeper (TEER 4), profession not known, is not a CUSMA professional (T36 not listed)",
    ref: '§9 T36 is a closed list; §5 TEER',
    answers: employer({
      employerPosition: 'Live-out housekeeper',
      employerNoc: { noc: '44101', teer: 4 },
      employerJobType: 'other',
      employerWorkerCitizenship: 'MX',
      employerWorkerCountry: 'MX',
      employerCusmaProfession: 'notSure',
    }),
    expect: { streams: { T36: 'absent' } },
  },
  {
    name: "an employer hiring an Irish early childhood educator is shown IEC Young Professionals to check (the worker's age)",
    ref: '§2 IEC; §10 IEC ages and categories',
    answers: employer({
      employerPosition: 'Early childhood educator',
      employerNoc: { noc: '42202', teer: 2 },
      employerWorkerCitizenship: 'IE',
      employerWorkerCountry: 'IE',
    }),
    expect: {
      streams: { C21: 'possible' },
      streamText: { C21: /the worker's age \(Ireland: Working Holiday 18–35, Young Professionals 18–35/ },
      noExemptStreamEvident: true,
      summary: /only once a stream above is confirmed/,
    },
  },
  {
    name: 'a new office of a group without revenue in 2 countries: "Why not" states the requirement, not that it is met',
    ref: '§2 Intra-company transferee (Oct 3, 2024)',
    answers: employer({
      employerWorkerRelation: 'sameGroupNewOffice',
      employerWorkerMonths: 30,
      employerWorkerLevel: 'executive',
      employerRevenueCountries: false,
    }),
    expect: {
      streams: { C61: 'unlikely' },
      streamText: { C61: /must already do so/ },
      nowhere: /revenue in 2 or more countries: the multinational already earns/,
    },
  },
  // ——— Employers: the Employer Portal offer and its fee are IMP steps, not an LMIA's ———
  {
    name: 'an employer with no LMIA-exempt stream evident is not told to submit an Employer Portal offer',
    ref: '§1 Employer steps',
    answers: employer({
      employerWorkerRelation: 'sameGroupEmployee',
      employerWorkerMonths: 6,
      employerWorkerLevel: 'specializedKnowledge',
      employerRevenueCountries: true,
      employerWorkerCitizenship: 'IN',
      employerWorkerCountry: 'IN',
    }),
    expect: {
      streams: { C63: 'unlikely' },
      noExemptStreamEvident: true,
      notInSummary: /Submit the offer of employment in the IRCC Employer Portal/,
      summary: /only for an LMIA-exempt \(IMP\) permit/,
    },
  },
  // ——— Status: a passed restoration period, maintained status without a deadline ———
  {
    name: 'restoration period passed: restoration is no longer open, and CEC is not told to wait for it',
    ref: '§10 Status and deadlines',
    answers: worker({
      ...inCanadaAsWorker,
      statusExpiry: '2026-05-31',
      extensionFiled: true,
      extensionRefused: true,
      extensionRefusalDate: '2026-07-15',
      goalType: 'permanent',
      canadianWorkMonths: 30,
      canadianWorkTeer: '2',
    }),
    expect: {
      blockers: /restoration \(IRPR s\. 182\) is no longer open: the 90-day period has passed/,
      noBlocker: /no work until status is restored/,
      pathways: [{ program: 'CEC', fit: 'possible', text: /the 90-day restoration period has passed/ }],
      nowhere: /status restored first/,
      urgency: { level: 'urgent', deadline: null },
    },
  },
  {
    name: 'maintained status has no deadline: its expiry date is not shown as one, nor as "deadline within 4 months"',
    ref: '§10 Status and deadlines',
    answers: worker({
      ...inCanadaAsWorker,
      statusExpiry: '2026-11-01',
      extensionFiled: true,
      extensionRefused: false,
    }),
    expect: {
      urgency: { level: 'soon', deadline: null },
      priority: 'medium',
      notInSummary: /deadline 2026-11-01|deadline within 4 months/,
    },
  },
  // ——— In-Canada routes need valid, maintained or restorable status ———
  {
    name: 'A74: a sponsored spouse out of status past the 90 days is not eligible, and is not told to apply from inside',
    ref: '§10 Who may apply from inside Canada (A74)',
    answers: worker({
      ...inCanadaAsWorker,
      currentStatus: 'visitor',
      statusExpiry: '2026-08-01',
      extensionFiled: false,
      spouseInCanada: true,
      spouseStatus: 'citizenOrPr',
      spouseSponsorship: true,
      livingTogether: true,
    }),
    expect: {
      streams: { A74: 'unlikely' },
      streamText: { A74: /restoration period has passed: A74 needs valid, maintained or restorable status/ },
      notInSummary: /Where to apply: from inside Canada/,
    },
  },
  {
    name: 'an ordinary visitor out of status past the 90 days is still told to apply from outside Canada',
    ref: '§9 Visitors in Canada; §10 Who may apply from inside Canada',
    answers: worker({
      ...inCanadaAsWorker,
      currentStatus: 'visitor',
      statusExpiry: '2026-07-01',
      extensionFiled: false,
      spouseInCanada: false,
      prStatus: 'none',
    }),
    expect: { blockers: /— apply from outside Canada/ },
  },
  {
    name: 'a visitor spouse of a worker, out of status within the 90 days: C41 possible, from inside only once status is restored',
    ref: '§10 Who may apply from inside Canada; §10 Status and deadlines',
    answers: worker({
      ...inCanadaAsWorker,
      currentStatus: 'visitor',
      statusExpiry: '2026-10-15',
      extensionFiled: false,
      spouseInCanada: true,
      spouseStatus: 'worker',
      spouseTeer: '1',
      spouseMonthsLeft: 24,
    }),
    expect: {
      streams: { 'C41/C46': 'possible' },
      streamText: { 'C41/C46': /restorable until 2027-01-13/ },
      summary:
        /Where to apply: from inside Canada as a family member of a work-permit holder \(IRPR s\. 199\(e\)\), once status is restored/,
    },
  },
  {
    name: 'A75: a CEC applicant whose permit expired without an extension is not "holding a work permit": possible only with restoration',
    ref: '§2 Bridging; §10 Status and deadlines',
    answers: workerWithOffer({
      ...inCanadaAsWorker,
      statusExpiry: '2026-10-15',
      extensionFiled: false,
      offerIsCurrentJob: true,
      prStatus: 'prApplied',
      prProgram: 'cec',
      prAor: true,
    }),
    expect: {
      streams: { A75: 'possible' },
      streamText: { A75: /restorable until 2027-01-13/ },
      nowhere: /holds a work permit/,
    },
  },
  {
    name: 'A75: past the 90 days of restoration, no bridging permit',
    ref: '§2 Bridging; §10 Status and deadlines',
    answers: workerWithOffer({
      ...inCanadaAsWorker,
      statusExpiry: '2026-07-15',
      extensionFiled: false,
      offerIsCurrentJob: true,
      prStatus: 'prApplied',
      prProgram: 'cec',
      prAor: true,
    }),
    expect: { streams: { A75: 'unlikely' } },
  },
  {
    name: 'A75: on maintained status (extension pending) the bridging permit stays likely, read as maintained status',
    ref: '§2 Bridging; §10 Status and deadlines',
    answers: workerWithOffer({
      ...inCanadaAsWorker,
      statusExpiry: '2026-11-20',
      extensionFiled: true,
      extensionRefused: false,
      offerIsCurrentJob: true,
      prStatus: 'prApplied',
      prProgram: 'cec',
      prAor: true,
    }),
    expect: { streams: { A75: 'likely' }, streamText: { A75: /on maintained status/ } },
  },
  // ——— Vulnerable workers: A72 needs a valid permit or maintained status on one ———
  {
    name: 'A72: a mistreated worker whose permit expired without an extension is not eligible (status lost); still urgent',
    ref: '§10 Vulnerable workers',
    answers: tiedWorker({ employerTreatment: true, statusExpiry: '2026-10-01', extensionFiled: false }),
    expect: {
      streams: { A72: 'unlikely' },
      streamText: {
        A72: /status was lost on 2026-10-01.*valid employer-specific permit or maintained status/,
      },
      nowhere: /holds an employer-specific work permit/,
      urgency: { level: 'urgent', reason: /unsafe or unfair treatment/ },
      priority: 'high',
    },
  },
  {
    name: 'A72: a mistreated worker on maintained status stays possible',
    ref: '§10 Vulnerable workers',
    answers: tiedWorker({
      employerTreatment: true,
      statusExpiry: '2026-11-15',
      extensionFiled: true,
      extensionRefused: false,
    }),
    expect: { streams: { A72: 'possible' }, urgency: { level: 'urgent' } },
  },
  // ——— A likely stream has nothing missing: what is left are checks, not missing facts ———
  {
    name: 'a likely PGWP lists the DLI check as something to check, never as a missing fact beside "likely"',
    ref: '§2 Post-graduation work permit',
    answers: worker({
      ...inCanadaAsWorker,
      currentStatus: 'student',
      graduatedInCanada: true,
      programCredential: 'master',
      programLength: '8to24Months',
      graduationDate: '2026-09-26',
      hadPgwp: false,
    }),
    expect: {
      streams: { C43: 'likely' },
      summary:
        /C43 Post-graduation work permit — likely[^\n]*\n(?: {4}[^\n]*\n)* {4}To check: the program was at a PGWP-eligible DLI/,
    },
  },
  // ——— Real codes only: a stream whose code is not known reads by its name ———
  {
    name: 'a stream without a confirmed code is named first, with "code to confirm" after it',
    ref: '§10 Use only real codes',
    answers: worker({
      ...inCanadaAsWorker,
      citizenship: 'HK',
      workPermitType: 'open',
      goalType: 'permanent',
      prStatus: 'prApplied',
      prProgram: 'hongKong',
      prAor: true,
    }),
    expect: {
      summary:
        /- Hong Kong permanent-residence-pathway applicant \(open permit\), code to confirm — possible/,
      notInSummary: /- code to confirm /,
    },
  },
  // ——— C10 alone: "possible" yet "no exempt stream evident" must not read as a contradiction ———
  {
    name: 'a TEER 0 offer with only C10 to consider reads as an open question, not "no stream" beside a possible one',
    ref: '§2 Significant benefit',
    answers: workerWithOffer({
      citizenship: 'EG',
      residenceCountry: 'AE',
      offerJobTitle: 'Chief technology officer',
      offerNoc: { noc: '00012', teer: 0 },
      yearsExperience: 19,
    }),
    expect: {
      streams: { C10: 'possible' },
      noExemptStreamEvident: true,
      summary:
        /No LMIA-exempt stream is evident from the answers alone: the streams to consider below need facts not yet shown/,
    },
  },
  // ——— Impaired driving before Dec 18, 2018: what the lawyer needs, wherever it happened ———
  {
    name: 'a pre-2018 impaired-driving conviction asks where it was (rehabilitation abroad, record suspension in Canada) and when the sentence ended',
    ref: '§3 Remedies; §8 Flags',
    answers: workerWithOffer({
      citizenship: 'GB',
      residenceCountry: 'GB',
      criminalHistory: true,
      criminalConviction: true,
      impairedDriving: true,
      impairedDrivingSince2018: false,
    }),
    expect: {
      flagNote: {
        ground: 'criminality',
        pattern: /where the conviction was.*record suspension.*date the sentence was completed/,
      },
    },
  },
  {
    name: 'a post-2018 impaired-driving conviction: criminal rehabilitation abroad (never "deemed"), a record suspension in Canada',
    ref: '§3 Impaired driving; §3 Remedies',
    answers: workerWithOffer({
      criminalHistory: true,
      criminalConviction: true,
      impairedDriving: true,
      impairedDrivingSince2018: true,
    }),
    expect: {
      flagNote: {
        ground: 'criminality',
        pattern:
          /abroad: criminal rehabilitation; in Canada: a record suspension\) and the date the sentence was completed/,
      },
    },
  },
  {
    name: 'any other conviction: the lawyer needs where it was (the remedy depends on it) and when the sentence ended',
    ref: '§3 Remedies; §8 Flags',
    answers: workerWithOffer({ criminalHistory: true, criminalConviction: true, impairedDriving: false }),
    expect: {
      flagNote: {
        ground: 'criminality',
        pattern: /where the conviction was.*in Canada: a record suspension/,
      },
    },
  },
  // ——— A deportation order: every stream waits on the Authorization to Return ———
  {
    name: 'a likely stream beside a deportation order reads "subject to an Authorization to Return"',
    ref: '§10 Admissibility (removal orders)',
    answers: workerWithOffer({
      citizenship: 'US',
      residenceCountry: 'US',
      cusmaProfession: 'engineer',
      offerNoc: { noc: '21301', teer: 1 },
      immigrationHistory: true,
      removalOrder: true,
      removalOrderType: 'deportation',
      removalYear: 2018,
    }),
    expect: {
      streams: { T36: 'likely' },
      summary:
        /T36 CUSMA professional — likely, subject to an Authorization to Return to Canada \(IRPA s\. 52\)/,
    },
  },
  // ——— Medical exam by job: NOC 44100 is home child care whatever the duties answer ———
  {
    name: 'a nanny (NOC 44100, home child care) who answers no to care duties still needs the exam for child care',
    ref: '§3 Medical exam; §10 Medical exam by job',
    answers: workerWithOffer({
      citizenship: 'PH',
      residenceCountry: 'IE',
      offerJobTitle: 'Nanny for a family in West Vancouver',
      offerNoc: { noc: '44100', teer: 4 },
      offerSector: 'other',
      offerCareDuties: false,
    }),
    expect: {
      flagNote: {
        ground: 'medical-exam',
        pattern: /NOC 44100 is home child care.*medical exam is required.*duties to confirm/,
      },
    },
  },
  {
    name: 'a housekeeper (NOC 44101) who answers no to care duties needs no exam by job',
    ref: '§10 Medical exam by job',
    answers: workerWithOffer({
      citizenship: 'PH',
      residenceCountry: 'IE',
      offerJobTitle: 'Housekeeper',
      offerNoc: { noc: '44101', teer: 4 },
      offerSector: 'other',
      offerCareDuties: false,
    }),
    expect: { flags: [] },
  },
  {
    name: 'a spouse with no job offer and no exempt stream is told an LMIA permit takes an employer and an offer first',
    ref: '§1 IMP basics',
    answers: worker({
      citizenship: 'PH',
      residenceCountry: 'PH',
      spouseInCanada: true,
      spouseStatus: 'worker',
      spouseTeer: '2',
      spouseMonthsLeft: 10,
      spousePrBound: 'no',
      spouseCitizenship: 'PH',
    }),
    expect: {
      streams: { 'C41/C46': 'unlikely' },
      summary: /an LMIA-based work permit may be needed, which takes a job offer from an employer first/,
    },
  },
  // ——— A worker on a valid permit keeps the job: no new permit is needed now ———
  {
    name: 'a PGWP holder in the job on file, with months left, is not told an LMIA permit "may be needed" as if now',
    ref: '§9 CEC for PGWP holders',
    answers: workerWithOffer({
      ...inCanadaAsWorker,
      citizenship: 'IN',
      workPermitType: 'open',
      statusExpiry: '2027-08-31',
      offerIsCurrentJob: true,
      canadianWorkMonths: 10,
      canadianWorkTeer: '1',
    }),
    expect: {
      noExemptStreamEvident: true,
      summary: /current work permit \(valid until 2027-08-31\) covers the job on file/,
    },
  },
];
