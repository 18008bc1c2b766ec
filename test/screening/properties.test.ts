import fc from 'fast-check';
import { answersSchema, type Answers } from '../../src/intake/steps';
import { iecPartner } from '../../src/screening/streams/iec';
import { screen, screeningSchema, type Screening } from '../../src/screening';
import {
  answersArb,
  countryArb,
  employerAnswersArb,
  isoDateArb,
  todayArb,
  workerAnswersArb,
} from './arbitraries';
import { TODAY } from './fixtures';

const screenOn = (answers: Answers, today = TODAY): Screening => screen(answers, { today });
const fitOf = (result: Screening, code: string) => result.streams.find((stream) => stream.code === code)?.fit;
const notLikely = (result: Screening, ...codes: string[]) =>
  codes.every((code) => fitOf(result, code) !== 'likely');

const ictCodes = ['C61', 'C62', 'C63', 'T37', 'T38', 'T44', 'CUKTCA-ICT', 'T51'];
const nonCusmaCountry = countryArb.filter((code) => code !== 'US' && code !== 'MX');
const sameGroup = fc.constantFrom('parent', 'subsidiary', 'branch', 'affiliate' as const);

const screeners = [
  'criminalHistory',
  'criminalConviction',
  'impairedDriving',
  'serviceOrAffiliation',
  'organizedCrime',
  'violentGroups',
  'militaryService',
  'governmentPosition',
  'illTreatment',
  'medicalCondition',
  'designatedCountryStay',
  'previousRefusal',
  'overstay',
] as const;
/** Screeners whose yes names a ground of inadmissibility on its own (§3, §9). */
const groundScreeners = [
  'criminalHistory',
  'organizedCrime',
  'violentGroups',
  'illTreatment',
  'medicalCondition',
  'previousRefusal',
] as const;

describe('screening properties', () => {
  it('never throws on an answer set the schemas accept, and always returns a valid screening', () => {
    fc.assert(
      fc.property(answersArb, todayArb, (answers, today) => {
        expect(answersSchema.safeParse(answers).success).toBe(true);
        expect(screeningSchema.safeParse(screenOn(answers, today)).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('gives every unlikely stream at least one reason, so staff see why', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        for (const stream of screenOn(answers).streams) {
          if (stream.fit === 'unlikely') expect(stream.reasons.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never says no exempt stream is evident next to a likely stream', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const result = screenOn(answers);
        if (result.streams.some((stream) => stream.fit === 'likely'))
          expect(result.noExemptStreamEvident).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('sets needsLawyerReview whenever a screener naming a ground is answered yes, whatever the role', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...groundScreeners), (answers, screener) => {
        const { admissibility } = screenOn({ ...answers, [screener]: true });
        expect(admissibility.needsLawyerReview).toBe(true);
        expect(admissibility.flags.length).toBeGreaterThan(0);
      }),
    );
  });

  it('raises no flag when every screener is no and the job is outside public health', () => {
    fc.assert(
      fc.property(workerAnswersArb, (answers) => {
        const clean: Answers = {
          ...answers,
          offerSector: 'other',
          offerNoc: { teer: 1 },
          residenceCountry: 'US',
        };
        for (const screener of screeners) clean[screener] = false;
        expect(screenOn(clean).admissibility).toEqual({ flags: [], notes: [], needsLawyerReview: false });
      }),
    );
  });

  it('never raises a flag for military service or a government post alone (§9)', () => {
    fc.assert(
      fc.property(workerAnswersArb, fc.boolean(), fc.boolean(), (answers, military, government) => {
        const only: Answers = {
          ...answers,
          offerSector: 'other',
          offerNoc: { teer: 1 },
          residenceCountry: 'US',
        };
        for (const screener of screeners) only[screener] = false;
        Object.assign(only, {
          serviceOrAffiliation: true,
          militaryService: military,
          governmentPosition: government,
        });
        const { admissibility } = screenOn(only);
        expect(admissibility.flags).toEqual([]);
        expect(admissibility.notes.length).toBe(Number(military) + Number(government));
      }),
    );
  });

  it('never calls a charge without a conviction serious criminality', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const charged: Answers = {
          ...answers,
          role: 'worker',
          criminalHistory: true,
          criminalConviction: false,
        };
        const criminality = screenOn(charged).admissibility.flags.find(
          (flag) => flag.ground === 'criminality',
        );
        expect(criminality?.serious).not.toBe(true);
      }),
    );
  });

  it('gives one flag per ground', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const grounds = screenOn(answers).admissibility.flags.map((flag) => flag.ground);
        expect(new Set(grounds).size).toBe(grounds.length);
      }),
    );
  });
});

