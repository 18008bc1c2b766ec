import { IntakeEngine } from '../../src/intake/conversation';
import type { Catalogue } from '../../src/intake/machine';
import { stepCatalogue } from '../../src/intake/steps';
import { converse, fixedDependencies, flows, type Conversation } from '../support/talk';

/**
 * Issue 22: answers typed the way prospects type them, in English and French, at every kind of
 * question. Each row is one message as a person would write it and what the intake must make of
 * it: the value stored (and, when the reading is not word for word, that it is said back), a
 * refusal (nonsense stays refused, nothing is guessed), the two nearest choices offered, NOC unit
 * groups offered for a job title, or the question explained.
 *
 * The rows were written from what prospects and employers type (the issue's transcripts, the
 * firm's intake emails), not from the readers' code. Today is 2026-11-25 on the injected clock.
 */

type Locale = 'en' | 'fr';
type Expectation =
  | { kind: 'value'; value: unknown; said?: RegExp }
  | { kind: 'refused' }
  | { kind: 'offers'; said: RegExp }
  | { kind: 'explains'; said: RegExp };

const v = (value: unknown, said?: RegExp): Expectation => ({ kind: 'value', value, said });
const refused: Expectation = { kind: 'refused' };
const offers = (said: RegExp): Expectation => ({ kind: 'offers', said });
const explains = (said: RegExp): Expectation => ({ kind: 'explains', said });

const TODAY = '2026-11-25';

/** [language, step, what the prospect types, what the intake makes of it, answers asked before] */
type Row = [Locale, string, string, Expectation, Record<string, string>?];

