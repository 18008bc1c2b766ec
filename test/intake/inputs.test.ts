import { stepCatalogue } from '../../src/intake/steps';
import countries from 'i18n-iso-countries/index';
import { countryCode } from '../../src/intake/inputs';
import { readDate } from '../../src/intake/parse/dates';
import { convertScores, type LanguageScores } from '../../src/intake/parse/language';
import { isDontKnow } from '../../src/intake/parse/words';

const TODAY = '2026-11-25';
/** Reads as the engine does, on a fixed day; `{ success, data }` keeps the tables short. */
const read = <S extends keyof typeof stepCatalogue>(
  step: S,
  text: string,
  answers: Record<string, unknown> = {},
): { success: boolean; data?: unknown; problem?: { key: string; params?: Record<string, unknown> } } => {
  const reading = (stepCatalogue[step].input.read as (t: string, c: unknown) => Record<string, unknown>)(
    text,
    {
      today: TODAY,
      answers,
    },
  );
  return 'problem' in reading
    ? { success: false, problem: reading.problem as { key: string } }
    : { success: true, data: reading.value };
};
const problemOf = (result: ReturnType<typeof read>) => result.problem?.key;

describe('dates', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['March 5, 2026', '2026-03-05'],
    ['5 March 2026', '2026-03-05'],
    ['5th of March 2026'.replace(' of', ''), '2026-03-05'],
    ['5 mars 2026', '2026-03-05'],
    ['le 1er avril 2027', '2027-04-01'],
    ['25/12/2026', '2026-12-25'],
    ['12/25/2026', '2026-12-25'],
    ['Sept 2026', '2026-09-01'],
  ])('reads %s as %s', (text, iso) => {
    expect(readDate(text, TODAY)).toEqual({ date: iso, resolved: false });
  });

  it.each(['2026-02-30', '31 April 2026', '2025-13-01', '32/01/2026'])(
    'refuses the impossible date %s',
    (text) => {
      expect(readDate(text, TODAY)).toEqual({ problem: 'date.impossible' });
    },
  );

  it('asks which date is meant when day and month could be swapped', () => {
    expect(readDate('03/04/2026', TODAY)).toEqual({ problem: 'date.ambiguous' });
  });

  it('says it cannot read words that are not a date', () => {
    expect(problemOf(read('statusExpiry', 'when my permit runs out'))).toBe('date.format');
  });
});

describe('money', () => {
  it.each([
    ['$120k', { amount: 120000, per: 'year' }],
    ['120,000', { amount: 120000, per: 'year' }],
    ['120 000 $', { amount: 120000, per: 'year' }],
    ['$35/h', { amount: 35, per: 'hour' }],
    ['42.50 per hour', { amount: 42.5, per: 'hour' }],
    ['28', { amount: 28, per: 'hour' }],
    ['95000 a year', { amount: 95000, per: 'year' }],
  ])('reads %s', (text, value) => {
    expect(read('offerWage', text)).toEqual({ success: true, data: value });
  });

  it.each(['lots', 'about a hundred', '-5', '0'])('refuses %s', (text) => {
    expect(problemOf(read('offerWage', text))).toBe('money');
  });
});

describe('yes / no', () => {
  it.each([
    ['yes', true],
    ['Y', true],
    ['Oui', true],
    ['no', false],
    ['n', false],
    ['NON', false],
  ])('reads %s', (text, value) => {
    expect(read('inCanada', text)).toEqual({ success: true, data: value });
  });

  it('refuses maybe', () => {
    expect(problemOf(read('inCanada', 'maybe'))).toBe('yesno');
  });
});

describe('choices', () => {
  it('accepts the value and the position in the list', () => {
    expect(read('currentStatus', 'student')).toEqual({ success: true, data: 'student' });
    expect(read('currentStatus', '3')).toEqual({ success: true, data: 'worker' });
  });

  it('refuses a number outside the list and says how many there are', () => {
    const result = read('currentStatus', '9');
    expect(problemOf(result)).toBe('choice');
    expect(result.problem).toMatchObject({ params: { count: 4 } });
  });
});

