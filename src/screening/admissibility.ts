import type { Answers } from '../intake/steps';
import { sectorOf, type Facts } from './facts';
import { sectorLabels } from './labels';
import type { AdmissibilityGround, Flag } from './lead-schema';
import { ref, refs } from './reference';

/**
 * Admissibility rules: each tests one yes/no screener (or the job's sector) and names the ground
 * and the IRPA section. Notes never say more than the answer did, and carry no prospect text.
 */
export interface AdmissibilityRule {
  ground: AdmissibilityGround;
  ref: string;
  /** The answer the rule tests. */
  tests: string;
  /** The flag's note and seriousness, or undefined when the rule does not apply. */
  evaluate(answers: Answers, facts: Facts): { note: string; serious?: boolean } | undefined;
}

const publicHealthSectors = new Set(['health', 'childCare', 'schoolTeaching']);

function whenYes(answer: boolean | undefined, note: string): { note: string } | undefined {
  return answer === true ? { note } : undefined;
}

export const admissibilityRules: readonly AdmissibilityRule[] = [
  {
    ground: 'security',
    ref: ref.admissibility,
    tests: 'violentGroups',
    evaluate: (a) =>
      whenYes(
        a.violentGroups,
        'Answered yes to involvement with a violent group: security, IRPA s. 34 — lawyer review.',
      ),
  },
  {
    ground: 'security',
    ref: ref.admissibility,
    tests: 'militaryService',
    evaluate: (a) =>
      whenYes(
        a.militaryService,
        'Answered yes to military, police or intelligence service: a lawyer reviews it under IRPA ss. 34–35; service alone is not a finding.',
      ),
  },
  {
    ground: 'human-rights',
    ref: ref.admissibility,
    tests: 'governmentPosition',
    evaluate: (a) =>
      whenYes(
        a.governmentPosition,
        'Answered yes to a government position: senior officials of designated regimes may be inadmissible, IRPA s. 35 — lawyer review, not a finding.',
      ),
  },
  {
    ground: 'human-rights',
    ref: ref.admissibility,
    tests: 'illTreatment',
    evaluate: (a) =>
      whenYes(
        a.illTreatment,
        'Answered yes to ill-treatment of prisoners or civilians: human or international rights violations, IRPA s. 35 — lawyer review.',
      ),
  },
  {
    ground: 'criminality',
    ref: refs(ref.admissibility, ref.flags),
    tests: 'criminalHistory',
    evaluate: (a) =>
      whenYes(
        a.criminalHistory,
        'Answered yes to criminal history: criminality or serious criminality, IRPA s. 36 — the lawyer needs the date each sentence was completed (rehabilitation or a temporary resident permit).',
      ),
  },
  {
    ground: 'criminality',
    ref: refs(ref.admissibility, ref.flags),
    tests: 'impairedDriving, impairedDrivingSince2018',
    evaluate(a) {
      if (a.impairedDriving !== true) return undefined;
      if (a.impairedDrivingSince2018 === true) {
        return {
          serious: true,
          note: 'Impaired driving on or after Dec 18, 2018: serious criminality, IRPA s. 36(1); deemed rehabilitation no longer applies.',
        };
      }
      if (a.impairedDrivingSince2018 === false) {
        return {
          serious: false,
          note: 'Impaired driving before Dec 18, 2018: pre-2018 convictions may follow the old rules (deemed rehabilitation) — to confirm; IRPA s. 36.',
        };
      }
      return {
        note: 'Impaired driving, date not given: on or after Dec 18, 2018 it is serious criminality, IRPA s. 36(1) — date to confirm.',
      };
    },
  },
  {
    ground: 'organized-criminality',
    ref: ref.admissibility,
    tests: 'organizedCrime',
    evaluate: (a) =>
      whenYes(
        a.organizedCrime,
        'Answered yes to organized crime: organized criminality, IRPA s. 37 — lawyer review.',
      ),
  },
  {
    ground: 'health',
    ref: ref.admissibility,
    tests: 'medicalCondition',
    evaluate: (a) =>
      whenYes(
        a.medicalCondition,
        'Answered yes to a medical condition: health grounds, IRPA s. 38 (danger to public health or safety, or excessive demand) — lawyer review.',
      ),
  },
  {
    ground: 'misrepresentation',
    ref: refs(ref.admissibility, ref.flags),
    tests: 'refusalDeclared (after a refusal or an overstay)',
    evaluate(a) {
      if (a.previousRefusal !== true && a.overstay !== true) return undefined;
      if (a.refusalDeclared === 'no') {
        return {
          note: 'A refusal or overstay was not declared on an earlier Canadian application: possible misrepresentation, IRPA s. 40 (5-year bar).',
        };
      }
      if (a.refusalDeclared === 'notSure') {
        return {
          note: 'Not sure whether a refusal or overstay was declared on an earlier Canadian application: misrepresentation risk, IRPA s. 40 — to confirm against the earlier file.',
        };
      }
      return undefined;
    },
  },
  {
    ground: 'previous-refusal',
    ref: refs(ref.admissibility, ref.flags),
    tests: 'previousRefusal',
    evaluate: (a) =>
      whenYes(
        a.previousRefusal,
        'Answered yes to an earlier refusal, denied entry or removal (Canada or any other country): it must be declared on every application; leaving it out risks misrepresentation, IRPA s. 40.',
      ),
  },
  {
    ground: 'non-compliance',
    ref: ref.admissibility,
    tests: 'overstay',
    evaluate: (a) =>
      whenYes(
        a.overstay,
        'Answered yes to an overstay or unauthorized work or study: non-compliance, IRPA s. 41.',
      ),
  },
  {
    ground: 'medical-exam',
    ref: ref.admissibility,
    tests: "the job's sector (health services, child care, primary or secondary teaching)",
    evaluate(_a, f) {
      const sector = sectorOf(f.offer);
      if (sector === undefined || !publicHealthSectors.has(sector)) return undefined;
      return {
        note: `Job in ${sectorLabels[sector]}: public-health jobs need an immigration medical exam (IRPA s. 38).`,
      };
    },
  },
  {
    ground: 'medical-exam',
    ref: ref.admissibility,
    tests: 'designatedCountryStay',
    evaluate(a, f) {
      if (a.designatedCountryStay !== true) return undefined;
      const agriculture =
        sectorOf(f.offer) === 'agriculture'
          ? ' Agricultural work after living in a designated country needs one too.'
          : '';
      return {
        note: `Answered yes to 6+ consecutive months in another country in the past year: a stay over 6 months needs a medical exam if that country is designated — the lawyer checks the list.${agriculture}`,
      };
    },
  },
];

/** One flag per ground: notes of the rules behind it are joined; serious if any of them is. */
export function screenAdmissibility(
  answers: Answers,
  facts: Facts,
): { flags: Flag[]; needsLawyerReview: boolean } {
  const byGround = new Map<AdmissibilityGround, { notes: string[]; serious: (boolean | undefined)[] }>();
  for (const rule of admissibilityRules) {
    const found = rule.evaluate(answers, facts);
    if (!found) continue;
    const entry = byGround.get(rule.ground) ?? { notes: [], serious: [] };
    entry.notes.push(found.note);
    entry.serious.push(found.serious);
    byGround.set(rule.ground, entry);
  }
  const flags = [...byGround].map(([ground, { notes, serious }]): Flag => {
    // Serious when any rule says so; not serious only when every rule knows it is not.
    const isSerious = serious.includes(true)
      ? true
      : serious.every((value) => value === false)
        ? false
        : undefined;
    return { ground, ...(isSerious === undefined ? {} : { serious: isSerious }), note: notes.join(' ') };
  });
  return { flags, needsLawyerReview: flags.length > 0 };
}