describe('a stream whose hard requirement fails is never likely', () => {
  it('CUSMA (T36, T37, T38) without US or Mexican citizenship, on worker and employer leads', () => {
    fc.assert(
      fc.property(
        workerAnswersArb,
        employerAnswersArb,
        nonCusmaCountry,
        (workerAnswers, employerAnswers, country) => {
          const asWorker = screenOn({ ...workerAnswers, citizenship: country, hasJobOffer: true });
          const asEmployer = screenOn({ ...employerAnswers, employerWorkerCitizenship: country });
          expect(notLikely(asWorker, 'T36', 'T37', 'T38')).toBe(true);
          expect(notLikely(asEmployer, 'T36', 'T37', 'T38')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a US permanent resident with an offer who is not a US or Mexican citizen sees T36 as unlikely', () => {
    fc.assert(
      fc.property(workerAnswersArb, nonCusmaCountry, (answers, country) => {
        const result = screenOn({
          ...answers,
          citizenship: country,
          residenceCountry: 'US',
          hasJobOffer: true,
        });
        expect(fitOf(result, 'T36')).toBe('unlikely');
      }),
    );
  });

  it('intra-company transfers with less than 12 months of continuous work', () => {
    fc.assert(
      fc.property(
        workerAnswersArb,
        employerAnswersArb,
        sameGroup,
        fc.integer({ min: 0, max: 11 }),
        (workerAnswers, employerAnswers, relation, months) => {
          const asWorker = screenOn({
            ...workerAnswers,
            hasJobOffer: true,
            offerSameGroup: relation,
            icMonthsContinuous: months,
          });
          const asEmployer = screenOn({
            ...employerAnswers,
            employerWorkerRelation: 'sameGroupEmployee',
            employerWorkerMonths: months,
          });
          expect(notLikely(asWorker, ...ictCodes)).toBe(true);
          expect(notLikely(asEmployer, ...ictCodes)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('C43 after the 180-day window, after an earlier PGWP, or for a program under 8 months', () => {
    const failing = fc.oneof(
      fc.integer({ min: 181, max: 3000 }).map((days): Answers => {
        const graduated = new Date(Date.UTC(2026, 10, 25) - days * 86_400_000).toISOString().slice(0, 10);
        return { graduationDate: graduated };
      }),
      fc.constant<Answers>({ hadPgwp: true }),
      fc.constant<Answers>({ programLength: 'under8Months' }),
    );
    fc.assert(
      fc.property(workerAnswersArb, failing, (answers, failure) => {
        expect(fitOf(screenOn({ ...answers, graduatedInCanada: true, ...failure }), 'C43')).not.toBe(
          'likely',
        );
      }),
      { numRuns: 300 },
    );
  });

  it('C41/C46 with fewer than 16 months left or a principal outside TEER 0/1', () => {
    const failing = fc.oneof(
      fc.integer({ min: 0, max: 15 }).map((months): Answers => ({ spouseMonthsLeft: months })),
      fc.constantFrom('2', '3', '4', '5', 'unknown' as const).map((teer): Answers => ({ spouseTeer: teer })),
    );
    fc.assert(
      fc.property(workerAnswersArb, failing, (answers, failure) => {
        const result = screenOn({ ...answers, spouseInCanada: true, spouseStatus: 'worker', ...failure });
        expect(fitOf(result, 'C41/C46')).not.toBe('likely');
      }),
    );
  });

  it("C42 unless the student spouse is in a doctoral or 16-month master's program", () => {
    const program = fc.constantFrom('mastersShort', 'professional', 'bachelor', 'college', 'other' as const);
    fc.assert(
      fc.property(workerAnswersArb, program, (answers, spouseProgram) => {
        const result = screenOn({ ...answers, spouseInCanada: true, spouseStatus: 'student', spouseProgram });
        expect(fitOf(result, 'C42')).not.toBe('likely');
      }),
    );
  });

  it('C16 for a job in Quebec, a lowest NCLC under 5, or without a French test', () => {
    const failing = fc.oneof(
      fc
        .integer({ min: 5, max: 12 })
        .map((level): Answers => ({ offerProvince: 'QC', languageTest: 'tcfCanada', languageLevel: level })),
      fc
        .integer({ min: 1, max: 4 })
        .map((level): Answers => ({ languageTest: 'tefCanada', languageLevel: level })),
      fc
        .constantFrom('ieltsGeneral', 'celpip', 'pteCore', 'otherTest', 'none' as const)
        .map((test): Answers => ({ languageTest: test })),
    );
    fc.assert(
      fc.property(workerAnswersArb, failing, (answers, failure) => {
        expect(fitOf(screenOn({ ...answers, hasJobOffer: true, ...failure }), 'C16')).not.toBe('likely');
      }),
    );
  });

  it("C21 outside the partner country's age band", () => {
    const partnerAndAge = fc
      .tuple(
        fc.constantFrom('AU', 'IE', 'IT', 'GB', 'FR', 'JP', 'DE', 'MX'),
        fc.integer({ min: 14, max: 100 }),
      )
      .filter(([country, age]) => age < 18 || age > (iecPartner(country)?.maxAge ?? 35));
    fc.assert(
      fc.property(workerAnswersArb, partnerAndAge, (answers, [citizenship, age]) => {
        expect(fitOf(screenOn({ ...answers, citizenship, age }), 'C21')).not.toBe('likely');
      }),
    );
  });

  it('A75 without an acknowledgement of receipt, for a family-class or other program, or for a non-worker', () => {
    const failing = fc.oneof(
      fc.constant<Answers>({ prAor: false }),
      fc.constantFrom('family', 'other' as const).map((program): Answers => ({ prProgram: program })),
      fc
        .constantFrom('visitor', 'student', 'other' as const)
        .map((status): Answers => ({ currentStatus: status })),
    );
    fc.assert(
      fc.property(workerAnswersArb, failing, (answers, failure) => {
        const result = screenOn({ ...answers, inCanada: true, prStatus: 'prApplied', ...failure });
        expect(fitOf(result, 'A75')).not.toBe('likely');
      }),
    );
  });

  it('C10 and C11, which rest on an officer’s discretion', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        expect(notLikely(screenOn(answers), 'C10', 'C11')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('CEC with under 12 months, TEER 4/5 work, self-employment or work as a full-time student', () => {
    const failing = fc.oneof(
      fc.integer({ min: 0, max: 11 }).map((months): Answers => ({ canadianWorkMonths: months })),
      fc.constantFrom('4', '5', 'unknown' as const).map((teer): Answers => ({ canadianWorkTeer: teer })),
      fc.constant<Answers>({ selfEmployed: true }),
      fc.constant<Answers>({ canadianWorkWhileStudying: true }),
    );
    fc.assert(
      fc.property(workerAnswersArb, failing, (answers, failure) => {
        const cec = screenOn({ ...answers, ...failure }).pathways.find(
          (pathway) => pathway.program === 'CEC',
        );
        expect(cec?.fit).not.toBe('likely');
      }),
    );
  });
});

describe('urgency properties', () => {
  it('follows the 60/120-day bands of the status expiry; once expired, the 90-day restoration date is the deadline', () => {
    fc.assert(
      fc.property(isoDateArb, (statusExpiry) => {
        const answers: Answers = { consent: true, role: 'worker', inCanada: true, statusExpiry };
        const urgency = screenOn(answers).urgency;
        const daysLeft = Math.round((Date.parse(statusExpiry) - Date.parse(TODAY)) / 86_400_000);
        const expected = daysLeft <= 60 ? 'urgent' : daysLeft <= 120 ? 'soon' : 'normal';
        expect(urgency.level).toBe(expected);
        const restoration = new Date(Date.parse(statusExpiry) + 90 * 86_400_000).toISOString().slice(0, 10);
        expect(urgency.deadline).toBe(daysLeft < 0 && daysLeft >= -90 ? restoration : statusExpiry);
      }),
      { numRuns: 300 },
    );
  });
});
