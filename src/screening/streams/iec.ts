import { Assessment } from '../assessment';
import { ref } from '../reference';
import { englishCountryName } from '../countries';
import { citizenOf, personOf } from '../facts';
import { iecPartner, iecPartners } from '../../intake/iec-countries';
import type { StreamRule } from './rule';

/**
 * International Experience Canada (C21): a partner country's citizen within its age band (§2, §9).
 * The partner list is the intake's (src/intake/iec-countries.ts): it decides whether the age is asked.
 */

export { iecPartner, iecPartners, type IecPartner } from '../../intake/iec-countries';

/** Prospects a few years past the IEC bands are shown why it fails; older ones are not aiming at it. */
const IEC_NEAR_MISS_YEARS = 5;

export const c21: StreamRule = {
  code: 'C21',
  name: 'International Experience Canada',
  ref: ref.streams,
  tests: 'citizenship of an IEC partner country and age within its band (18–30 or 18–35)',
  evaluate(f) {
    const partner = iecPartner(f.citizenship);
    // Employers are not asked the worker's age: IEC is for the worker to raise, not listed here.
    if (!partner || f.isEmployer) return undefined;
    const country = englishCountryName(partner.country);
    const band = `18–${partner.maxAge}`;
    const bandText = partner.bandConfirmed
      ? `${band} for ${country}`
      : `${band} for ${country} — band to confirm`;
    const surelyInside = partner.bandConfirmed
      ? partner.maxAge
      : Math.min(partner.maxAge, iecPartners.narrowestMaxAge);
    const surelyOutside = partner.bandConfirmed ? partner.maxAge : iecPartners.widestMaxAge;
    const check = new Assessment().met(`${citizenOf(f)}, an IEC partner`);
    const age = f.age;
    if (age === undefined) check.unknown(`${personOf(f)}'s age (${bandText})`);
    else if (age < iecPartners.minAge || age > surelyOutside) {
      if (age > surelyOutside + IEC_NEAR_MISS_YEARS) return undefined;
      check.failed(`age ${age} is outside the IEC band (${bandText})`);
    } else if (age <= surelyInside) check.met(`age ${age}, within the IEC band (${bandText})`);
    else
      check.unknown(`the IEC band for ${country}: believed ${band}, and the prospect is ${age} — to confirm`);
    check.met(
      f.offer
        ? 'job offer: Young Professionals or International Co-op (employer-specific: Employer Portal offer and $230 fee), or Working Holiday (open)'
        : 'no job offer needed for Working Holiday (open permit), where the country offers it; Young Professionals and Co-op need an employer-specific offer',
    );
    return check.confirm(
      'the IEC categories open to this country, past participations and a pool invitation (quotas)',
    );
  },
};
