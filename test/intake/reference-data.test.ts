import { nearestUnitGroups, unitGroup } from '../../src/intake/noc';
import { cityIn } from '../../src/intake/places';
import { referenceRows } from '../../src/intake/reference-data';
import { provinces } from '../../src/intake/steps';

/** Issue 22: the NOC 2021 unit groups a job title is matched to, and the cities a province is read from. */

describe('NOC 2021 V1.0 unit groups', () => {
  const rows = referenceRows('noc-2021-unit-groups.psv');

  it('has all 516 unit groups, each with a 5-digit code and an English and a French title', () => {
    expect(rows).toHaveLength(516);
    expect(new Set(rows.map(([code]) => code)).size).toBe(516);
    for (const [code, en, fr] of rows) {
      expect(code).toMatch(/^\d{5}$/);
      expect(en).toBeTruthy();
      expect(fr).toBeTruthy();
    }
  });

  it('reads the TEER from the second digit', () => {
    expect(unitGroup('21231')).toMatchObject({
      teer: 1,
      titles: { 'en-CA': 'Software engineers and designers' },
    });
    expect(unitGroup('63200')).toMatchObject({ teer: 3, titles: { 'fr-CA': 'Cuisiniers/cuisinières' } });
    expect(unitGroup('99999')).toBeUndefined();
  });

  it('lists only codes of real unit groups for the job titles people type', () => {
    for (const [title, codes] of referenceRows('noc-2021-job-titles.psv')) {
      for (const code of codes!.split(' ')) expect([title, unitGroup(code)]).not.toEqual([title, undefined]);
    }
  });

  it.each([
    ['software engineer', '21231'],
    ['Senior software developer', '21232'],
    ['cook', '63200'],
    ['line cook', '63200'],
    ['nanny', '44100'],
    ['caregiver for seniors', '44101'],
    ['truck driver', '73300'],
    ['registered nurse', '31301'],
    ['welder', '72106'],
    ['cuisinier', '63200'],
    ['ingénieur logiciel', '21231'],
    ['aide familiale', '44101'],
    // not in the job titles: matched on the words of the official titles
    ['pharmacy technician', '32124'],
    ['dental hygienist', '32111'],
    ['landscape architect', '21201'],
    ['boulangère', '63202'],
  ])('offers %s first for “%s”', (typed, code) => {
    const nearest = nearestUnitGroups(typed);
    expect(nearest[0]?.code).toBe(code);
    expect(nearest.length).toBeLessThanOrEqual(3);
  });

  it('offers nothing for words that are no job', () => {
    expect(nearestUnitGroups('qwzxv')).toEqual([]);
    expect(nearestUnitGroups('what is my NOC?')).toEqual([]);
  });
});

describe('Canadian cities', () => {
  const rows = referenceRows('canadian-cities.psv');

  it('has at least 150 cities, each in a province or territory', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    for (const [, province] of rows) expect(provinces).toContain(province);
  });

  it.each([
    ['Vancouver', 'BC'],
    ['Moncton', 'NB'],
    ['à Montréal', 'QC'],
    ['near Saskatoon', 'SK'],
    ["St. John's", 'NL'],
    ['Sault Ste. Marie', 'ON'],
    ['Trois-Rivières', 'QC'],
  ])('finds %s in %s', (typed, province) => {
    expect(cityIn(typed)?.province).toBe(province);
  });

  it('finds no Canadian city in Paris, New York or nonsense', () => {
    expect(cityIn('Paris')).toBeUndefined();
    expect(cityIn('New York')).toBeUndefined();
    expect(cityIn('asdf')).toBeUndefined();
  });
});
