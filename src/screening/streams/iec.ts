import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import { englishCountryName } from '../countries';
import { citizenOf, personOf } from '../facts';
import {
  iecCategories,
  iecPartner,
  iecPartners,
  iecSource,
  type IecCategory,
} from '../../intake/iec-countries';
import type { StreamRule } from './rule';

/**
 * International Experience Canada (C21): a partner country's citizen within the age band of a
 * category the country offers (§2, §9, §10). The partners, their categories and bands are the
 * intake's (src/intake/iec-countries.ts, with their source): they decide whether the age is asked.
 */

export { iecPartner, iecPartners, type IecPartner } from '../../intake/iec-countries';

/** Prospects a few years past the IEC bands are shown why it fails; older ones are not aiming at it. */
const IEC_NEAR_MISS_YEARS = 5;

const categoryNames: Record<IecCategory, string> = {
  workingHoliday: 'Working Holiday',
  youngProfessionals: 'Young Professionals',
  coop: 'International Co-op',
};

const employerSpecific = 'employer-specific: Employer Portal offer and $230 fee';

const iecChecks = `past participations, residence conditions and a pool invitation (quotas): IRCC list of ${iecSource.modified}`;

function namesOf(categories: readonly IecCategory[]): string {
  return categories.map((category) => categoryNames[category]).join(', ');
}

export const c21: StreamRule = {
  code: 'C21',
  name: 'International Experience Canada',
  ref: refs(ref.streams, ref.corrections, ref.dec2026),
  tests:
    "citizenship of an IEC partner country, and an age within the band of a category that country offers (IRCC's list by country)",
  evaluate(f) {
    const partner = iecPartner(f.citizenship);
    if (!partner) return undefined;
    const country = englishCountryName(partner.country);
    const offered = iecCategories.filter((category) => partner.categories[category] !== undefined);
    const bands = offered
      .map((category) => `${categoryNames[category]} 18–${partner.categories[category]}`)
      .join(', ');
    const check = new Assessment().met(`${citizenOf(f)}, an IEC partner (${bands})`);
    const age = f.age;
    // Employers are not asked the worker's age: for them IEC is an open question to check, never
    // evidence of an exempt stream (Young Professionals and Co-op go through the Employer Portal).
    if (f.isEmployer) check.openQuestion();
    if (age === undefined) {
      check.unknown(`${personOf(f)}'s age (${country}: ${bands})`);
      return check.confirm(iecChecks);
    }
    const open = offered.filter(
      (category) => age >= iecPartners.minAge && age <= (partner.categories[category] ?? 0),
    );
    if (open.length === 0) {
      if (age > partner.maxAge + IEC_NEAR_MISS_YEARS) return undefined;
      return check.failed(`age ${age} is outside the IEC bands for ${country} (${bands})`);
    }
    check.met(`age ${age}: within the band for ${namesOf(open)}`);
    const pastBand = offered.filter((category) => !open.includes(category));
    if (pastBand.length > 0) check.note(`at ${age}, past the band for ${namesOf(pastBand)}`);
    const tied = open.filter((category) => category !== 'workingHoliday');
    if (open.includes('workingHoliday')) {
      check.met(
        f.offer && tied.length > 0
          ? `job offer: ${namesOf(tied)} (${employerSpecific}), or Working Holiday (open)`
          : 'Working Holiday: an open permit, no job offer needed',
      );
    } else if (f.offer) {
      check
        .met(`job offer: ${namesOf(tied)} (${employerSpecific})`)
        .unknown(
          `the offer fits ${namesOf(tied)}: Young Professionals is career development after post-secondary studies; Co-op is a registered student's placement`,
        );
    } else {
      check.unknown(
        `an employer-specific job offer: at ${age}, ${country} offers only ${namesOf(tied)} (${employerSpecific})`,
      );
    }
    return check.confirm(iecChecks);
  },
};
