import type { AnswerOf, Answers } from '../intake/steps';
import { englishCountryName } from './countries';
import { designationOf } from '../intake/designated-countries';
import { sectorOf, type Facts } from './facts';
import { sectorLabels } from './labels';
import type { AdmissibilityGround, Flag } from './lead-schema';
import { ref, refs } from './reference';

/**
 * Admissibility rules: each tests yes/no screeners (and their neutral follow-ups: which country,
 * what year) and names the ground and the law. A rule either raises a flag (lawyer review) or
 * leaves a note for the lawyer (e.g. national service alone, which is not a ground). Notes never
 * say more than the answers did, and carry no prospect text.
 */
export interface AdmissibilityRule {
  ground: AdmissibilityGround;
  ref: string;
  /** The answers the rule tests. */
  tests: string;
  /** The flag (or lawyer note) and its seriousness, or undefined when the rule does not apply. */
  evaluate(answers: Answers, facts: Facts): Finding | undefined;
}

interface Finding {
  note: string;
  serious?: boolean;
  /** A fact for the lawyer, not a ground of inadmissibility. */
  noteOnly?: boolean;
  /** Not a ground, yet the lead goes to a lawyer (e.g. IRCC's security screening, §10). */
  needsReview?: boolean;
}

/** Jobs that need a medical exam whatever the country (IRPR s. 30, §3, §9). */
const publicHealthSectors = new Set(['health', 'childCare', 'inHomeCare', 'schoolTeaching']);

/**
 * What the lawyer needs of a conviction (§3, §8): the remedy depends on where it was (abroad,
 * deemed or criminal rehabilitation; in Canada, a record suspension) and runs from the end of the
 * whole sentence. Neither is asked in writing.
 */
function convictionFacts(deemedRehabilitation: boolean): string {
  return `where the conviction was (abroad: ${deemedRehabilitation ? 'deemed or criminal' : 'criminal'} rehabilitation; in Canada: a record suspension) and the date the sentence was completed`;
}

function whenYes(answer: boolean | undefined, note: string): { note: string } | undefined {
  return answer === true ? { note } : undefined;
}

const country = (code: string | undefined) =>
  code === undefined ? 'country not given' : englishCountryName(code);

/** The countries a designated-country stay may come from: the one asked about, and where the prospect lives. */
function staysToCheck(a: Answers, f: Facts): { code: string; asked: boolean }[] {
  const stays: { code: string; asked: boolean }[] = [];
  if (a.designatedCountryStay === true && a.stayCountry !== undefined)
    stays.push({ code: a.stayCountry, asked: true });
  if (f.residence !== undefined && !f.inCanada && f.residence !== a.stayCountry)
    stays.push({ code: f.residence, asked: false });
  return stays;
}

function designatedStay(a: Answers, f: Facts): { country: string; believed: boolean } | undefined {
  if (a.designatedCountryStay === true && a.stayCountry === undefined)
    return { country: 'a country not named', believed: false };
  for (const stay of staysToCheck(a, f)) {
    const status = designationOf(stay.code);
    if (status === 'mayBeDesignated') return { country: englishCountryName(stay.code), believed: false };
  }
  return undefined;
}

