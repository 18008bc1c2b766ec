import { isEconomicPrProgram } from '../intake/answer-facts';
import { CEC_MIN_MONTHS } from '../intake/thresholds';
import { Assessment } from './assessment';
import { isProfessionalTeer, isSkilledTeer, sectorOf, type Facts, type Province } from './facts';
import { statusSituation } from './status';
import { count, educationLabels, provinceNames } from './labels';
import { checkLanguage } from './language';
import type { Pathway } from './lead-schema';
import { ref, refs } from './reference';
import { prProgramLabels } from './streams/bridging';

/** Rules for a first view of the pathways to permanent residence (§4), read like the stream rules. */
export interface PathwayRule {
  program: Pathway['program'];
  /** The program's stream, when the rule is about one. */
  stream?: string;
  ref: string;
  /** The facts the rule tests, in a line. */
  tests: string;
  evaluate(facts: Facts): Assessment | undefined;
  /** For rules whose stream depends on the answers (the province of another PNP). */
  streamOf?(facts: Facts): string;
}

const BC_MIN_YEARS_EXPERIENCE = 2;

const aimsAtPermanentResidence = (f: Facts) => f.goalType !== 'temporary';

/** What will give the prospect skilled Canadian work: a PGWP, a skilled offer, or a work permit held now. */
function routeToCanadianWork(f: Facts): string | undefined {
  if (f.graduation && f.graduation.programLength !== 'under8Months')
    return f.graduation.hadPgwp
      ? 'holds or held a PGWP'
      : 'Canadian graduate: a PGWP gives the skilled work CEC needs';
  const offerTeer = f.offer?.teer;
  if (f.offer && isSkilledTeer(offerTeer) && f.offer.province !== 'QC')
    return `skilled job offer in Canada (TEER ${offerTeer})`;
  if (f.inCanada && f.currentStatus === 'worker') {
    const status = statusSituation(f);
    if (status?.kind === 'lost' && status.passed)
      return `held a work permit in Canada; status lost${status.lostOn === undefined ? '' : ` on ${status.lostOn}`} and the restoration period has passed: no work counts while out of status`;
    if (status?.kind === 'lost')
      return status.cause === 'refused'
        ? 'held a work permit in Canada; the extension was refused: no work counts until status is restored'
        : `held a work permit in Canada, expired on ${status.expiry}: no work counts until status is restored`;
    if (status?.kind === 'unclear')
      return `held a work permit in Canada, expired on ${status.expiry}: maintained status or restoration to confirm`;
    return 'works in Canada on a work permit';
  }
  return undefined;
}
const plansQuebec = (f: Facts) => f.goalProvince === 'QC';

