import countries from 'i18n-iso-countries/index';
import en from 'i18n-iso-countries/langs/en.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import { normalize } from './words';

/**
 * Countries as prospects name them, in English and French: an ISO code, a name, an alias ("USA",
 * "Royaume-Uni"), a nationality ("Indian", "algérienne") or a place inside a sentence ("Seattle,
 * USA"). The country input (../inputs.ts) reads through these.
 */

countries.registerLocale(en);
countries.registerLocale(fr);

const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US', us: 'US', 'u.s.': 'US', 'u.s.a.': 'US', america: 'US', 'united states of america': 'US',
  uk: 'GB', 'u.k.': 'GB', britain: 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  'northern ireland': 'GB', 'royaume uni': 'GB', angleterre: 'GB', 'etats unis': 'US', 'etats-unis': 'US',
  'south korea': 'KR', korea: 'KR', 'coree du sud': 'KR', russia: 'RU', vietnam: 'VN', iran: 'IR',
  'hong kong': 'HK', taiwan: 'TW', 'czech republic': 'CZ', holland: 'NL', 'the netherlands': 'NL',
  uae: 'AE', 'u.a.e.': 'AE', emirates: 'AE', 'ivory coast': 'CI', 'the us': 'US', 'the usa': 'US',
  'the uk': 'GB', 'the states': 'US', 'united states': 'US', 'coree': 'KR', 'cote d ivoire': 'CI',
}; // prettier-ignore

/** Nationalities, in English and French (masculine and feminine): "I'm Indian", "algérienne". */
const DEMONYMS: Record<string, string> = {
  indian: 'IN', filipino: 'PH', filipina: 'PH', mexican: 'MX', british: 'GB', english: 'GB',
  american: 'US', chinese: 'CN', nigerian: 'NG', pakistani: 'PK', brazilian: 'BR', french: 'FR',
  german: 'DE', korean: 'KR', 'south korean': 'KR', vietnamese: 'VN', iranian: 'IR',
  colombian: 'CO', bangladeshi: 'BD', nepali: 'NP', nepalese: 'NP', 'sri lankan': 'LK',
  ukrainian: 'UA', russian: 'RU', japanese: 'JP', irish: 'IE', australian: 'AU', italian: 'IT',
  spanish: 'ES', portuguese: 'PT', moroccan: 'MA', algerian: 'DZ', tunisian: 'TN', egyptian: 'EG',
  turkish: 'TR', kenyan: 'KE', ghanaian: 'GH', ethiopian: 'ET', cameroonian: 'CM', haitian: 'HT',
  jamaican: 'JM', lebanese: 'LB', syrian: 'SY', israeli: 'IL', emirati: 'AE', saudi: 'SA',
  chilean: 'CL', peruvian: 'PE', venezuelan: 'VE', argentinian: 'AR', argentine: 'AR', cuban: 'CU',
  dutch: 'NL', belgian: 'BE', swiss: 'CH', polish: 'PL', romanian: 'RO', senegalese: 'SN',
  ivorian: 'CI', congolese: 'CD', scottish: 'GB', welsh: 'GB', 'new zealander': 'NZ',
  indien: 'IN', indienne: 'IN', philippin: 'PH', philippine: 'PH', mexicain: 'MX', mexicaine: 'MX',
  britannique: 'GB', anglais: 'GB', anglaise: 'GB', americain: 'US', americaine: 'US', chinois: 'CN',
  chinoise: 'CN', nigeriane: 'NG', pakistanais: 'PK', pakistanaise: 'PK',
  bresilien: 'BR', bresilienne: 'BR', francais: 'FR', francaise: 'FR', allemand: 'DE',
  allemande: 'DE', coreen: 'KR', coreenne: 'KR', vietnamien: 'VN', vietnamienne: 'VN',
  iranien: 'IR', iranienne: 'IR', colombien: 'CO', colombienne: 'CO', marocain: 'MA',
  marocaine: 'MA', algerien: 'DZ', algerienne: 'DZ', tunisien: 'TN', tunisienne: 'TN',
  egyptien: 'EG', egyptienne: 'EG', turc: 'TR', turque: 'TR', camerounais: 'CM', camerounaise: 'CM',
  haitien: 'HT', haitienne: 'HT', libanais: 'LB', libanaise: 'LB', senegalais: 'SN',
  senegalaise: 'SN', ivoirien: 'CI', ivoirienne: 'CI', belge: 'BE', suisse: 'CH', italien: 'IT',
  italienne: 'IT', espagnol: 'ES', espagnole: 'ES', portugais: 'PT', portugaise: 'PT',
  ukrainien: 'UA', ukrainienne: 'UA', russe: 'RU', japonais: 'JP', japonaise: 'JP',
  irlandais: 'IE', irlandaise: 'IE', australien: 'AU', australienne: 'AU', congolais: 'CD',
  congolaise: 'CD', malien: 'ML', malienne: 'ML', guineen: 'GN', guineenne: 'GN', beninois: 'BJ',
  beninoise: 'BJ', burkinabe: 'BF', chilien: 'CL', chilienne: 'CL', peruvien: 'PE',
  peruvienne: 'PE', venezuelien: 'VE', venezuelienne: 'VE', argentin: 'AR', 
  cubain: 'CU', cubaine: 'CU', roumain: 'RO', roumaine: 'RO', polonais: 'PL', polonaise: 'PL',
}; // prettier-ignore