export const admissibilityRules: readonly AdmissibilityRule[] = [
  {
    ground: 'security',
    ref: refs(ref.admissibility, ref.corrections),
    tests: 'violentGroups',
    evaluate: (a) =>
      whenYes(
        a.violentGroups,
        'Answered yes to membership of or association with a group that used or supported violence: security, IRPA s. 34 — lawyer review.',
      ),
  },
  {
    ground: 'security',
    ref: refs(ref.admissibility, ref.corrections),
    tests: 'militaryService',
    evaluate: (a) =>
      a.militaryService === true
        ? {
            noteOnly: true,
            note: 'Military, police or security service (national service included): not a ground on its own — ask the unit, role and dates in the consultation (IRPA ss. 34–35 only if the facts point there).',
          }
        : undefined,
  },
  {
    ground: 'security',
    ref: refs(ref.admissibility, ref.dec2026),
    tests: 'intelligenceService, intelligenceCountry',
    evaluate: (a) =>
      a.intelligenceService === true
        ? {
            noteOnly: true,
            needsReview: true,
            note: `Worked for an intelligence or security service (${a.intelligenceCountry === undefined ? 'country not given' : `service of ${englishCountryName(a.intelligenceCountry)}`}): not a ground on its own, but IRCC refers such applicants for security screening (IRPA s. 34) — lawyer review before advising.`,
          }
        : undefined,
  },
  {
    ground: 'human-rights',
    ref: refs(ref.admissibility, ref.corrections),
    tests: 'governmentPosition',
    evaluate: (a) =>
      a.governmentPosition === true
        ? {
            noteOnly: true,
            note: 'Government post: not a ground on its own — IRPA s. 35 needs a senior role in a designated regime or involvement in violations; ask the post and dates.',
          }
        : undefined,
  },
  {
    ground: 'human-rights',
    ref: ref.admissibility,
    tests: 'illTreatment',
    evaluate: (a) =>
      whenYes(
        a.illTreatment,
        'Answered yes to witnessing or taking part in ill-treatment of prisoners or civilians: human or international rights violations, IRPA s. 35 — lawyer review.',
      ),
  },
  {
    ground: 'organized-criminality',
    ref: ref.admissibility,
    tests: 'organizedCrime',
    evaluate: (a) =>
      whenYes(
        a.organizedCrime,
        'Answered yes to involvement with a group that commits crimes in an organized way: organized criminality, IRPA s. 37 — lawyer review.',
      ),
  },
  {
    ground: 'criminality',
    ref: refs(ref.admissibility, ref.flags, ref.corrections),
    tests: 'criminalHistory, criminalConviction, impairedDriving, impairedDrivingSince2018',
    evaluate(a) {
      if (a.criminalHistory !== true) return undefined;
      const convicted = a.criminalConviction;
      if (a.impairedDriving === true) {
        if (a.impairedDrivingSince2018 === true) {
          return convicted === true
            ? {
                serious: true,
                note: `Impaired driving conviction, on or after Dec 18, 2018: serious criminality, IRPA s. 36(1) (10-year maximum); deemed rehabilitation no longer applies — the lawyer needs ${convictionFacts(false)}.`,
              }
            : {
                note: `Impaired driving on or after Dec 18, 2018, ${convicted === false ? 'charged, not convicted' : 'conviction not stated'}: possible serious criminality, IRPA s. 36(1) — a charge is not a conviction; to confirm.`,
              };
        }
        return {
          note: `Impaired driving ${a.impairedDrivingSince2018 === false ? 'before Dec 18, 2018' : 'on a date not given'} (${convicted === true ? 'convicted' : convicted === false ? 'charged, not convicted' : 'conviction not stated'}): not automatically non-serious — a Canadian sentence over 6 months is serious criminality; old rules and deemed rehabilitation to confirm (IRPA s. 36)${convicted === false ? '' : ` — the lawyer needs ${convictionFacts(true)}`}.`,
        };
      }
      if (convicted === false) {
        return {
          serious: false,
          note: 'Arrested or charged, not convicted: a charge is not a conviction (IRPA s. 36 needs a conviction, or abroad the commission of an act) — the lawyer asks about the outcome and any pending charge.',
        };
      }
      return {
        note: `Criminal conviction: criminality or serious criminality, IRPA s. 36 — the lawyer needs the offence, the sentence, ${convictionFacts(true)} (or a temporary resident permit meanwhile).`,
      };
    },
  },
  {
    ground: 'health',
    ref: refs(ref.admissibility, ref.corrections),
    tests: 'medicalCondition',
    evaluate: (a) =>
      whenYes(
        a.medicalCondition,
        'Answered yes to tuberculosis (ever: history, contact or treatment) or a condition needing health or social services: health grounds, IRPA s. 38 (danger to public health or safety, or excessive demand) — lawyer review.',
      ),
  },
  {
    ground: 'previous-refusal',
    ref: refs(ref.admissibility, ref.flags, ref.corrections, ref.dec2026),
    tests:
      'previousRefusal, refusalCountry, refusalYear, appliedToCanada, canadianApplicationType, canadianApplicationYear',
    evaluate: (a) => {
      const disclosure = refusalDisclosure(refusalHistoryOf(a));
      return disclosure
        ? {
            note: `Refused a visa or permit, denied entry or removed: ${country(a.refusalCountry)}${a.refusalYear === undefined ? '' : `, ${a.refusalYear}`}. ${disclosure.text.charAt(0).toUpperCase()}${disclosure.text.slice(1)}`,
          }
        : undefined;
    },
  },
  {
    ground: 'removal-order',
    ref: refs(ref.admissibility, ref.dec2026),
    tests: 'removalOrder, removalOrderType, removalYear, departureConfirmed',
    evaluate: (a, f) => {
      const order = returnAuthorizationOf(a, f.today);
      return order && { note: order.note };
    },
  },
  {
    ground: 'non-compliance',
    ref: refs(ref.admissibility, ref.corrections),
    tests: 'overstay, overstayCountry',
    evaluate(a) {
      if (a.overstay !== true) return undefined;
      if (a.overstayCountry === undefined || a.overstayCountry === 'CA') {
        return {
          note: `Overstay or unauthorized work or study${a.overstayCountry === 'CA' ? ' in Canada' : ', country not given'}: non-compliance, IRPA s. 41.`,
        };
      }
      return {
        noteOnly: true,
        note: `Overstay or unauthorized work or study in ${englishCountryName(a.overstayCountry)}: not IRPA s. 41 (Canadian law) — a disclosure and credibility point for the consultation.`,
      };
    },
  },
  {
    ground: 'medical-exam',
    ref: refs(ref.admissibility, ref.corrections, ref.dec2026),
    tests:
      "the job's sector (health services, child care, in-home care, primary or secondary teaching); care duties for a home-support NOC",
    evaluate(_a, f) {
      const sector = sectorOf(f.offer);
      if (sector === undefined || !publicHealthSectors.has(sector)) return undefined;
      // Home child care by its NOC, yet answered without care duties: the lawyer settles which (§10).
      if (f.offer?.noc === '44100' && f.offer.careDuties === false && sector === 'childCare')
        return {
          note: 'NOC 44100 is home child care, yet the answers say no care duties: if the job is child care, an immigration medical exam is required (IRPR s. 30) — the duties to confirm.',
        };
      // In-home care of children, seniors or people with disabilities: close contact, exam whatever
      // the stay; IRCC's page was not retrieved [U] (§10).
      return sector === 'inHomeCare'
        ? {
            note: `Job in ${sectorLabels[sector]} (close contact with children, seniors or people with disabilities): an immigration medical exam is needed whatever the stay (IRPR s. 30) — to confirm on IRCC's page.`,
          }
        : {
            note: `Job in ${sectorLabels[sector]}: an immigration medical exam is required for this work (IRPR s. 30).`,
          };
    },
  },
  {
    ground: 'medical-exam',
    ref: refs(ref.admissibility, ref.corrections),
    tests: 'designatedCountryStay, stayCountry, residenceCountry; agriculture after such a stay',
    evaluate(a, f) {
      const stay = designatedStay(a, f);
      if (!stay) return undefined;
      const agriculture =
        sectorOf(f.offer) === 'agriculture' ? ' The agricultural job also needs one after such a stay.' : '';
      return {
        note: `6+ consecutive months in the past year in ${stay.country}, which may be a designated country: a stay in Canada over 6 months then needs a medical exam (IRPR s. 30) — the lawyer checks IRCC's list and the dates.${agriculture}`,
      };
    },
  },
];

