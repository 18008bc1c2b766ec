import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import type { AnswerOf } from '../../intake/steps';
import { SPOUSE_MIN_MONTHS_LEFT } from '../../intake/thresholds';
import { englishCountryName } from '../countries';
import { isProfessionalTeer, type Facts } from '../facts';
import { insideCanadaApplication, lostStatusRequirement } from '../status';
import { cetaCountries, cptppCountries, cuktcaCountries } from './fta';
import type { StreamRule } from './rule';

/**
 * Family open permits: spouses of skilled workers (C41/C46) and of students (C42) under the
 * Jan 21, 2025 limits (§7), family of PR-bound principals (C46–C49) and sponsored spouses in
 * Canada (A74) (§9). The 16-month threshold is the intake's: it decides whether the PR question is asked.
 */

export const spouseProgramLabels: Record<AnswerOf<'spouseProgram'>, string> = {
  doctoral: 'a doctoral program',
  masters16: "a master's program of 16 months or more",
  mastersShort: "a master's program shorter than 16 months",
  professional: 'a professional program',
  bachelor: "a bachelor's program",
  college: 'a college program',
  other: 'another program',
};

/**
 * A visitor in Canada whom IRPR s. 199 or a public policy lets apply inside is told so on the
 * stream that rests on it (§10), unless the stream already fails; nobody is told where to apply
 * beyond what the facts allow.
 */
function whereToApply(check: Assessment, f: Facts): Assessment {
  const inside = insideCanadaApplication(f);
  // A visitor out of status applies in Canada only while status can be restored (§10).
  const lost = inside === undefined ? undefined : lostStatusRequirement(f);
  if (lost)
    check.unknown(
      lost.closed ? `${lost.text}: nothing left to restore — where to apply, lawyer review` : lost.text,
    );
  return inside?.may === 'yes' && !check.hasFailed
    ? check.note(`may apply from inside Canada as a ${inside.basis}`)
    : check;
}

export const c41c46: StreamRule = {
  code: 'C41/C46',
  name: 'Spouse or partner of a skilled worker (open permit)',
  ref: refs(ref.streams, ref.changes, ref.flags),
  openPermit: true,
  tests: `the working spouse's TEER (0/1, or a listed TEER 2/3 job) and at least ${SPOUSE_MIN_MONTHS_LEFT} months left on their permit`,
  evaluate(f) {
    const spouse = f.spouse;
    if (spouse?.status !== 'worker') return undefined;
    // Family of PR-bound principals are not under the Jan 21, 2025 limits: their own rule below.
    if (spouse.prBound === 'prApplied' || spouse.prBound === 'nominated') return undefined;
    const check = new Assessment().met('spouse or partner works in Canada');
    const teer = spouse.teer;
    if (isProfessionalTeer(teer)) check.met(`spouse's job is TEER ${teer}`);
    else if (teer === 2 || teer === 3) {
      check
        .met(`spouse's job is TEER ${teer}`)
        .unknown(
          `the spouse's TEER ${teer} occupation is on the eligible list (sciences, health, trades and transport, natural resources) — to confirm`,
        );
    } else if (teer !== undefined) {
      check.failed(
        `spouse's job is TEER ${teer}: since Jan 21, 2025 only TEER 0/1 or listed TEER 2/3 jobs qualify (for principals not moving to PR)`,
      );
    } else check.unknown("the spouse's TEER: 0/1, or a listed TEER 2/3 occupation");
    const months = spouse.monthsLeft;
    if (months === undefined)
      check.unknown(`months left on the spouse's permit (at least ${SPOUSE_MIN_MONTHS_LEFT})`);
    else if (months >= SPOUSE_MIN_MONTHS_LEFT)
      check.met(`${months} months left on the spouse's permit (at least ${SPOUSE_MIN_MONTHS_LEFT} needed)`);
    else
      check.failed(
        `${months} months left on the spouse's permit: at least ${SPOUSE_MIN_MONTHS_LEFT} are needed (for principals not moving to PR)`,
      );
    if (check.hasFailed && spouse.prBound === 'notSure')
      check.unknown(
        'whether the spouse has applied for PR or holds a provincial nomination: family of PR-bound principals have their own codes (C46–C49 family) — to confirm',
      );
    if (f.familyComing)
      check.note('dependent children are no longer eligible under this stream (Jan 21, 2025)');
    return whereToApply(check, f)
      .note(
        'spouses under free-trade agreements (CETA/CUKTCA T45 for transferees, CPTPP T53, Colombia/Korea T25) are not bound by these limits',
      )
      .confirm('proof of the relationship');
  },
};

