import { stepCatalogue } from '../../src/intake/steps';
import { countryCode } from '../../src/intake/inputs';
import { readDate } from '../../src/intake/parse/dates';

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
    expect(problemOf(read('statusExpiry', 'next summer'))).toBe('date.format');
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
    expect(problemOf(read('age', 'twenty'))).toBe('number.format');
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
});

describe('occupation codes', () => {
  it('reads a NOC code and its TEER, a TEER alone, or "don\'t know"', () => {
    expect(read('offerNoc', '21231')).toEqual({ success: true, data: { noc: '21231', teer: 1 } });
    expect(read('offerNoc', 'NOC 21231')).toEqual({ success: true, data: { noc: '21231', teer: 1 } });
    expect(read('offerNoc', 'TEER 2')).toEqual({ success: true, data: { teer: 2 } });
    expect(read('offerNoc', "I don't know".replace('I ', ''))).toEqual({ success: true, data: {} });
    expect(problemOf(read('offerNoc', 'software developer'))).toBe('noc');
  });

  it('reads a CRA business number with or without its program account', () => {
    expect(read('employerBusinessNumber', '123456789')).toEqual({ success: true, data: '123456789' });
    expect(read('employerBusinessNumber', '123456789 RT 0001')).toEqual({
      success: true,
      data: '123456789RT0001',
    });
    expect(problemOf(read('employerBusinessNumber', '1234'))).toBe('businessNumber');
  });
});