/** The refusal and application facts the disclosure note reads (§9, §10): neutral facts only. */
export interface RefusalHistory {
  refused?: boolean;
  refusalCountry?: string;
  refusalYear?: number;
  /** Applied to come to Canada before: false when answered no. */
  appliedToCanada?: boolean;
  canadianApplicationType?: AnswerOf<'canadianApplicationType'>;
  /** The most recent Canadian application's year. */
  canadianApplicationYear?: number;
  /** Whether a removal order calls for an Authorization to Return to Canada. */
  returnAuthorization?: ReturnAuthorization['needed'];
}

export function refusalHistoryOf(a: Answers, today?: string): RefusalHistory {
  // A prospect in Canada has applied to come before; one abroad is asked.
  const applied = a.previousRefusal !== true ? undefined : a.inCanada === true ? true : a.appliedToCanada;
  return {
    refused: a.previousRefusal,
    refusalCountry: a.refusalCountry,
    refusalYear: a.refusalYear,
    appliedToCanada: applied,
    canadianApplicationType: applied === true ? a.canadianApplicationType : undefined,
    canadianApplicationYear: applied === true ? a.canadianApplicationYear : undefined,
    returnAuthorization: today === undefined ? undefined : returnAuthorizationOf(a, today)?.needed,
  };
}

