import { countryName } from '../intake/inputs';
import { ref } from './reference';

/** Country lists the stream rules test, as data with the reference section they come from. */

export const cusmaCountries = {
  ref: ref.streams,
  /** Citizens only: permanent residents of the US or Mexico do not qualify. */
  citizens: new Set(['US', 'MX']),
};

export const cetaCountries = {
  ref: ref.streams,
  /** The 27 EU member states. */
  citizens: new Set([
    'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
    'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  ]), // prettier-ignore
};

export const cuktcaCountries = { ref: ref.streams, citizens: new Set(['GB']) };

export const cptppCountries = {
  ref: ref.streams,
  citizens: new Set(['AU', 'BN', 'CL', 'JP', 'MY', 'MX', 'NZ', 'PE', 'SG', 'VN', 'GB']),
};

/** Professionals under the other free-trade agreements the reference names (country lists). */
export const otherFtaProfessionals = [
  { code: 'F12', country: 'CO', agreement: 'Canada–Colombia FTA' },
  { code: 'F22', country: 'CL', agreement: 'Canada–Chile FTA' },
  { code: 'F32', country: 'KR', agreement: 'Canada–Korea FTA' },
  { code: 'F42', country: 'PA', agreement: 'Canada–Panama FTA' },
  { code: 'F52', country: 'PE', agreement: 'Canada–Peru FTA' },
] as const;

export interface IecPartner {
  country: string;
  maxAge: number;
  /** False where the per-country band is believed but not confirmed: staff confirm it. */
  bandConfirmed: boolean;
}

/** International Experience Canada partners and their age bands (all start at 18). */
export const iecPartners = {
  ref: ref.streams,
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
    { country: 'FR', maxAge: 35, bandConfirmed: true },
    { country: 'DE', maxAge: 35, bandConfirmed: false },
    { country: 'GR', maxAge: 35, bandConfirmed: false },
    { country: 'HK', maxAge: 30, bandConfirmed: false },
    { country: 'IE', maxAge: 35, bandConfirmed: true },
    { country: 'IT', maxAge: 35, bandConfirmed: true },
    { country: 'JP', maxAge: 30, bandConfirmed: false },
    { country: 'LV', maxAge: 35, bandConfirmed: false },
    { country: 'LT', maxAge: 35, bandConfirmed: false },
    { country: 'LU', maxAge: 30, bandConfirmed: false },
    { country: 'MX', maxAge: 29, bandConfirmed: false },
    { country: 'NL', maxAge: 30, bandConfirmed: false },
    { country: 'NZ', maxAge: 35, bandConfirmed: false },
    { country: 'NO', maxAge: 35, bandConfirmed: false },
    { country: 'PL', maxAge: 35, bandConfirmed: false },
    { country: 'PT', maxAge: 35, bandConfirmed: false },
    { country: 'SM', maxAge: 35, bandConfirmed: false },
    { country: 'SK', maxAge: 35, bandConfirmed: false },
    { country: 'SI', maxAge: 35, bandConfirmed: false },
    { country: 'KR', maxAge: 30, bandConfirmed: false },
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

/** Official names read oddly in a staff summary for a few places; everything else is the ISO name. */
const shortNames: Record<string, string> = {
  TW: 'Taiwan',
  HK: 'Hong Kong',
  US: 'the United States',
  GB: 'the United Kingdom',
};

export function englishCountryName(code: string): string {
  return shortNames[code] ?? countryName(code, 'en-CA');
}
