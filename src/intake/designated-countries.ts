/**
 * Medical exam by stay (IRPR s. 30, docs/domain.md §3 and §9): a stay over 6 months after 6 or
 * more consecutive months in a *designated* country in the past year. The US and Canada are not
 * designated (§9). IRCC's list was not retrieved, so the other low-incidence countries below are
 * believed not designated and shown "to confirm" [U]; any other country may be designated.
 * Besides western Europe, Japan, Australia and New Zealand, the believed list holds Mexico (off the
 * list since 2010) and the six countries IRCC took off the list on 2025-11-03 (Armenia,
 * Bosnia and Herzegovina, Iraq, Latvia, Lithuania, Taiwan), as secondary sources report; Argentina,
 * Colombia, Uruguay and Venezuela were added that day and stay "may be designated".
 * Intake data: a stay question is moot once the country of residence may be designated.
 */
export const designatedCountries = {
  notDesignated: new Set(['CA', 'US']),
  believedNotDesignated: new Set([
    'AD', 'AT', 'AU', 'BE', 'CH', 'CY', 'CZ', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'GR', 'HR', 'HU', 'IE', 'IL',
    'IS', 'IT', 'JP', 'LI', 'LU', 'MC', 'MT', 'NL', 'NO', 'NZ', 'PL', 'PT', 'SE', 'SI', 'SK', 'SM',
    'MX', 'AM', 'BA', 'IQ', 'LV', 'LT', 'TW',
  ]), // prettier-ignore
};

export type DesignationStatus = 'notDesignated' | 'believedNotDesignated' | 'mayBeDesignated';

export function designationOf(country: string): DesignationStatus {
  if (designatedCountries.notDesignated.has(country)) return 'notDesignated';
  if (designatedCountries.believedNotDesignated.has(country)) return 'believedNotDesignated';
  return 'mayBeDesignated';
}