const applicationLabels: Record<AnswerOf<'canadianApplicationType'>, string> = {
  visitor: 'visitor visa or eTA',
  study: 'study permit',
  work: 'work permit',
  permanentResidence: 'permanent residence',
  other: 'other',
};

/**
 * What the lawyer checks about a refusal's disclosure, from neutral facts (§9, §10): a refusal (by
 * another country, or by Canada) before a Canadian application is named with both years ("to confirm"); the
 * prospect is never asked whether it was declared. `risk` is true when an earlier Canadian
 * application may have left it out.
 */
export function refusalDisclosure(h: RefusalHistory): { text: string; risk: boolean } | undefined {
  if (h.refused !== true) return undefined;
  const { refusalYear, canadianApplicationYear: applicationYear, refusalCountry } = h;
  if (h.appliedToCanada === false)
    return {
      risk: false,
      text: 'No earlier application to Canada: the refusal must be declared on the new one (IRPA s. 40).',
    };
  if (refusalCountry !== undefined && refusalYear !== undefined && applicationYear !== undefined) {
    const kind = h.canadianApplicationType ? ` (${applicationLabels[h.canadianApplicationType]})` : '';
    if (applicationYear < refusalYear)
      return {
        risk: false,
        text: `The last Canadian application${kind} was in ${applicationYear}, before the refusal: it must be declared on the new one (IRPA s. 40).`,
      };
    const sameYear = applicationYear === refusalYear ? ' (same year: which came first to confirm)' : '';
    const by = refusalCountry === 'CA' ? 'Canadian' : englishCountryName(refusalCountry).replace(/^the /, '');
    return {
      risk: true,
      text: `disclosure of the ${refusalYear} ${by} refusal in the ${applicationYear} Canadian application${kind}: to confirm (IRPA s. 40 risk, 5-year bar)${sameYear}.`,
    };
  }
  return {
    risk: true,
    text: 'It must be declared on every Canadian application since; the lawyer checks the earlier forms for disclosure (misrepresentation risk, IRPA s. 40, 5-year bar).',
  };
}

/** Exclusion orders: 1 year, or 5 for misrepresentation, before return without an ARC (§10). */
const EXCLUSION_YEARS = 1;
const EXCLUSION_MISREPRESENTATION_YEARS = 5;

interface ReturnAuthorization {
  needed: 'needed' | 'maybe' | 'none';
  note: string;
}

/**
 * Which removal order was issued decides the Authorization to Return to Canada (IRPA s. 52, §10):
 * a deportation order always needs one; an exclusion order within 1 year of removal (5 for
 * misrepresentation); a departure order none if the person left within 30 days and confirmed it.
 */
