import { countryName } from '../intake/inputs';

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