describe('numbers', () => {
  it('reads "5 years" and refuses out-of-range values', () => {
    expect(read('yearsExperience', '5 years')).toEqual({ success: true, data: 5 });
    expect(problemOf(read('yearsExperience', '75'))).toBe('number.range');
    expect(problemOf(read('age', 'old enough'))).toBe('number.format');
  });
});

describe('contact details', () => {
  it('keeps a valid email in lower case and refuses a malformed one', () => {
    expect(read('contactEmail', ' Ana.Silva@Example.COM ')).toEqual({
      success: true,
      data: 'ana.silva@example.com',
    });
    expect(problemOf(read('contactEmail', 'ana@'))).toBe('email');
  });

  it('stores phones in international form, reading local numbers as North American', () => {
    expect(read('contactPhone', '(604) 555-0199')).toEqual({ success: true, data: '+16045550199' });
    expect(read('contactPhone', '+44 20 7946 0958')).toEqual({ success: true, data: '+442079460958' });
    expect(problemOf(read('contactPhone', '12'))).toBe('phone');
  });
});

describe('countries', () => {
  it.each([
    ['USA', 'US'],
    ['united states', 'US'],
    ['États-Unis', 'US'],
    ['Mexique', 'MX'],
    ['india', 'IN'],
    ['UK', 'GB'],
    ['Allemagne', 'DE'],
    ['fr', 'FR'],
  ])('reads %s as %s', (text, code) => {
    expect(countryCode(text)).toBe(code);
  });

  it('refuses a place that is not a country', () => {
    expect(problemOf(read('citizenship', 'Atlantis'))).toBe('country');
  });

  it("knows the names in the flows' languages only (every language's list cost the server 9 MB)", () => {
    expect(countries.getNames('de')).toEqual({});
    expect(countries.getName('DE', 'fr')).toBe('Allemagne');
  });
});

describe('occupation codes', () => {
  it('reads a NOC code and its TEER, a TEER alone, or "don\'t know"', () => {
    expect(read('offerNoc', '21231')).toEqual({ success: true, data: { noc: '21231', teer: 1 } });
    expect(read('offerNoc', 'NOC 21231')).toEqual({ success: true, data: { noc: '21231', teer: 1 } });
    expect(read('offerNoc', 'TEER 2')).toEqual({ success: true, data: { teer: 2 } });
    expect(read('offerNoc', "I don't know".replace('I ', ''))).toEqual({ success: true, data: {} });
    expect(problemOf(read('offerNoc', 'software developer'))).toBe('noc.suggest');
    expect(problemOf(read('offerNoc', 'qwzxv'))).toBe('noc');
  });
});

describe('dates without a year and relative dates, on an injected day', () => {
  it.each<[string, 'future' | 'past' | 'nearest', string]>([
    ['Jan 15', 'future', '2027-01-15'],
    ['Jan 15', 'past', '2026-01-15'],
    ['15 janvier', 'future', '2027-01-15'],
    ['le 3 décembre', 'nearest', '2026-12-03'],
    ['next month', 'future', '2026-12-01'],
    ['le mois prochain', 'future', '2026-12-01'],
    ['in 3 weeks', 'future', '2026-12-16'],
    ['dans trois semaines', 'future', '2026-12-16'],
    ['in a month', 'future', '2026-12-25'],
    ['2 months ago', 'past', '2026-09-25'],
    ['il y a 2 mois', 'past', '2026-09-25'],
    ['mid-March', 'future', '2027-03-15'],
    ['mi-mars', 'future', '2027-03-15'],
    ['end of February', 'future', '2027-02-28'],
    ['fin février 2028', 'future', '2028-02-29'],
    ['early April', 'future', '2027-04-01'],
    ['début avril', 'future', '2027-04-01'],
    ['tomorrow', 'future', '2026-11-26'],
    ['demain', 'future', '2026-11-26'],
    ['the 15th of March', 'future', '2027-03-15'],
    ['2020', 'past', '2020-01-01'],
  ])('reads “%s” (%s) as %s, and says it was worked out', (text, expect_, iso) => {
    expect(readDate(text, TODAY, expect_)).toEqual({ date: iso, resolved: true });
  });

  it('gives a different day for the same words on another clock', () => {
    expect(readDate('next month', '2031-06-10', 'future')).toEqual({ date: '2031-07-01', resolved: true });
  });

  it('refuses February 29 where no nearby year has one, and words that are not dates', () => {
    expect(readDate('Feb 30', TODAY, 'future')).toEqual({ problem: 'date.impossible' });
    expect(readDate('whenever', TODAY, 'future')).toEqual({ problem: 'date.format' });
  });
});

