import { cusmaCitizenships } from '../intake/answer-facts';
import { countryName } from '../intake/inputs';
import { ref } from './reference';

/** Country lists the stream rules test, as data with the reference section they come from. */

export const cusmaCountries = {
  ref: ref.streams,
  /** Citizens only: permanent residents of the US or Mexico do not qualify. */
  citizens: cusmaCitizenships,
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
  /** T52 professionals: only the parties with professional commitments, per IRCC's T52 page (§9). */
  professionals: new Set(['AU', 'BN', 'CL', 'JP', 'MY', 'MX', 'PE']),
};

/** Professionals under the other free-trade agreements the reference names (country lists). */
export const otherFtaProfessionals = [
  { code: 'F12', country: 'CO', agreement: 'Canada–Colombia FTA' },
  { code: 'F22', country: 'CL', agreement: 'Canada–Chile FTA' },
  { code: 'F32', country: 'KR', agreement: 'Canada–Korea FTA' },
  { code: 'F42', country: 'PA', agreement: 'Canada–Panama FTA' },
  { code: 'F52', country: 'PE', agreement: 'Canada–Peru FTA' },
] as const;

export { iecPartner, iecPartners, type IecPartner } from '../intake/iec-countries';

/** Official names read oddly in a staff summary for a few places; everything else is the ISO name. */
const shortNames: Record<string, string> = {
  TW: 'Taiwan',
  HK: 'Hong Kong',
  US: 'the United States',
  GB: 'the United Kingdom',
  CN: 'China',
  KR: 'South Korea',
  KP: 'North Korea',
  IR: 'Iran',
  RU: 'Russia',
  SY: 'Syria',
  TZ: 'Tanzania',
  MD: 'Moldova',
  LA: 'Laos',
  CD: 'DR Congo',
  CG: 'Republic of the Congo',
  MK: 'North Macedonia',
  BN: 'Brunei',
  VE: 'Venezuela',
  BO: 'Bolivia',
  PS: 'Palestine',
  FM: 'Micronesia',
  VA: 'Vatican City',
  CZ: 'Czechia',
  VN: 'Vietnam',
  PH: 'the Philippines',
  NL: 'the Netherlands',
  AE: 'the United Arab Emirates',
  DO: 'the Dominican Republic',
};

export function englishCountryName(code: string): string {
  return shortNames[code] ?? countryName(code, 'en-CA');
}