export const c42: StreamRule = {
  code: 'C42',
  name: 'Spouse or partner of a student (open permit)',
  ref: refs(ref.streams, ref.changes),
  openPermit: true,
  tests: "the student spouse's program: doctoral, master's of 16+ months, or certain professional programs",
  evaluate(f) {
    const spouse = f.spouse;
    if (spouse?.status !== 'student') return undefined;
    const check = new Assessment().met('spouse or partner studies in Canada');
    const program = spouse.program;
    if (program === undefined)
      check.unknown(
        "the spouse's program: doctoral, master's of 16+ months or certain professional programs",
      );
    else if (program === 'doctoral' || program === 'masters16')
      check.met(`spouse is in ${spouseProgramLabels[program]}`);
    else if (program === 'professional') {
      check
        .met(`spouse is in ${spouseProgramLabels[program]}`)
        .unknown('the program is one of the eligible professional programs — to confirm');
    } else {
      check.failed(
        `spouse is in ${spouseProgramLabels[program]}: since Jan 21, 2025 only doctoral, master's of 16+ months or certain professional programs qualify`,
      );
    }
    return whereToApply(check, f).confirm("proof of the relationship and the spouse's study permit");
  },
};

export const prBoundFamily: StreamRule = {
  code: 'C46–C49',
  name: 'Spouse or partner of a worker moving to PR (open permit)',
  ref: refs(ref.streams, ref.corrections),
  openPermit: true,
  tests:
    'the working spouse has applied for PR or holds a provincial nomination (family of PR-bound principals)',
  evaluate(f) {
    const spouse = f.spouse;
    if (spouse?.status !== 'worker' || (spouse.prBound !== 'prApplied' && spouse.prBound !== 'nominated'))
      return undefined;
    return whereToApply(new Assessment(), f)
      .met('spouse or partner works in Canada')
      .met(
        spouse.prBound === 'prApplied'
          ? 'the spouse has applied for permanent residence'
          : 'the spouse holds a provincial nomination',
      )
      .met('the Jan 21, 2025 TEER and 16-month limits apply to principals not moving to PR')
      .unknown(
        "the spouse's PR file passed the completeness check (or the nomination is valid) and their work permit is valid",
      )
      .confirm('the current code for this family member (C46–C49, Jan 30, 2023 update) — to confirm')
      .confirm('proof of the relationship');
  },
};