export const phrasings: Row[] = [
  // yes/no: a yes or a no with more words is still a yes or a no, and is said back
  ['en', 'familyComing', 'yes my wife', v(true, /\bYes\b/)],
  ['en', 'familyComing', 'Yes, my wife and our two kids', v(true, /\bYes\b/)],
  ['en', 'familyComing', 'Yes!', v(true)],
  ['en', 'familyComing', 'yep', v(true)],
  ['en', 'familyComing', 'sure', v(true, /\bYes\b/)],
  ['en', 'familyComing', 'of course', v(true, /\bYes\b/)],
  ['en', 'familyComing', 'no, just me', v(false, /\bNo\b/)],
  ['en', 'familyComing', 'nope, coming alone', v(false, /\bNo\b/)],
  ['en', 'familyComing', 'not really', v(false, /\bNo\b/)],
  ['en', 'familyComing', 'maybe', refused],
  ['en', 'familyComing', 'yes and no', refused],
  ['en', 'familyComing', 'no idea', refused],
  ['en', 'familyComing', 'banana', refused],
  ['en', 'inCanada', "yes I'm in Toronto", v(true, /\bYes\b/)],
  ['en', 'inCanada', "no, I'm in India right now", v(false, /\bNo\b/)],
  ['en', 'hasJobOffer', 'yes from a company in Calgary', v(true, /\bYes\b/)],
  ['en', 'hasJobOffer', 'not yet', v(false, /\bNo\b/)],
  ['en', 'criminalHistory', 'no never', v(false, /\bNo\b/)],
  ['en', 'criminalHistory', 'never', v(false, /\bNo\b/)],
  ['en', 'criminalHistory', 'nah', v(false, /\bNo\b/)],
  ['en', 'criminalHistory', 'No.', v(false)],
  ['en', 'criminalHistory', 'idk', refused],
  ['en', 'criminalHistory', 'I have never been arrested', v(false, /\bNo\b/)],
  ['en', 'criminalHistory', 'yes, but I was never convicted', refused],
  ['en', 'criminalHistory', 'I have, a DUI in 2015', v(true, /\bYes\b/)],
  ['fr', 'criminalHistory', "je n'ai jamais été arrêté", v(false, /\bNon\b/)],
  ['fr', 'criminalHistory', 'oui mais pas condamné', refused],
  ['en', 'offerSameGroup', 'no idea', v('notSure')],
  ['en', 'goalType', 'ok', refused],
  ['en', 'prStatus', 'no', v('none', /Not yet/)],
  ['fr', 'prStatus', 'non', v('none', /Pas encore/)],
  ['en', 'currentStatus', 'yes', refused],
  ['en', 'extensionFiled', 'yes, last week', v(true, /\bYes\b/)],
  ['en', 'ownsBusiness', 'absolutely', v(true, /\bYes\b/)],
  ['fr', 'familyComing', 'oui, ma femme', v(true, /\bOui\b/)],
  ['fr', 'familyComing', 'oui avec mes deux enfants', v(true, /\bOui\b/)],
  ['fr', 'familyComing', 'ouais', v(true)],
  ['fr', 'familyComing', 'bien sûr', v(true, /\bOui\b/)],
  ['fr', 'familyComing', 'non, seulement moi', v(false, /\bNon\b/)],
  ['fr', 'familyComing', 'Non merci', v(false, /\bNon\b/)],
  ['fr', 'familyComing', 'peut-être', refused],
  ['fr', 'familyComing', 'oui et non', refused],
  ['fr', 'familyComing', 'aucune idée', refused],
  ['fr', 'criminalHistory', 'jamais', v(false, /\bNon\b/)],
  ['fr', 'criminalHistory', 'non, jamais', v(false, /\bNon\b/)],
  ['fr', 'criminalHistory', 'pas du tout', v(false, /\bNon\b/)],
  ['fr', 'inCanada', 'oui, à Montréal', v(true, /\bOui\b/)],
  ['fr', 'inCanada', 'non je suis en France', v(false, /\bNon\b/)],
  ['fr', 'hasJobOffer', 'pas encore', v(false, /\bNon\b/)],
  ['fr', 'graduatedInCanada', 'oui au cégep', v(true, /\bOui\b/)],

  // provinces: a city names its province, said back; spelling variants; nonsense refused
  ['en', 'goalProvince', 'Vancouver', v('BC', /Vancouver.*British Columbia/)],
  ['en', 'offerProvince', 'Moncton', v('NB', /Moncton.*New Brunswick/)],
  ['en', 'offerProvince', 'Toronto', v('ON', /Toronto.*Ontario/)],
  ['en', 'offerProvince', 'Calgary, Alberta', v('AB', /Alberta/)],
  ['en', 'offerProvince', 'BC', v('BC')],
  ['en', 'offerProvince', 'british columbia', v('BC')],
  ['en', 'offerProvince', 'Brittish Columbia', v('BC', /British Columbia/)],
  ['en', 'goalProvince', 'Ontario probably', v('ON', /Ontario/)],
  ['en', 'offerProvince', 'Halifax', v('NS', /Nova Scotia/)],
  ['en', 'offerProvince', 'PEI', v('PE')],
  ['en', 'goalProvince', 'Quebec City', v('QC', /Quebec/)],
  ['en', 'offerProvince', 'Montreal', v('QC', /Quebec/)],
  ['en', 'goalProvince', 'somewhere in Alberta', v('AB', /Alberta/)],
  ['en', 'offerProvince', 'Saskatoon', v('SK', /Saskatchewan/)],
  ['en', 'offerProvince', 'Winnipeg', v('MB', /Manitoba/)],
  ['en', 'employerWorkerFrench', "she's fluent", v('advanced')],
  ['en', 'employerWorkerFrench', 'a little', v('basic')],
  ['en', 'employerWorkerFrench', 'he speaks some French', refused],
  ['en', 'employerWorkerFrench', 'no idea', v('notSure')],
  ['en', 'employerWorkerFrench', "I don't know", v('notSure')],
  ['en', 'employerWorkerFrench', 'native speaker, she is from Lyon', v('advanced')],
  ['en', 'employerWorkerFrench', 'none at all', v('none')],
  ['en', 'employerWorkerFrench', 'intermediate I think', v('intermediate')],
  ['fr', 'employerWorkerFrench', 'il parle couramment', v('advanced')],
  ['fr', 'employerWorkerFrench', 'un peu', v('basic')],
  ['fr', 'employerWorkerFrench', 'je ne sais pas', v('notSure')],
  ['fr', 'employerWorkerFrench', "c'est sa langue maternelle", v('advanced')],
  ['fr', 'employerWorkerFrench', 'pas du tout', v('none')],
  ['fr', 'frenchAbility', 'je parle couramment', v('advanced')],
  ['fr', 'frenchAbility', 'pas du tout', v('none')],
  ['en', 'employerProvince', 'Ottawa', v('ON', /Ontario/)],
  ['en', 'employerProvince', 'Edmonton, AB', v('AB', /Alberta/)],
  ['en', 'employerProvince', 'Victoria BC', v('BC', /British Columbia/)],
  ['en', 'employerProvince', 'Kelowna', v('BC', /British Columbia/)],
  ['en', 'employerProvince', "St. John's", v('NL', /Newfoundland/)],
  ['en', 'employerProvince', 'Charlottetown', v('PE', /Prince Edward Island/)],
  ['en', 'employerProvince', 'Whitehorse', v('YT', /Yukon/)],
  ['en', 'employerProvince', 'Yellowknife', v('NT', /Northwest Territories/)],
  ['en', 'nominationProvince', 'Regina', v('SK', /Saskatchewan/)],
  ['en', 'nominationProvince', 'Fredericton', v('NB', /New Brunswick/)],
  ['en', 'goalProvince', 'anywhere really', v('undecided', /Not decided/)],
  ['en', 'goalProvince', 'not decided', v('undecided', /Not decided/)],
  ['en', 'offerProvince', 'Paris', refused],
  ['en', 'offerProvince', 'New York', refused],
  ['en', 'offerProvince', 'the moon', refused],
  ['fr', 'goalProvince', 'Nouveau Brunswick', v('NB', /Nouveau-Brunswick/)],
  ['fr', 'offerProvince', 'Moncton', v('NB', /Moncton.*Nouveau-Brunswick/)],
  ['fr', 'offerProvince', 'nouveau-brunswick', v('NB')],
  ['fr', 'offerProvince', 'Colombie Britannique', v('BC', /Colombie-Britannique/)],
  ['fr', 'offerProvince', 'Québec', v('QC')],
  ['fr', 'offerProvince', 'Quebec', v('QC')],
  ['fr', 'offerProvince', 'à Montréal', v('QC', /Québec/)],
  ['fr', 'offerProvince', 'Sherbrooke', v('QC', /Québec/)],
  ['fr', 'offerProvince', 'Gatineau', v('QC', /Québec/)],
  ['fr', 'goalProvince', 'Nouvelle Ecosse', v('NS', /Nouvelle-Écosse/)],
  ['fr', 'goalProvince', 'Ile du Prince Edouard', v('PE', /Île-du-Prince-Édouard/)],
  ['fr', 'goalProvince', 'Terre Neuve', v('NL', /Terre-Neuve/)],
  ['fr', 'goalProvince', 'peu importe', v('undecided')],
  ['fr', 'employerProvince', 'Trois-Rivières', v('QC', /Québec/)],
  ['fr', 'employerProvince', 'Dieppe', v('NB', /Nouveau-Brunswick/)],
  ['fr', 'employerProvince', 'Lyon', refused],

  // other choices: the words a person uses, the ambiguous ones offered as two
  ['en', 'goalType', 'work first, then PR eventually', v('permanent', /permanent/i)],
  ['en', 'goalType', 'PR', v('permanent')],
  ['en', 'goalType', 'permanent residency', v('permanent', /permanent/i)],
  ['en', 'goalType', 'I want to immigrate', v('permanent', /permanent/i)],
  ['en', 'goalType', 'just temporary', v('temporary', /temporary/i)],
  ['en', 'goalType', 'a few years then go back home', v('temporary', /temporary/i)],
  ['en', 'goalType', 'not sure yet', v('notSure')],
  [
    'en',
    'goalType',
    'both',
    offers(/Work in Canada for a while.*Stay permanently|Stay permanently.*Work in Canada/s),
  ],
  ['en', 'goalType', 'pizza', refused],
  ['fr', 'goalType', "travailler d'abord, puis la RP", v('permanent', /permanente/)],
  ['fr', 'goalType', 'je veux immigrer', v('permanent', /permanente/)],
  ['fr', 'goalType', 'temporaire', v('temporary')],
  ['fr', 'goalType', 'quelques années puis rentrer chez moi', v('temporary', /temporaire/)],
  ['fr', 'goalType', 'les deux', offers(/temporaire.*permanente|permanente.*temporaire/s)],
  ['en', 'educationLevel', 'B.Tech computer science', v('bachelor', /Bachelor/)],
  ['en', 'educationLevel', 'BSc in biology', v('bachelor', /Bachelor/)],
  ['en', 'educationLevel', 'Bachelor of Commerce', v('bachelor', /Bachelor/)],
  ['en', 'educationLevel', 'MBA', v('master', /Master/)],
  ['en', 'educationLevel', 'M.Tech', v('master', /Master/)],
  ['en', 'educationLevel', 'MSc data science', v('master', /Master/)],
  ['en', 'educationLevel', 'PhD in physics', v('doctorate', /Doctorate/)],
  ['en', 'educationLevel', 'doctorate', v('doctorate')],
  ['en', 'educationLevel', 'high school diploma', v('secondary', /High school/)],
  ['en', 'educationLevel', '12th grade', v('secondary', /High school/)],
  ['en', 'educationLevel', 'Diploma in mechanical engineering', v('diploma', /College diploma/)],
  ['en', 'educationLevel', 'Red Seal electrician', v('trade', /Trade/)],
  ['en', 'educationLevel', "master's", v('master')],
  ['en', 'educationLevel', 'degree', offers(/Bachelor's degree.*Master's degree/s)],
  ['en', 'educationLevel', 'pizza', refused],
  ['en', 'educationLevel', 'yes', refused],
  ['fr', 'educationLevel', 'DUT informatique', v('diploma', /Diplôme d'études collégiales/)],
  ['fr', 'educationLevel', 'BTS comptabilité', v('diploma', /Diplôme d'études collégiales/)],
  ['fr', 'educationLevel', 'licence en droit', v('bachelor', /Baccalauréat/)],
  ['fr', 'educationLevel', 'maîtrise en administration', v('master', /Maîtrise/)],
  ['fr', 'educationLevel', 'Master 2 finance', v('master', /Maîtrise/)],
  ['fr', 'educationLevel', 'bac+5', v('master', /Maîtrise/)],
  ['fr', 'educationLevel', 'doctorat', v('doctorate')],
  ['fr', 'educationLevel', 'DEC en soins infirmiers', v('diploma', /Diplôme d'études collégiales/)],
  ['fr', 'educationLevel', 'secondaire 5', v('secondary', /secondaires/)],
  ['fr', 'educationLevel', 'un MBA', v('master', /Maîtrise/)],
  ['en', 'programCredential', 'B.Tech', v('bachelor', /Bachelor/)],
  ['en', 'programCredential', 'post-graduate diploma', v('college', /College diploma/)],
  ['en', 'programCredential', 'Ontario College Graduate Certificate', v('college', /College diploma/)],
  ['en', 'programCredential', 'Master of Engineering', v('master', /Master/)],
  ['fr', 'programCredential', 'AEC en informatique', v('college', /collégiales/)],
  ['en', 'currentStatus', "I'm on a visitor visa", v('visitor', /Visitor/)],
  ['en', 'currentStatus', 'tourist', v('visitor')],
  ['en', 'currentStatus', 'I have a PGWP', v('worker', /Worker/)],
  ['en', 'currentStatus', 'work permit, expires next year', v('worker', /Worker/)],
  ['en', 'currentStatus', 'study permit', v('student')],
  ['fr', 'currentStatus', 'étudiante', v('student')],
  ['fr', 'currentStatus', 'permis de travail ouvert', v('worker', /Travailleur/)],
  ['en', 'offerSector', 'nanny', v('inHomeCare')],
  ['en', 'offerSector', "I'm a nurse in a hospital", v('health', /Health/)],
  ['en', 'offerSector', 'farm work', v('agriculture', /Agriculture/)],
  ['fr', 'offerSector', 'ferme laitière', v('agriculture', /Agriculture/)],
  ['fr', 'offerSector', 'un hôpital', v('health', /santé/)],
  ['en', 'frenchAbility', 'a little', v('basic', /Basic/)],
  ['en', 'frenchAbility', 'fluent', v('advanced')],
  ['en', 'frenchAbility', 'none at all', v('none', /None/)],
  ['fr', 'frenchAbility', 'je suis francophone', v('advanced', /Avancé/)],
  ['fr', 'frenchAbility', 'un peu', v('basic', /Débutant/)],
  ['en', 'languageTest', 'I did IELTS', v('ieltsGeneral', /IELTS General/)],
  ['en', 'languageTest', 'IELTS Academic', v('otherTest')],
  ['en', 'languageTest', 'CELPIP', v('celpip')],
  ['fr', 'languageTest', "j'ai passé le TEF Canada", v('tefCanada', /TEF Canada/)],
  ['en', 'role', "I'm hiring", v('employer', /employer/)],
  ['en', 'role', 'I want to work in Canada', v('worker', /worker/)],
  // the offer of a call declined: no phone, the firm writes instead
  ['en', 'contactPhone', 'no thanks', v(null)],
  ['en', 'contactPhone', 'no, email is fine', v(null)],
  ['fr', 'contactPhone', 'non merci', v(null)],
  ['en', 'contactPhone', 'no, call me at 604-555-0177', v('+16045550177')],
  ['en', 'spouseTeer', 'teer level 3', v('3', /TEER 3/)],
  ['en', 'spouseTeer', '2', v('2')],
  ['en', 'employerWorkerRelation', 'new hire', v('newHire')],
  // a software engineer may be a CUSMA engineer or computer systems analyst: both are offered
  [
    'en',
    'employerCusmaProfession',
    'software engineer',
    offers(/1\. Engineer.*2\. Computer systems analyst/s),
  ],
  ['en', 'employerCusmaProfession', 'registered nurse', v('registeredNurse')],
  ['en', 'cusmaProfession', 'mechanical engineer', v('engineer', /Engineer/)],
  ['fr', 'cusmaProfession', 'ingénieur logiciel', offers(/Ingénieur.*Analyste/s)],

  // dates: relative months and seasons resolved against the clock, and said back
  ['en', 'offerStartDate', 'next March', v('2027-03-01', /2027/)],
  ['en', 'offerStartDate', 'in March', v('2027-03-01', /2027/)],
  ['en', 'offerStartDate', 'ASAP', v(TODAY, /2026/)],
  ['en', 'offerStartDate', 'as soon as possible', v(TODAY, /2026/)],
  ['en', 'offerStartDate', 'this summer', v('2027-07-01', /2027/)],
  ['en', 'offerStartDate', 'next summer', v('2027-07-01', /2027/)],
  ['en', 'offerStartDate', 'in the spring', v('2027-04-01', /2027/)],
  ['en', 'offerStartDate', 'January 15', v('2027-01-15', /2027/)],
  ['en', 'offerStartDate', 'beginning of January', v('2027-01-01', /2027/)],
  ['en', 'offerStartDate', 'in two weeks', v('2026-12-09', /2026/)],
  ['en', 'offerStartDate', 'next Monday', v('2026-11-30', /2026/)],
  ['en', 'offerStartDate', 'March 2027', v('2027-03-01')],
  ['en', 'offerStartDate', 'whenever the permit comes', refused],
  ['en', 'offerStartDate', 'soon', refused],
  ['en', 'employerStartDate', 'ASAP', v(TODAY, /2026/)],
  ['en', 'employerStartDate', 'in January', v('2027-01-01', /2027/)],
  ['en', 'employerStartDate', 'next fall', v('2027-10-01', /2027/)],
  ['fr', 'offerStartDate', 'en mars prochain', v('2027-03-01', /2027/)],
  ['fr', 'offerStartDate', 'mars prochain', v('2027-03-01', /2027/)],
  ['fr', 'offerStartDate', 'dès que possible', v(TODAY, /2026/)],
  ['fr', 'offerStartDate', 'le plus tôt possible', v(TODAY, /2026/)],
  ['fr', 'offerStartDate', "l'automne prochain", v('2027-10-01', /2027/)],
  ['fr', 'offerStartDate', 'au printemps', v('2027-04-01', /2027/)],
  ['fr', 'offerStartDate', 'cet été', v('2027-07-01', /2027/)],
  ['fr', 'offerStartDate', 'mi-janvier', v('2027-01-15', /2027/)],
  ['fr', 'offerStartDate', '1er février 2027', v('2027-02-01')],
  ['fr', 'employerStartDate', 'lundi prochain', v('2026-11-30', /2026/)],
  ['fr', 'employerStartDate', 'bientôt', refused],
  ['en', 'languageTestDate', 'last October', v('2026-10-01', /2026/)],
  ['en', 'languageTestDate', 'October last year', v('2025-10-01', /2025/)],
  ['en', 'languageTestDate', 'last summer', v('2026-07-01', /2026/)],
  ['en', 'languageTestDate', '2 months ago', v('2026-09-25', /2026/)],
  ['en', 'languageTestDate', 'September 2026', v('2026-09-01')],
  ['en', 'languageTestDate', 'next March', refused],
  ['fr', 'languageTestDate', 'en octobre dernier', v('2026-10-01', /2026/)],
  ['fr', 'languageTestDate', 'octobre dernier', v('2026-10-01', /2026/)],
  ['fr', 'languageTestDate', "l'été dernier", v('2026-07-01', /2026/)],
  ['fr', 'languageTestDate', 'il y a 3 mois', v('2026-08-25', /2026/)],
  ['en', 'statusExpiry', 'next March', v('2027-03-01', /2027/)],
  ['fr', 'statusExpiry', 'fin mars 2027', v('2027-03-31', /2027/)],
  ['en', 'graduationDate', 'last May', v('2026-05-01', /2026/)],
  ['fr', 'graduationDate', 'mai dernier', v('2026-05-01', /2026/)],
  ['en', 'graduationDate', 'June 2025', v('2025-06-01')],

  // countries: a city with its country, a nationality, said back; nonsense refused
  ['en', 'employerWorkerCountry', 'Seattle, USA', v('US', /United States/)],
  ['en', 'residenceCountry', 'I live in Dubai, UAE', v('AE', /United Arab Emirates/)],
  ['en', 'residenceCountry', 'Manila, Philippines', v('PH', /Philippines/)],
  ['en', 'residenceCountry', 'the Philippines', v('PH')],
  ['en', 'residenceCountry', 'Mumbai, India', v('IN', /India/)],
  ['en', 'residenceCountry', 'Lagos Nigeria', v('NG', /Nigeria/)],
  ['en', 'citizenship', 'Indian', v('IN', /India/)],
  ['en', 'citizenship', 'Filipino', v('PH', /Philippines/)],
  ['en', 'citizenship', 'Mexican', v('MX', /Mexico/)],
  ['en', 'citizenship', 'British', v('GB', /United Kingdom/)],
  ['en', 'citizenship', 'American', v('US', /United States/)],
  ['en', 'citizenship', 'India', v('IN')],
  ['en', 'citizenship', 'UK', v('GB')],
  ['en', 'citizenship', 'South Korea', v('KR')],
  ['en', 'citizenship', 'Narnia', refused],
  ['en', 'citizenship', 'Europe', refused],
  ['en', 'citizenship', 'asdf', refused],
  ['en', 'refusalCountry', 'the US', v('US')],
  ['fr', 'citizenship', 'française', v('FR', /France/)],
  ['fr', 'citizenship', 'algérienne', v('DZ', /Algérie/)],
  ['fr', 'citizenship', 'Marocain', v('MA', /Maroc/)],
  ['fr', 'citizenship', 'Mexique', v('MX')],
  ['fr', 'citizenship', 'États-Unis', v('US')],
  ['fr', 'residenceCountry', 'je suis en France', v('FR', /France/)],
  ['fr', 'residenceCountry', "j'habite à Paris, France", v('FR', /France/)],
  ['fr', 'residenceCountry', 'je viens du Maroc', v('MA', /Maroc/)],
  ['fr', 'employerWorkerCountry', 'Tunisie', v('TN')],

  // numbers: words, units and rough amounts
  ['en', 'yearsExperience', '5 years', v(5)],
  ['en', 'yearsExperience', 'about 5 years', v(5, /\b5\b/)],
  ['en', 'yearsExperience', 'five', v(5, /\b5\b/)],
  ['en', 'yearsExperience', 'around 10', v(10, /\b10\b/)],
  ['en', 'yearsExperience', 'none', v(0, /\b0\b/)],
  ['en', 'yearsExperience', 'lots', refused],
  ['fr', 'yearsExperience', 'environ 3 ans', v(3, /\b3\b/)],
  ['fr', 'yearsExperience', 'trois ans', v(3, /\b3\b/)],
  ['fr', 'yearsExperience', 'aucune', v(0, /\b0\b/)],
  ['en', 'age', "I'm 32", v(32, /\b32\b/)],
  ['en', 'age', '32', v(32)],
  ['fr', 'age', "j'ai 28 ans", v(28, /\b28\b/)],
  ['en', 'ownershipPercent', '50%', v(50)],
  ['en', 'ownershipPercent', 'half', v(50, /\b50\b/)],
  ['en', 'ownershipPercent', '100 percent', v(100)],
  ['fr', 'ownershipPercent', 'la moitié', v(50, /\b50\b/)],
  ['en', 'canadianWorkMonths', '2 years', v(24, /2 years, that is 24 months/)],
  ['en', 'canadianWorkMonths', '18 months', v(18)],
  ['fr', 'canadianWorkMonths', '1 an et demi', v(18, /\b18\b/)],
  ['en', 'icMonthsContinuous', 'three years', v(36, /\b36\b/)],
  ['en', 'refusalYear', '2019', v(2019)],
  ['en', 'refusalYear', 'in 2019', v(2019, /2019/)],
  ['en', 'businessJobs', 'many', refused],

  // wages
  ['en', 'offerWage', '$85,000', v({ amount: 85000, per: 'year' })],
  ['en', 'offerWage', '85k', v({ amount: 85000, per: 'year' })],
  ['en', 'offerWage', 'about 60k a year', v({ amount: 60000, per: 'year' })],
  ['en', 'offerWage', '25/h', v({ amount: 25, per: 'hour' })],
  [
    'en',
    'offerWage',
    '4000 a month',
    v({ amount: 48000, per: 'year', given: { amount: 4000, per: 'month' } }, /48,000/),
  ],
  ['en', 'offerWage', 'competitive', refused],
  ['en', 'offerWage', 'minimum wage', refused],
  ['fr', 'offerWage', '60 000 $ par année', v({ amount: 60000, per: 'year' })],
  ['fr', 'offerWage', "22 $ de l'heure", v({ amount: 22, per: 'hour' })],
  ['fr', 'employerWage', 'à discuter', refused],

  // emails and phones
  ['en', 'contactEmail', 'Priya.Sharma@Gmail.com', v('priya.sharma@gmail.com')],
  ['en', 'contactEmail', 'my email is priya@example.com', v('priya@example.com', /priya@example\.com/)],
  ['en', 'contactEmail', 'priya@gmail', refused],
  ['en', 'contactEmail', 'priya at gmail dot com', refused],
  ['fr', 'contactEmail', "c'est marc.tremblay@videotron.ca", v('marc.tremblay@videotron.ca', /videotron/)],
  ['en', 'contactPhone', '604-555-0177', v('+16045550177')],
  ['en', 'contactPhone', '604-555-0177 ext 12', v('+16045550177;ext=12', /ext\.? 12/)],
  ['en', 'contactPhone', '(604) 555-0177 x12', v('+16045550177;ext=12', /ext\.? 12/)],
  ['en', 'contactPhone', '+91 98765 43210', v('+919876543210')],
  ['en', 'contactPhone', 'my cell is 514 555 0123', v('+15145550123')],
  ['en', 'contactPhone', '12345', refused],
  ['en', 'contactPhone', 'call me maybe', refused],
  ['fr', 'contactPhone', '(604) 555-0177 poste 12', v('+16045550177;ext=12', /poste 12/)],
  ['fr', 'contactPhone', '514-555-0123', v('+15145550123')],

  // text: names apart from roles
  ['en', 'contactName', 'Priya Nakamura', v('Priya Nakamura')],
  ['en', 'contactName', 'Priya Nakamura, HR manager', v('Priya Nakamura', /Priya Nakamura/)],
  ['en', 'contactName', 'my name is John Smith', v('John Smith', /John Smith/)],
  ['fr', 'contactName', 'Marc Tremblay, directeur RH', v('Marc Tremblay', /Marc Tremblay/)],
  ['fr', 'contactName', "je m'appelle Sophie Gagnon", v('Sophie Gagnon', /Sophie Gagnon/)],
  ['en', 'contactRole', 'HR manager', v('HR manager')],
  ['fr', 'contactRole', 'directrice des ressources humaines', v('directrice des ressources humaines')],
  ['en', 'offerJobTitle', 'Line cook', v('Line cook')],

  // NOC: a job title offers the nearest unit groups; the question explained when asked
  ['en', 'offerNoc', '21231', v({ noc: '21231', teer: 1 }, /Software engineers and designers/)],
  ['en', 'offerNoc', '99999', refused],
  ['fr', 'offerNoc', '63200', v({ noc: '63200', teer: 3 }, /Cuisiniers/)],
  ['en', 'offerNoc', 'NOC 21231', v({ noc: '21231', teer: 1 })],
  ['en', 'offerNoc', 'TEER 2', v({ teer: 2 })],
  ['en', 'offerNoc', "don't know", v({})],
  ['en', 'offerNoc', 'software engineer', offers(/21231.*Software engineers and designers.*TEER\S* 1/s)],
  ['en', 'offerNoc', 'cook', offers(/63200.*Cooks.*TEER\S* 3/s)],
  ['en', 'offerNoc', 'nanny', offers(/44100.*Home child care providers/s)],
  ['en', 'offerNoc', "what is my NOC? I'm a cook", offers(/63200/)],
  ['en', 'offerNoc', 'truck driver', offers(/73300/)],
  ['en', 'offerNoc', 'registered nurse', offers(/31301/)],
  ['en', 'offerNoc', 'welder', offers(/72106/)],
  ['en', 'offerNoc', 'caregiver', offers(/44101/)],
  ['en', 'employerNoc', 'software engineer', offers(/21231/)],
  ['en', 'employerNoc', 'web developer', offers(/21234/)],
  ['en', 'offerNoc', 'what is NOC?', explains(/National Occupational Classification/)],
  ['en', 'offerNoc', 'qwzxv', refused],
  ['fr', 'offerNoc', 'cuisinier', offers(/63200.*Cuisiniers/s)],
  ['fr', 'offerNoc', 'ingénieur logiciel', offers(/21231/)],
  ['fr', 'offerNoc', "c'est quoi la CNP ?", explains(/Classification nationale des professions/)],
  ['fr', 'employerNoc', 'camionneur', offers(/73300/)],

  // a question explained at the step, in the prospect's words
  ['en', 'spouseTeer', 'what does TEER mean?', explains(/second digit/)],
  ['en', 'criminalHistory', 'why do you need to know?', explains(/confidential consultation/)],
  ['en', 'contactPhone', 'why do you need my phone?', explains(/calls you first/)],
  ['fr', 'criminalHistory', 'pourquoi vous demandez ça ?', explains(/consultation confidentielle/)],

  // scores
  [
    'en',
    'languageLevel',
    '7.5 overall',
    v({ test: 'ieltsGeneral', overall: 7.5 }),
    { languageTest: 'IELTS' },
  ],
  ['en', 'languageLevel', 'banana', refused, { languageTest: 'IELTS' }],
];

const localeOf = (language: Locale) => (language === 'en' ? 'en-CA' : 'fr-CA');

/** An engine asking consent, role, the answers before, the step, then one more question. */
function at(step: string, before: Record<string, string>, language: Locale): Conversation {
  const follow = step === 'contactName' ? 'contactEmail' : 'contactName';
  const ids = [...new Set(['consent', 'role', ...Object.keys(before), step, follow])];
  const catalogue = Object.fromEntries(
    ids.map((id) => {
      const definition = (stepCatalogue as Catalogue)[id];
      if (!definition) throw new Error(`no step "${id}"`);
      const { when: _when, ...rest } = definition;
      return [id, rest];
    }),
  ) as Catalogue;
  const locale = localeOf(language);
  const conversation = converse(
    new IntakeEngine(flows(), { catalogue }),
    locale,
    fixedDependencies(`${TODAY}T17:00:00.000Z`),
  );
  const flow = flows()[locale];
  conversation.say(flow.yesno.yes);
  if (step !== 'role') conversation.say(flow.steps.role.choices!.worker!);
  for (const text of Object.values(before)) conversation.say(text);
  if (conversation.step() !== step) throw new Error(`not at ${step}`);
  return conversation;
}

const answersOf = (conversation: Conversation): Record<string, unknown> =>
  (conversation.state!.snapshot as unknown as { context: { answers: Record<string, unknown> } }).context
    .answers;
const replyOf = (conversation: Conversation) => conversation.last.replies.map((r) => r.text).join('\n\n');

/** What went wrong with one row, or undefined when the intake did what the row says. */
function check([language, step, typed, expected, before]: Row): string | undefined {
  let conversation: Conversation;
  try {
    conversation = at(step, before ?? {}, language);
  } catch (error) {
    return (error as Error).message;
  }
  const stored = JSON.stringify(answersOf(conversation));
  conversation.say(typed);
  const reply = replyOf(conversation);
  const answers = answersOf(conversation);
  if (expected.kind === 'value') {
    if (conversation.step() === step) return `refused: ${reply}`;
    if (JSON.stringify(answers[step]) !== JSON.stringify(expected.value))
      return `stored ${JSON.stringify(answers[step])}`;
    if (expected.said && !expected.said.test(reply)) return `not said back (${expected.said}): ${reply}`;
    return undefined;
  }
  if (conversation.step() !== step) return `accepted as ${JSON.stringify(answers[step])}`;
  if (JSON.stringify(answers) !== stored) return 'changed an answer';
  if (expected.kind === 'refused') return undefined;
  return expected.said.test(reply) ? undefined : `reply lacks ${expected.said}: ${reply}`;
}

describe('ordinary answers, as prospects type them (issue 22)', () => {
  it('has at least 200 phrasings, in both languages', () => {
    expect(phrasings.length).toBeGreaterThanOrEqual(200);
    expect(phrasings.filter(([language]) => language === 'fr').length).toBeGreaterThanOrEqual(60);
    expect(phrasings.filter(([, , , e]) => e.kind === 'refused').length).toBeGreaterThanOrEqual(20);
  });

  it('covers every kind of input', () => {
    const kinds = new Set(phrasings.map(([, step]) => (stepCatalogue as Catalogue)[step]?.input.kind));
    for (const kind of ['choice', 'yesno', 'text', 'number', 'money', 'date', 'email', 'phone', 'country'])
      expect(kinds).toContain(kind);
  });

  it.each(phrasings.map((row) => [row[0], row[1], row[2], row] as const))(
    '%s %s: “%s”',
    (_language, _step, _typed, row) => {
      expect(check(row)).toBeUndefined();
    },
  );
});