const cec: PathwayRule = {
  program: 'CEC',
  ref: refs(ref.pathways, ref.language, ref.flags, ref.dec2026),
  tests: `${CEC_MIN_MONTHS}+ months of paid skilled (TEER 0–3) work in Canada in the last 3 years, not self-employed or as a full-time student; CLB 7 (TEER 0/1) or CLB 5 (TEER 2/3); living outside Quebec`,
  evaluate(f) {
    if (f.isEmployer) return undefined;
    const work = f.canadianWork;
    const months = work.months ?? 0;
    const check = new Assessment();
    if (plansQuebec(f))
      check.failed('plans to live in Quebec: CEC applicants must plan to live outside Quebec');
    const status = statusSituation(f);
    if (f.inCanada && status?.kind === 'lost') {
      const lost = `lost ${status.lostOn === undefined ? 'on the refusal' : `on ${status.lostOn}`}`;
      // Past the 90 days restoration is closed: there is nothing to restore first (§10).
      check.unknown(
        status.passed
          ? `out of status (${lost}) and the 90-day restoration period has passed: staying in Canada without status is non-compliance (IRPA s. 41); the lawyer checks before a PR application`
          : `status restored first (${lost}): staying in Canada without status is non-compliance (IRPA s. 41); the lawyer checks before a PR application`,
      );
    }
    if (months < CEC_MIN_MONTHS) {
      // The standard route after a PGWP or a skilled permit: shown as a pathway to build toward (§9).
      const route = routeToCanadianWork(f);
      if (route === undefined) {
        if (months === 0 && !aimsAtPermanentResidence(f)) return undefined;
        return check.failed(
          months === 0
            ? `no skilled work in Canada yet: CEC needs ${CEC_MIN_MONTHS} months of TEER 0–3 work in the last 3 years`
            : `${months} months of work in Canada: ${CEC_MIN_MONTHS} are needed (${CEC_MIN_MONTHS - months} more)`,
        );
      }
      check.met(route);
      check.unknown(
        `${CEC_MIN_MONTHS} months of skilled (TEER 0–3) work in Canada (${months === 0 ? 'none yet' : `${months} so far`}): CEC opens after a year of skilled work on the permit`,
      );
      checkLanguage(check, f.language, {
        minimum: 5,
        purpose: 'at least for CEC (CLB 7 for TEER 0/1 work)',
        hard: false,
      });
      return check;
    }
    check.met(
      `${months} months of work in Canada in the last 3 years (${CEC_MIN_MONTHS} of skilled work needed)`,
    );
    // A filed economic PR application: CEC is not weighed as a route of its own (not asked).
    const filed = f.prApplication?.program;
    if (isEconomicPrProgram(filed))
      return check.unknown(
        filed === 'cec'
          ? 'applied for PR under CEC, file pending: its CEC eligibility (TEER 0–3 work, not self-employed or as a full-time student, language) is for the lawyer to review with the file'
          : `a PR application is already filed under ${prProgramLabels[filed]}: CEC as a fallback (TEER 0–3 work, not self-employed or as a full-time student, language) — for the lawyer, not asked`,
      );
    if (isSkilledTeer(work.teer)) check.met(`Canadian work in TEER ${work.teer}`);
    else if (work.teer !== undefined)
      check.failed(`Canadian work in TEER ${work.teer}: only TEER 0–3 work counts`);
    else check.unknown('the TEER of the Canadian work (TEER 0–3 counts)');
    if (work.whileStudying === true) {
      check.unknown(
        'months worked outside full-time study: work as a full-time student (co-op included) does not count',
      );
    } else if (work.whileStudying === false) check.met('the work was not done as a full-time student');
    if (f.selfEmployed === true)
      check.unknown('months worked as an employee: self-employment does not count');
    if (isProfessionalTeer(work.teer)) {
      checkLanguage(check, f.language, { minimum: 7, purpose: 'for CEC with TEER 0/1 work', hard: true });
    } else if (work.teer === 2 || work.teer === 3) {
      checkLanguage(check, f.language, { minimum: 5, purpose: 'for CEC with TEER 2/3 work', hard: true });
    } else {
      checkLanguage(check, f.language, {
        minimum: 5,
        purpose: 'at least for CEC (CLB 7 for TEER 0/1 work)',
        hard: true,
      });
    }
    if (f.offer)
      check.confirm(
        'Express Entry job-offer points were removed Mar 25, 2025; a return is reported — to confirm',
      );
    return check;
  },
};

const fsw: PathwayRule = {
  program: 'FSW',
  ref: refs(ref.pathways, ref.language),
  tests:
    '1 year of continuous skilled work in the last 10 years, CLB 7, education (with an assessment), 67 points, funds',
  evaluate(f) {
    if (f.isEmployer || !aimsAtPermanentResidence(f)) return undefined;
    const check = new Assessment();
    if (plansQuebec(f)) check.failed('plans to live in Quebec: Quebec selects its own skilled workers');
    const years = f.yearsExperience;
    if (years === undefined)
      check.unknown('years of skilled work experience (1 year of continuous skilled work in the last 10)');
    else if (years >= 1) {
      check
        .met(
          `${count(years, 'year')} of work experience (1 year of continuous skilled work in the last 10 needed)`,
        )
        .confirm('the experience is skilled (TEER 0–3), continuous and within the last 10 years');
    } else
      check.failed('no work experience: FSW needs 1 year of continuous skilled work in the last 10 years');
    checkLanguage(check, f.language, { minimum: 7, purpose: 'for FSW', hard: true });
    if (f.graduation) check.met('Canadian credential: no credential assessment needed for it');
    else if (f.educationLevel) {
      check
        .met(`education: ${educationLabels[f.educationLevel]}`)
        .unknown('an educational credential assessment (ECA) for foreign education');
    } else check.unknown('education, with an educational credential assessment (ECA) if it is foreign');
    return check
      .unknown('67 points on the selection grid and proof of funds')
      .confirm('FSW criteria are not verified in the reference — to confirm');
  },
};

