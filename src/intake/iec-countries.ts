/**
 * International Experience Canada partners: the categories each country or territory offers and
 * the age band of each (docs/domain.md §2, §9, §10). Every band starts at 18.
 *
 * Source: IRCC program delivery instructions, "Bilateral agreements and arrangements:
 * International Experience Canada (IEC) – [R204(d) – C21]", program requirements by country,
 * page modified 2025-12-24 (the same list as the public "eligibility by country" page). Every
 * country below was checked there; none is [U]. Mexico, Ukraine and Uruguay are not on that list:
 * the Canada–Mexico arrangement has been suspended since 2015, Recognized Organizations included
 * (IRCC's answer to an access-to-information request, reported by canadianresortimm.com). Some bands differ by category: Austria's Working Holiday is 18–30, its other
 * categories 18–35. Spain's ICEX Vives stream (18–30) is a kind of Young Professionals, not listed.
 *
 * Intake data: the intake asks the age only of partner citizens, and the screening (C21 in
 * src/screening/streams/iec.ts) reads the bands and categories.
 */

export const iecCategories = ['workingHoliday', 'youngProfessionals', 'coop'] as const;
export type IecCategory = (typeof iecCategories)[number];

export interface IecPartner {
  country: string;
  /** The categories the country offers, each with its upper age (inclusive). */
  categories: Partial<Record<IecCategory, number>>;
  /** The widest upper age over its categories. */
  maxAge: number;
}

export const iecSource = {
  title:
    'IRCC program delivery instructions: Bilateral agreements and arrangements, International Experience Canada (IEC) [R204(d) – C21]',
  url: 'https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/operational-bulletins-manuals/temporary-residents/foreign-workers/exemption-codes/international-experience/canadian-interests-reciprocal-employment-international-experience-canada-bilateral-agreements-arrangements.html',
  modified: '2025-12-24',
};

const all = (age: number) => ({ workingHoliday: age, youngProfessionals: age, coop: age });
const workingHolidayOnly = (age: number) => ({ workingHoliday: age });

/** Country → categories offered and their upper ages. */
const offers: Record<string, Partial<Record<IecCategory, number>>> = {
  AD: workingHolidayOnly(30),
  AU: all(35),
  AT: { workingHoliday: 30, youngProfessionals: 35, coop: 35 },
  BE: workingHolidayOnly(30),
  CL: all(35),
  CR: all(35),
  HR: all(35),
  CZ: all(35),
  DK: workingHolidayOnly(35),
  EE: all(35),
  FI: all(35),
  FR: all(35),
  DE: all(35),
  GR: all(35),
  HK: workingHolidayOnly(30),
  IS: workingHolidayOnly(30),
  IE: all(35),
  IT: all(35),
  JP: workingHolidayOnly(30),
  LV: all(35),
  LT: all(35),
  LU: all(35),
  NL: { workingHoliday: 30, youngProfessionals: 30 },
  NZ: workingHolidayOnly(35),
  NO: all(35),
  PL: all(35),
  PT: all(35),
  SM: workingHolidayOnly(35),
  SK: all(35),
  SI: all(35),
  KR: all(35),
  ES: all(35),
  SE: all(30),
  CH: { youngProfessionals: 35, coop: 35 },
  TW: all(35),
  GB: all(35),
};

/** International Experience Canada partners and their categories (all bands start at 18). */
export const iecPartners = {
  minAge: 18,
  partners: Object.entries(offers).map(([country, categories]): IecPartner => ({
    country,
    categories,
    maxAge: Math.max(...Object.values(categories)),
  })),
};

export function iecPartner(country: string | undefined): IecPartner | undefined {
  return iecPartners.partners.find((partner) => partner.country === country);
}

export function isIecCountry(country: string): boolean {
  return iecPartner(country) !== undefined;
}
