import fc from 'fast-check';
import countries from 'i18n-iso-countries';
import type { z } from 'zod';
import { scoredTests, testScales } from '../../src/intake/parse/language';
import { stepCatalogue, stepIds, type Answers, type StepId } from '../../src/intake/steps';

/** Answer sets the schemas accept, built from the step catalogue's input kinds and choices. */

const countryCodes = Object.keys(countries.getAlpha2Codes());

export const isoDateArb = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const nocArb = fc.oneof(
  fc.constant({}),
  fc.integer({ min: 0, max: 5 }).map((teer) => ({ teer })),
  fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 999 }))
    .map(([category, teer, rest]) => {
      const noc = `${category}${teer}${String(rest).padStart(3, '0')}`;
      return { noc, teer };
    }),
);

/** A score on a skill's scale: IELTS halves, whole points elsewhere. */
const onScale = ({ min, max, step }: { min: number; max: number; step: number }) =>
  fc.integer({ min: 0, max: Math.round((max - min) / step) }).map((n) => min + n * step);

/** Language results as stored: four skills or an overall score on the test's scale, a CLB level, or null. */
const languageResultArb = fc.oneof(
  fc.constantFrom(...scoredTests).chain((test) => {
    const scale = testScales[test];
    const four = fc.record({
      test: fc.constant(test),
      listening: onScale(scale.skills.listening),
      reading: onScale(scale.skills.reading),
      writing: onScale(scale.skills.writing),
      speaking: onScale(scale.skills.speaking),
    });
    return scale.overall
      ? fc.oneof(four, fc.record({ test: fc.constant(test), overall: onScale(scale.overall) }))
      : four;
  }),
  fc.integer({ min: 1, max: 12 }),
  fc.constant(null),
);

const phoneArb = fc.integer({ min: 2_000_000, max: 9_999_999 }).map((n) => `+1604${n}`);

/** Prospect text, including markup and quotes: the summary must escape whatever it shows. */
export const textArb = fc.oneof(
  fc.string({ minLength: 2, maxLength: 60 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '" onmouseover="alert(1)',
    "O'Brien & Sons <b>",
    '<img src=x onerror=alert(1)>',
  ),
);

function arbitraryFor(id: StepId): fc.Arbitrary<unknown> {
  const input = stepCatalogue[id].input;
  if (id === 'offerNoc' || id === 'employerNoc') return nocArb;
  if (id === 'languageLevel') return languageResultArb;
  switch (input.kind) {
    case 'yesno':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...(input.choices ?? []));
    case 'number': {
      const schema = input.value as unknown as z.ZodNumber;
      return fc.integer({ min: schema.minValue ?? 0, max: schema.maxValue ?? 100 });
    }
    case 'money':
      return fc.record(
        {
          amount: fc.double({ min: 0.01, max: 1_000_000, noNaN: true }),
          per: fc.constantFrom('year', 'hour'),
          currency: fc.constantFrom('USD', 'EUR', 'INR'),
          given: fc.record({
            amount: fc.double({ min: 0.01, max: 100_000, noNaN: true }),
            per: fc.constantFrom('month', 'week'),
          }),
        },
        { requiredKeys: ['amount', 'per'] },
      );
    case 'date':
      return isoDateArb;
    case 'email':
      return fc.constantFrom('prospect@example.com', 'a.b@firm.ca');
    case 'phone':
      return input.optional ? fc.option(phoneArb, { nil: null }) : phoneArb;
    case 'country':
      return fc.constantFrom(...countryCodes);
    case 'text':
      return textArb;
  }
}

/** Any answer set: every step may be missing, answered or answered off the usual path. */
export const answersArb: fc.Arbitrary<Answers> = fc.record(
  Object.fromEntries(stepIds.map((id) => [id, arbitraryFor(id)])) as Record<StepId, fc.Arbitrary<unknown>>,
  { requiredKeys: [] },
) as fc.Arbitrary<Answers>;

/** Answer sets of one role, as the intake would hold them. */
export const workerAnswersArb = answersArb.map((answers): Answers => ({
  ...answers,
  consent: true,
  role: 'worker',
}));
export const employerAnswersArb = answersArb.map((answers): Answers => ({
  ...answers,
  consent: true,
  role: 'employer',
}));

export const todayArb = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

export const countryArb = fc.constantFrom(...countryCodes);
