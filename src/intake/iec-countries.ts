/**
 * International Experience Canada partners and their age bands (docs/domain.md §2, §9: Korea,
 * Luxembourg and Finland 18–35, Iceland 18–30 from secondary sources [U]). Intake data: the
 * intake asks the age only of partner citizens, and the screening reads the bands.
 */
export interface IecPartner {
  country: string;
  maxAge: number;
  /** False where the per-country band is believed but not confirmed: staff confirm it. */
  bandConfirmed: boolean;
}

/** International Experience Canada partners and their age bands (all start at 18). */
export const iecPartners = {
  /** §2 and §9 of docs/domain.md. */
  minAge: 18,
  /** Every band is 18–30 or 18–35, so an age in between is in doubt where a band is unconfirmed. */
  widestMaxAge: 35,
  narrowestMaxAge: 30,
  partners: [
    { country: 'AD', maxAge: 30, bandConfirmed: false },
    { country: 'AU', maxAge: 35, bandConfirmed: true },
    { country: 'AT', maxAge: 35, bandConfirmed: false },
    { country: 'BE', maxAge: 30, bandConfirmed: false },
    { country: 'CL', maxAge: 35, bandConfirmed: false },
    { country: 'CR', maxAge: 35, bandConfirmed: false },
    { country: 'HR', maxAge: 35, bandConfirmed: false },
    { country: 'CZ', maxAge: 35, bandConfirmed: false },
    { country: 'DK', maxAge: 35, bandConfirmed: false },
    { country: 'EE', maxAge: 35, bandConfirmed: false },
    { country: 'FI', maxAge: 35, bandConfirmed: false },
    { country: 'FR', maxAge: 35, bandConfirmed: true },
    { country: 'DE', maxAge: 35, bandConfirmed: false },
    { country: 'GR', maxAge: 35, bandConfirmed: false },
    { country: 'HK', maxAge: 30, bandConfirmed: false },
    { country: 'IS', maxAge: 30, bandConfirmed: false },
    { country: 'IE', maxAge: 35, bandConfirmed: true },
    { country: 'IT', maxAge: 35, bandConfirmed: true },
    { country: 'JP', maxAge: 30, bandConfirmed: false },
    { country: 'LV', maxAge: 35, bandConfirmed: false },
    { country: 'LT', maxAge: 35, bandConfirmed: false },
    { country: 'LU', maxAge: 35, bandConfirmed: false },
    { country: 'MX', maxAge: 29, bandConfirmed: false },
    { country: 'NL', maxAge: 30, bandConfirmed: false },
    { country: 'NZ', maxAge: 35, bandConfirmed: false },
    { country: 'NO', maxAge: 35, bandConfirmed: false },
    { country: 'PL', maxAge: 35, bandConfirmed: false },
    { country: 'PT', maxAge: 35, bandConfirmed: false },
    { country: 'SM', maxAge: 35, bandConfirmed: false },
    { country: 'SK', maxAge: 35, bandConfirmed: false },
    { country: 'SI', maxAge: 35, bandConfirmed: false },
    { country: 'KR', maxAge: 35, bandConfirmed: false },
    { country: 'ES', maxAge: 35, bandConfirmed: false },
    { country: 'SE', maxAge: 30, bandConfirmed: false },
    { country: 'CH', maxAge: 35, bandConfirmed: false },
    { country: 'TW', maxAge: 35, bandConfirmed: false },
    { country: 'UA', maxAge: 35, bandConfirmed: false },
    { country: 'GB', maxAge: 35, bandConfirmed: true },
    { country: 'UY', maxAge: 35, bandConfirmed: false },
  ] satisfies IecPartner[],
};

export function iecPartner(country: string | undefined): IecPartner | undefined {
  return iecPartners.partners.find((partner) => partner.country === country);
}

export function isIecCountry(country: string): boolean {
  return iecPartner(country) !== undefined;
}