describe('impossible dates for the question asked', () => {
  it.each([
    ['languageTestDate', '2027-01-10', 'date.future'],
    ['languageTestDate', 'next week', 'date.future'],
    ['offerStartDate', '2020-03-01', 'date.longPast'],
    ['offerStartDate', 'March 2020', 'date.longPast'],
    ['employerStartDate', '1er janvier 2021', 'date.longPast'],
    ['offerStartDate', 'since 2027-05-01', 'date.sinceFuture'],
  ] as const)('%s refuses “%s” (%s)', (step, text, problem) => {
    expect(problemOf(read(step, text))).toBe(problem);
  });

  it.each([
    ['offerStartDate', 'since March 1, 2020', '2020-03-01'],
    ['offerStartDate', 'current job since 2020-03-01', '2020-03-01'],
    ['employerStartDate', 'depuis le 1er mars 2020', '2020-03-01'],
    ['offerStartDate', 'last week', '2026-11-18'],
    ['languageTestDate', 'last month', '2026-10-01'],
  ] as const)('%s accepts “%s” as %s', (step, text, iso) => {
    expect(read(step, text)).toEqual({ success: true, data: iso });
  });
});

describe('wages per month, per week and in other currencies', () => {
  it.each([
    ['4000 a month', { amount: 48000, per: 'year', given: { amount: 4000, per: 'month' } }],
    ['4 000 $ par mois', { amount: 48000, per: 'year', given: { amount: 4000, per: 'month' } }],
    ['1,200/week', { amount: 62400, per: 'year', given: { amount: 1200, per: 'week' } }],
    ['85000 USD', { amount: 85000, per: 'year', currency: 'USD' }],
    ['US$85,000', { amount: 85000, per: 'year', currency: 'USD' }],
    ['85 000 dollars américains', { amount: 85000, per: 'year', currency: 'USD' }],
    [
      '€3,500 per month',
      { amount: 42000, per: 'year', currency: 'EUR', given: { amount: 3500, per: 'month' } },
    ],
    ['70000 GBP', { amount: 70000, per: 'year', currency: 'GBP' }],
    ['50,000 CAD', { amount: 50000, per: 'year' }],
    ['about 90k a year', { amount: 90000, per: 'year' }],
  ])('reads %s', (text, value) => {
    expect(read('offerWage', text)).toEqual({ success: true, data: value });
  });
});