/**
 * BC PNP Skills Immigration applies when BC is the goal, or the offer is in BC and no other goal is
 * given, unless a nomination is already held.
 */
function targetsBc(f: Facts): boolean {
  // A nominee (or a PR applicant as one) is past a new BC PNP application: T13 and the filed file are the lawyer's.
  if (f.goalType === 'temporary' || f.nomination !== undefined) return false;
  if (f.goalProvince === 'BC') return true;
  return f.offer?.province === 'BC' && (f.goalProvince === undefined || f.goalProvince === 'undecided');
}

const hasBcOffer = (f: Facts) => f.offer?.province === 'BC';

/** The International Graduate streams are closed: never suggested as open, and graduates are told so. */
function noteClosedGraduateStreams(check: Assessment, f: Facts): Assessment {
  if (f.graduation) {
    check.note(
      'Canadian graduate: the BC PNP International Graduate (closed Nov 26, 2024) and International Post-Graduate (closed Jan 7, 2025) streams are closed, the planned degree streams are suspended (Apr 14, 2025), and BC reported dropping the graduate streams in 2026 (to confirm on the BC PNP site)',
    );
  }
  return check;
}

/**
 * BC PNP 2026 (§10 [U]): BC reported dropping Entry Level and Semi-Skilled, the tech draws and the
 * graduate streams for priority sectors (care, build, innovate). Until the BC PNP site confirms it,
 * those routes are shown closed or "to confirm", never open.
 */
const bc2026Priorities =
  'BC reported moving to priority sectors (care, build, innovate) in 2026, with a share of nominations outside Metro Vancouver, and ending the tech draws — to confirm on the BC PNP site';
const entryLevelClosed =
  'BC reported dropping the Entry Level and Semi-Skilled stream in 2026 (to confirm on the BC PNP site): not open to new applicants';

/** §9: without evidence of a targeted draw, a Skills Immigration route is at most possible. */
const bcDrawsTargeted =
  'an invitation: 2025–26 Skills Immigration draws are few and targeted (priority occupations, wage thresholds) — to confirm';

const bcAllocation =
  'an invitation in a BC PNP draw: the 2025 allocation was cut to 4,000; 2026 reported at ~10,000 or 12,500 — to confirm';

function checkIndeterminateFullTime(check: Assessment, f: Facts, stream: string): void {
  const offer = f.offer;
  if (offer?.permanent === true) check.met('indeterminate (permanent) offer');
  else if (offer?.permanent === false)
    check.failed(`the offer is not indeterminate: ${stream} needs an indeterminate full-time offer`);
  else check.unknown('an indeterminate (permanent) offer');
  if (offer?.fullTime === true) check.met('full-time offer');
  else if (offer?.fullTime === false)
    check.failed(`the offer is not full-time: ${stream} needs a full-time offer`);
  else check.unknown('a full-time offer');
}

const bcWithoutOffer: PathwayRule = {
  program: 'BC-PNP',
  stream: 'Skills Immigration',
  ref: ref.pathways,
  tests: 'BC as the goal without a BC job offer',
  evaluate(f) {
    if (!targetsBc(f) || hasBcOffer(f)) return undefined;
    const check = new Assessment()
      .met('goal province: British Columbia')
      .failed('no BC job offer: the Skills Immigration streams need one')
      .unknown('a BC job offer in TEER 0–3 for Skilled Worker')
      .note(
        'Entry Level and Semi-Skilled (TEER 4/5 jobs) was reported dropped in 2026 — to confirm on the BC PNP site',
      );
    return noteClosedGraduateStreams(check, f);
  },
};