/** "I live in Dubai, UAE", "je viens du Maroc", "I'm from": words around a country's name. */
const COUNTRY_LEAD =
  /^(?:i live in|i'm living in|i am living in|i live|living in|i'm from|i am from|i'm in|i am in|from|in|based in|currently in|je suis en|je suis au|je suis aux|je suis a|je suis|je vis en|je vis au|je vis aux|je vis a|j'habite en|j'habite au|j'habite aux|j'habite a|j'habite|je viens du|je viens de la|je viens des|je viens de|je viens d'|originaire du|originaire de|du|de la|des|de|en|au|aux|a)\s+/;

let countryNames: Map<string, string> | undefined;

/** Every English and French name of every country, normalized once: "etats unis" → US. */
function countryNameIndex(): Map<string, string> {
  if (countryNames) return countryNames;
  countryNames = new Map();
  for (const lang of ['en', 'fr']) {
    for (const [code, list] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      for (const name of list) countryNames.set(normalize(name).replace(/-/g, ' '), code);
    }
  }
  return countryNames;
}

export function countryCode(raw: string): string | undefined {
  const word = normalize(raw);
  if (COUNTRY_ALIASES[word]) return COUNTRY_ALIASES[word];
  if (/^[a-z]{2}$/.test(word) && countries.isValid(word.toUpperCase())) return word.toUpperCase();
  return countryNameIndex().get(word.replace(/-/g, ' '));
}

/**
 * A country named inside a sentence, after a city or as a nationality: "Seattle, USA", "Lagos
 * Nigeria", "the Philippines", "Indian", "je viens du Maroc". Only what names one country is
 * read; a city alone, a continent or a made-up place is not.
 */
export function countryIn(raw: string): string | undefined {
  const text = normalize(raw).replace(
    /^(?:i'm|i am|je suis|nationalite|citizenship|citizen of)\s+(?=[a-z])/,
    '',
  );
  const lead = COUNTRY_LEAD.exec(text);
  const rest = (lead ? text.slice(lead[0].length) : text).replace(/^(?:the|le|la|les|l')\s*/, '').trim();
  const parts = rest.split(/\s*,\s*/).filter(Boolean);
  // the whole, the part after the last comma, then the last words ("Lagos Nigeria")
  const candidates: [string, boolean][] = [
    [rest, true],
    [parts[parts.length - 1] ?? '', true],
  ];
  const words = rest.split(/\s+/);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--)
    candidates.push([words.slice(-n).join(' '), false]);
  for (const [candidate, mayBeCode] of candidates) {
    const plain = candidate.replace(/[.]$/, '').trim();
    // a two-letter word at the end of a sentence ("in", "to") is not a country code
    if (!plain || (plain.length === 2 && !mayBeCode)) continue;
    const code = countryCode(plain) ?? DEMONYMS[plain.replace(/'/g, ' ')];
    if (code) return code;
  }
  return undefined;
}

export function countryName(code: string, locale: string): string {
  return countries.getName(code, locale.slice(0, 2), { select: 'official' }) ?? code;
}