export function returnAuthorizationOf(a: Answers, today: string): ReturnAuthorization | undefined {
  if (a.removalOrder !== true) return undefined;
  const year = a.removalYear;
  const when = year === undefined ? '' : ` (left ${year})`;
  const arc = 'an Authorization to Return to Canada (ARC, IRPA s. 52)';
  switch (a.removalOrderType) {
    case 'deportation':
      return { needed: 'needed', note: `Deportation order${when}: ${arc} is always needed.` };
    case 'exclusion': {
      const since = year === undefined ? undefined : Number(today.slice(0, 4)) - year;
      // The same calendar year is within 1 year of removal; a year still to come is not read.
      if (since !== undefined && since >= 0 && since < EXCLUSION_YEARS)
        return {
          needed: 'needed',
          note: `Exclusion order${when}: ${arc} is needed within 1 year of removal.`,
        };
      if (since !== undefined && since > EXCLUSION_MISREPRESENTATION_YEARS)
        return {
          needed: 'none',
          note: `Exclusion order${when}: more than 5 years ago, no ARC needed — the removal date to confirm (IRPA s. 52).`,
        };
      return {
        needed: 'maybe',
        note: `Exclusion order${when}: ${arc} is needed within 1 year of removal, or 5 years if the order was for misrepresentation — the order and removal date to confirm.`,
      };
    }
    case 'departure':
      if (a.departureConfirmed === true)
        return {
          needed: 'none',
          note: `Departure order${when}, left within 30 days with the departure confirmed: no ARC needed — the certificate of departure to confirm (IRPA s. 52).`,
        };
      if (a.departureConfirmed === false)
        return {
          needed: 'needed',
          note: `Departure order${when} without a confirmed departure within 30 days: it became a deportation order, so ${arc} is needed.`,
        };
      return {
        needed: 'maybe',
        note: `Departure order${when}: no ARC if the person left within 30 days and confirmed it, otherwise it became a deportation order and ${arc} is needed — to confirm.`,
      };
    default:
      return {
        needed: 'maybe',
        note: `Removal order from Canada, type not known${when}: ${arc} is needed for a deportation order, and for some exclusion and departure orders — the lawyer checks which order was issued.`,
      };
  }
}

/** Grounds that are a process step, not a possible inadmissibility: they do not call for lawyer review. */
const processGrounds = new Set<AdmissibilityGround>(['medical-exam']);

/** One flag per ground: notes of the rules behind it are joined; serious if any of them is. */
export function screenAdmissibility(
  answers: Answers,
  facts: Facts,
): { flags: Flag[]; notes: string[]; needsLawyerReview: boolean } {
  const byGround = new Map<AdmissibilityGround, { notes: string[]; serious: (boolean | undefined)[] }>();
  const notes: string[] = [];
  let reviewNote = false;
  for (const rule of admissibilityRules) {
    const found = rule.evaluate(answers, facts);
    if (!found) continue;
    if (found.needsReview) reviewNote = true;
    if (found.noteOnly) {
      notes.push(found.note);
      continue;
    }
    const entry = byGround.get(rule.ground) ?? { notes: [], serious: [] };
    entry.notes.push(found.note);
    entry.serious.push(found.serious);
    byGround.set(rule.ground, entry);
  }
  const flags = [...byGround].map(([ground, { notes: texts, serious }]): Flag => {
    // Serious when any rule says so; not serious only when every rule knows it is not.
    const isSerious = serious.includes(true)
      ? true
      : serious.every((value) => value === false)
        ? false
        : undefined;
    return { ground, ...(isSerious === undefined ? {} : { serious: isSerious }), note: texts.join(' ') };
  });
  return {
    flags,
    notes,
    needsLawyerReview: reviewNote || flags.some((flag) => !processGrounds.has(flag.ground)),
  };
}