const bcSkilledWorker: PathwayRule = {
  program: 'BC-PNP',
  stream: 'Skilled Worker',
  ref: refs(ref.pathways, ref.dec2026),
  tests: `an indeterminate full-time BC offer in TEER 0–3, ${BC_MIN_YEARS_EXPERIENCE}+ years of related experience, BC wage level, CLB 4 for TEER 2/3 (to confirm)`,
  evaluate(f) {
    const teer = f.offer?.teer;
    if (!targetsBc(f) || !hasBcOffer(f) || (teer !== undefined && !isSkilledTeer(teer))) return undefined;
    const check = new Assessment().met('job offer in British Columbia');
    if (teer === undefined) check.unknown("the job's TEER (0–3)");
    else check.met(`TEER ${teer} job`);
    checkIndeterminateFullTime(check, f, 'Skilled Worker');
    const years = f.yearsExperience;
    if (years === undefined) {
      check.unknown(
        `${BC_MIN_YEARS_EXPERIENCE}+ years of related experience${f.isEmployer ? ' (the worker)' : ''}`,
      );
    } else if (years >= BC_MIN_YEARS_EXPERIENCE)
      check.met(
        `${count(years, 'year')} of experience (${BC_MIN_YEARS_EXPERIENCE} of related experience needed)`,
      );
    else
      check.failed(
        `${count(years, 'year')} of experience: ${BC_MIN_YEARS_EXPERIENCE} years of related experience are needed`,
      );
    if (teer === 2 || teer === 3) {
      if (f.isEmployer)
        check.unknown("the worker's language level: CLB 4 for TEER 2/3 under earlier rules — to confirm");
      else
        checkLanguage(check, f.language, {
          minimum: 4,
          purpose: 'for TEER 2/3 under earlier rules — to confirm',
          hard: false,
        });
    }
    check
      .unknown(bcDrawsTargeted)
      .confirm('the wage meets the BC wage level for the occupation')
      .confirm(bcAllocation)
      .confirm(bc2026Priorities);
    return noteClosedGraduateStreams(check, f);
  },
};

const bcHealthAuthority: PathwayRule = {
  program: 'BC-PNP',
  stream: 'Health Authority',
  ref: refs(ref.pathways, ref.changes),
  tests: 'a BC job offer from a health authority in an eligible direct-care occupation',
  evaluate(f) {
    if (!targetsBc(f) || !hasBcOffer(f) || sectorOf(f.offer) !== 'health') return undefined;
    return new Assessment()
      .met('job offer in health services in British Columbia')
      .unknown(
        'the offer is from a BC health authority, in a direct-care occupation still eligible since Apr 14, 2025 — to confirm',
      );
  },
};

const bcEntryLevel: PathwayRule = {
  program: 'BC-PNP',
  stream: 'Entry Level and Semi-Skilled',
  ref: refs(ref.pathways, ref.dec2026),
  tests:
    'an indeterminate full-time BC offer in an eligible TEER 4/5 job, 9 consecutive months with the employer',
  evaluate(f) {
    const teer = f.offer?.teer;
    if (!targetsBc(f) || !hasBcOffer(f) || teer === undefined || isSkilledTeer(teer)) return undefined;
    // Reported closed in 2026 [U]: shown as not open, whatever the offer (§10).
    const check = new Assessment()
      .met(`TEER ${teer} job offer in British Columbia`)
      .failed(entryLevelClosed)
      .confirm(bc2026Priorities);
    return noteClosedGraduateStreams(check, f);
  },
};

/** BC PNP Entrepreneur Immigration (§9): figures believed for 2025–26 [U], checked in the BC PNP guide. */
const entrepreneurStreams = {
  base: {
    netWorth: '600kPlus',
    investment: '200kPlus',
    label: 'Base (net worth $600,000+, investment $200,000+, 1+ job)',
  },
  regional: {
    netWorth: '300kTo600k',
    investment: '100kTo200k',
    label: 'Regional (net worth $300,000+, investment $100,000+, 1+ job, in a smaller community)',
  },
} as const;