export const a74: StreamRule = {
  code: 'A74',
  name: 'Spouse or partner of a citizen or PR, sponsored in Canada (open permit)',
  ref: refs(ref.streams, ref.corrections),
  openPermit: true,
  tests:
    'in Canada, spouse or partner of a Canadian citizen or PR, sponsorship filed in the Spouse or Common-law Partner in Canada class, living with the sponsor',
  evaluate(f) {
    const spouse = f.spouse;
    if (spouse?.status !== 'citizenOrPr') return undefined;
    const check = new Assessment().met('spouse or partner is a Canadian citizen or permanent resident');
    if (!f.inCanada) {
      return check.failed(
        'outside Canada: A74 is for spouses in Canada; from abroad the route is family-class sponsorship',
      );
    }
    check.met('in Canada');
    // A74 needs valid, maintained or restorable status (§10).
    const lost = lostStatusRequirement(f);
    if (lost?.closed) check.failed(`${lost.text}: A74 needs valid, maintained or restorable status`);
    if (spouse.sponsorshipFiled === true) check.met('a spousal sponsorship has been filed');
    else if (spouse.sponsorshipFiled === false)
      check.unknown(
        'a sponsorship filed in the Spouse or Common-law Partner in Canada class: the open permit is applied for with or after it',
      );
    else check.unknown('whether a spousal sponsorship has been filed');
    if (spouse.livingTogether === true) check.met('lives with the sponsor');
    else if (spouse.livingTogether === false)
      check.failed('does not live with the sponsor: the in-Canada class needs the couple to live together');
    else if (spouse.sponsorshipFiled === true) check.unknown('whether the couple lives together');
    return whereToApply(check, f).confirm(
      'the sponsorship is in the Spouse or Common-law Partner in Canada class, and the applicant has or had temporary status — to confirm',
    );
  },
};

// ——— Free-trade spouse codes (§10): open permits not bound by C41's TEER and 16-month limits ———

interface FtaSpouseSpec {
  code: string;
  name: string;
  agreement: string;
  citizens: ReadonlySet<string>;
  /** What the principal must be doing in Canada under the agreement. */
  principal: string;
  codeCheck: string;
}

function ftaSpouseRule(spec: FtaSpouseSpec): StreamRule {
  return {
    code: spec.code,
    name: spec.name,
    ref: refs(ref.dec2026),
    tests: `the working spouse is a citizen of a ${spec.agreement} party and works in Canada under it`,
    openPermit: true,
    evaluate(f, a) {
      const citizenship = a.spouseCitizenship;
      if (f.spouse?.status !== 'worker' || citizenship === undefined || !spec.citizens.has(citizenship))
        return undefined;
      return new Assessment()
        .met('spouse or partner works in Canada')
        .met(`the spouse is a citizen of ${englishCountryName(citizenship)} (${spec.agreement})`)
        .unknown(spec.principal)
        .note("not bound by C41's Jan 21, 2025 TEER and 16-month limits")
        .confirm(spec.codeCheck)
        .confirm('proof of the relationship');
    },
  };
}

const union = (...sets: ReadonlySet<string>[]) => new Set(sets.flatMap((set) => [...set]));

export const ftaSpouseRules: StreamRule[] = [
  ftaSpouseRule({
    code: 'T45',
    name: 'Spouse of a CETA or CUKTCA intra-company transferee (open permit)',
    agreement: 'CETA or CUKTCA',
    citizens: union(cetaCountries.citizens, cuktcaCountries.citizens),
    principal:
      'the spouse is in Canada as an intra-company transferee under CETA or CUKTCA (there is no CETA spouse code for professionals or contractual service suppliers)',
    codeCheck:
      'code T45 (codes changed Dec 15, 2022); for a UK transferee, with the CUKTCA program code — to confirm',
  }),
  ftaSpouseRule({
    code: 'T53',
    name: 'Spouse of a CPTPP worker (open permit)',
    agreement: 'CPTPP',
    citizens: cptppCountries.citizens,
    principal:
      "the spouse works in Canada under CPTPP, and the party of the spouse's citizenship has a commitment for spouses — to confirm",
    codeCheck: 'code T53 (codes changed Dec 15, 2022) — to confirm',
  }),
  ftaSpouseRule({
    code: 'T25',
    name: 'Spouse of a Colombia or Korea FTA worker (open permit)',
    agreement: 'Canada–Colombia or Canada–Korea FTA',
    citizens: new Set(['CO', 'KR']),
    principal: 'the spouse works in Canada under the Canada–Colombia or Canada–Korea FTA — to confirm',
    codeCheck: 'code T25 (codes changed Dec 15, 2022) — to confirm',
  }),
];