describe('language scores on each test’s scale', () => {
  const ielts = { languageTest: 'ieltsGeneral' };
  it.each([
    [
      'L 7.5 R 7 W 6.5 S 7',
      ielts,
      { test: 'ieltsGeneral', listening: 7.5, reading: 7, writing: 6.5, speaking: 7 },
    ],
    [
      'L7.5 R7 W6.5 S7',
      ielts,
      { test: 'ieltsGeneral', listening: 7.5, reading: 7, writing: 6.5, speaking: 7 },
    ],
    [
      'écoute 7,5 lecture 7 écriture 6,5 oral 7',
      ielts,
      { test: 'ieltsGeneral', listening: 7.5, reading: 7, writing: 6.5, speaking: 7 },
    ],
    [
      '7 in listening, 6 in reading, 6 in writing, 7 in speaking',
      ielts,
      { test: 'ieltsGeneral', listening: 7, reading: 6, writing: 6, speaking: 7 },
    ],
    ['overall 6.5', ielts, { test: 'ieltsGeneral', overall: 6.5 }],
    ['CLB 8', ielts, 8],
    ["I don't know", ielts, null],
    ['je ne sais pas', { languageTest: 'tefCanada' }, null],
    ['CLB 6', { languageTest: 'otherTest' }, 6],
  ] as const)('reads “%s”', (text, answers, value) => {
    expect(read('languageLevel', text, answers)).toEqual({ success: true, data: value });
  });

  it.each([
    ['7.3', ielts, 'language.range'],
    ['13', { languageTest: 'celpip' }, 'language.range'],
    ['5', { languageTest: 'pteCore' }, 'language.range'],
    ['CO 450 CE 420 EE 21 EO 12', { languageTest: 'tcfCanada' }, 'language.range'],
    ['450', { languageTest: 'tefCanada' }, 'language.perSkill'],
    ['between 6 and 7', ielts, 'language.scores'],
    ['listening 8 listening 7', ielts, 'language.scores'],
    ['TOEFL 100', { languageTest: 'otherTest' }, 'language.scores'],
  ] as const)('refuses “%s”', (text, answers, problem) => {
    expect(problemOf(read('languageLevel', text, answers))).toBe(problem);
  });

  // Band edges of IRCC's charts (docs/domain.md §6): the first score of a band and the one below it.
  it.each([
    [{ test: 'ieltsGeneral', listening: 6, reading: 6, writing: 6, speaking: 6 }, [7, 7, 7, 7], false],
    [{ test: 'ieltsGeneral', listening: 5.5, reading: 5.5, writing: 5.5, speaking: 5.5 }, [6, 6, 6, 6], true],
    [{ test: 'ieltsGeneral', listening: 4, reading: 3, writing: 3.5, speaking: 3.5 }, [3, 3, 3, 3], true],
    [{ test: 'celpip', listening: 12, reading: 10, writing: 4, speaking: 3 }, [10, 10, 4, 3], false],
    [{ test: 'pteCore', listening: 60, reading: 59, writing: 69, speaking: 67 }, [7, 6, 7, 6], true],
    [{ test: 'tefCanada', listening: 434, reading: 433, writing: 428, speaking: 455 }, [7, 6, 7, 6], true],
    [{ test: 'tcfCanada', listening: 458, reading: 452, writing: 10, speaking: 9 }, [7, 6, 7, 6], true],
  ] as const)('converts %j to levels %j', (scores, levels, unconfirmed) => {
    const conversion = convertScores(scores as LanguageScores);
    expect([
      conversion.bySkill.listening,
      conversion.bySkill.reading,
      conversion.bySkill.writing,
      conversion.bySkill.speaking,
    ]).toEqual(levels);
    expect(conversion.lowest).toBe(Math.min(...levels));
    expect(conversion.unconfirmed).toBe(unconfirmed);
  });
});

describe('"I don\'t know" in its usual forms', () => {
  it.each([
    "I don't know",
    'I dont know',
    'i don’t know',
    'idk',
    'IDK.',
    'dunno',
    'not sure',
    "I'm not sure",
    'no idea',
    'je ne sais pas',
    'je sais pas',
    'aucune idée',
    'Aucune idée!',
    'pas sûr',
  ])('reads “%s” as don’t know', (text) => {
    expect(isDontKnow(text)).toBe(true);
    expect(read('offerNoc', text)).toEqual({ success: true, data: {} });
  });

  it.each(['no', 'know', 'I know', 'maybe'])('does not read “%s” as don’t know', (text) => {
    expect(isDontKnow(text)).toBe(false);
  });
});