const netWorthRank = { under300k: 0, '300kTo600k': 1, '600kPlus': 2 } as const;
const investmentRank = { under100k: 0, '100kTo200k': 1, '200kPlus': 2 } as const;

const bcEntrepreneur: PathwayRule = {
  program: 'BC-PNP',
  stream: 'Entrepreneur Immigration',
  ref: refs(ref.pathways, ref.corrections),
  tests: 'a business owner aiming at BC: personal net worth, investment and jobs created (Base or Regional)',
  evaluate(f) {
    const business = f.business;
    if (!business || f.isEmployer || !aimsAtPermanentResidence(f)) return undefined;
    if (f.goalProvince !== undefined && f.goalProvince !== 'BC' && f.goalProvince !== 'undecided')
      return undefined;
    const check = new Assessment().met('business owner');
    const { netWorth, investment, jobs } = business;
    const base = entrepreneurStreams.base;
    const regional = entrepreneurStreams.regional;
    if (netWorth === undefined || investment === undefined)
      check.unknown('personal net worth and the planned investment');
    else if (
      netWorthRank[netWorth] >= netWorthRank[base.netWorth] &&
      investmentRank[investment] >= investmentRank[base.investment]
    )
      check.met(`net worth and investment meet the ${base.label} stream`);
    else if (
      netWorthRank[netWorth] >= netWorthRank[regional.netWorth] &&
      investmentRank[investment] >= investmentRank[regional.investment]
    )
      check.met(`net worth and investment meet the ${regional.label} stream`);
    else
      check.failed(
        'net worth or investment below the Regional stream minimums ($300,000 net worth, $100,000 investment)',
      );
    if (jobs === undefined) check.unknown('jobs the business will create for Canadians or PRs (at least 1)');
    else if (jobs >= 1) check.met(`${jobs} ${jobs === 1 ? 'job' : 'jobs'} to be created (at least 1)`);
    else check.failed('no jobs to be created: Entrepreneur Immigration needs at least 1 new full-time job');
    return check
      .unknown('the business plan, the registration score and an invitation')
      .confirm('Entrepreneur Immigration figures and intake for 2025–26 — to confirm in the BC PNP guide');
  },
};

/** The province another PNP would be in: the goal, or the offer's province when no goal is set. */
function otherProvince(f: Facts): Province | undefined {
  const goal = f.goalProvince;
  const province = goal === undefined || goal === 'undecided' ? f.offer?.province : goal;
  return province === 'BC' ? undefined : province;
}

const otherPnp: PathwayRule = {
  program: 'other-PNP',
  ref: ref.pathways,
  tests: 'a goal (or job offer) in a province other than BC',
  streamOf: (f) => provinceNames[otherProvince(f) ?? 'undecided'],
  evaluate(f) {
    const province = otherProvince(f);
    if (province === undefined) return undefined;
    const name = provinceNames[province];
    const check = new Assessment().met(`target province: ${name}`);
    if (province === 'QC')
      return check.unknown('Quebec selects its own immigrants (not a PNP): its programs — to confirm');
    return check.unknown(`${name}'s current nominee streams and intake — to confirm`);
  },
};

export const pathwayRules: readonly PathwayRule[] = [
  cec,
  bcSkilledWorker,
  bcHealthAuthority,
  bcEntryLevel,
  bcWithoutOffer,
  bcEntrepreneur,
  fsw,
  otherPnp,
];

export function screenPathways(facts: Facts): Pathway[] {
  return pathwayRules.flatMap((rule) => {
    const assessment = rule.evaluate(facts);
    if (!assessment) return [];
    const { fit, reasons, missing, unmet } = assessment.outcome();
    const stream = rule.streamOf?.(facts) ?? rule.stream;
    return [
      { program: rule.program, ...(stream === undefined ? {} : { stream }), fit, reasons, missing, unmet },
    ];
  });
}
