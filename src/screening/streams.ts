import { SPOUSE_MIN_MONTHS_LEFT } from '../intake/thresholds';
import { Assessment } from './assessment';
import { cusmaProfessionOf, type CusmaProfession } from '../intake/cusma-professions';
import {
  cusmaCountries,
  englishCountryName,
  iecPartner,
  iecPartners,
  otherFtaProfessionals,
} from './countries';
import {
  citizenOf,
  daysBetween,
  isCetaCitizen,
  isCptppCitizen,
  isCptppProfessionalCitizen,
  isUkCitizen,
  isProfessionalTeer,
  isUsOrMexicoCitizen,
  personOf,
  PGWP_WINDOW_DAYS,
  pgwpWindowClosesOn,
  type Facts,
  type RoleLevel,
} from './facts';
import {
  benefitLabels,
  count,
  educationLabels,
  prProgramLabels,
  provinceNames,
  roleLevelLabels,
  spouseProgramLabels,
  statusLabels,
} from './labels';
import { checkLanguage } from './language';
import type { Stream } from './lead-schema';
import { ref, refs } from './reference';

/**
 * LMIA-exempt stream rules. Each names the facts it tests and the reference section it rests on,
 * and returns an Assessment — or nothing when the prospect is not a candidate at all. A rule
 * returns a failing assessment (→ unlikely) only where the prospect seems to aim at the stream and
 * staff should see why it does not fit (e.g. a US permanent resident with a professional offer).
 */
export interface StreamRule {
  code: string;
  name: string;
  ref: string;
  /** The facts the rule tests, in a line. */
  tests: string;
  evaluate(facts: Facts): Assessment | undefined;
}

/** About 10 years of experience is the typical evidence of a significant benefit (§2). */
const SIGNIFICANT_BENEFIT_YEARS = 10;
const MIN_OWNERSHIP_PERCENT = 50;
const MIN_GROUP_MONTHS = 12;
const FRANCOPHONE_MIN_NCLC = 5;
/** A bridging permit is sought as the work permit nears its end; the exact timing is unconfirmed. */
const BRIDGING_EXPIRY_DAYS = 120;
/** Prospects a few years past the IEC bands are shown why it fails; older ones are not aiming at it. */
const IEC_NEAR_MISS_YEARS = 5;

function jobTeerReason(teer: number): string {
  return `professional-level job offer (TEER ${teer})`;
}

function degreeReason(f: Facts): string {
  return f.educationLevel ? educationLabels[f.educationLevel] : 'degree';
}

// ——— Significant benefit and entrepreneurs (R205(a)) ———

function significantBenefit(check: Assessment): Assessment {
  return check
    .discretionary()
    .unknown(
      'evidence of significant economic, social or cultural benefit: awards, expert letters, publications, jobs or training created',
    )
    .unknown('why no other exemption code fits (C10 is not an LMIA shortcut)')
    .confirm(
      'Feb 24, 2026 guidance: unique or exceptional cases only, with a benefit reaching the community or region — to confirm',
    );
}

const c10: StreamRule = {
  code: 'C10',
  name: 'Significant benefit',
  ref: refs(ref.streams, ref.changes),
  tests: "the employer's stated benefit, or a TEER 0/1 offer to a worker with about 10 years of experience",
  evaluate(f) {
    if (f.isEmployer) {
      const benefit = f.employer?.benefit;
      if (benefit === undefined || benefit === 'notSure') return undefined;
      return significantBenefit(new Assessment().met(`the employer expects ${benefitLabels[benefit]}`));
    }
    const teer = f.offer?.teer;
    if (
      !isProfessionalTeer(teer) ||
      f.yearsExperience === undefined ||
      f.yearsExperience < SIGNIFICANT_BENEFIT_YEARS
    )
      return undefined;
    // Experience alone is not evidence of a benefit: staff consider C10, but it does not count as evident.
    return significantBenefit(
      new Assessment()
        .openQuestion()
        .met(
          `${count(f.yearsExperience, 'year')} of experience (about ${SIGNIFICANT_BENEFIT_YEARS} is typical evidence)`,
        )
        .met(jobTeerReason(teer)),
    );
  },
};

const c11: StreamRule = {
  code: 'C11',
  name: 'Entrepreneur or self-employed',
  ref: refs(ref.streams, ref.changes),
  tests: `owns the business, controlling at least ${MIN_OWNERSHIP_PERCENT}%`,
  evaluate(f) {
    if (!f.business) return undefined;
    const check = new Assessment().discretionary();
    const percent = f.business.ownershipPercent;
    if (percent === undefined)
      check.unknown(`the ownership percentage (at least ${MIN_OWNERSHIP_PERCENT}% needed)`);
    else if (percent >= MIN_OWNERSHIP_PERCENT) {
      check.met(`owns ${percent}% of the business (at least ${MIN_OWNERSHIP_PERCENT}% needed)`);
    } else
      check.failed(
        `owns ${percent}% of the business: C11 needs control of at least ${MIN_OWNERSHIP_PERCENT}%`,
      );
    return check
      .unknown('a viable business plan and steps taken: funds, premises, staffing')
      .unknown('the significant benefit of the business to Canada')
      .confirm('tightening reported May 27, 2025 — to confirm')
      .note('self-employment does not count toward CEC (§4)');
  },
};

// ——— Intra-company transferees (C12, C63 and the free-trade ICTs) ———

interface IctSpec {
  code: string;
  name: string;
  levels: readonly RoleLevel[];
  agreement?: { name: string; isCitizen: (f: Facts) => boolean };
  /** The start-up code (C61): only for a new Canadian entity; the others only for an established one. */
  newEntity?: boolean;
  /** The rule that tells staff why a role level of "other" does not qualify (one is enough). */
  explainsOtherLevel?: boolean;
  confirm: string[];
}

const revenueRule = 'the multinational already earns revenue in 2 or more countries (Oct 3, 2024 guidance)';

function ictRule(spec: IctSpec): StreamRule {
  const levels = spec.levels.map((level) => roleLevelLabels[level]).join(', ');
  return {
    code: spec.code,
    name: spec.name,
    ref: refs(ref.streams, ref.changes, ref.flags, ref.corrections),
    tests: `same corporate group (parent, subsidiary, branch or affiliate), at least ${MIN_GROUP_MONTHS} months of continuous full-time work in the last 3 years, role: ${levels}${spec.agreement ? `, ${spec.agreement.name} citizenship` : ''}${spec.newEntity === undefined ? '' : spec.newEntity ? ', a new Canadian entity' : ', an established Canadian entity'}, revenue in 2+ countries`,
    evaluate(f) {
      const { group } = f;
      if (group.isSameGroup !== true) return undefined;
      if (spec.agreement && !spec.agreement.isCitizen(f)) return undefined;
      if (spec.newEntity === true && group.newEntity !== true) return undefined;
      if (spec.newEntity === false && group.newEntity === true) return undefined;
      const level = group.level;
      const levelFits = level !== undefined && spec.levels.includes(level);
      if (level !== undefined && !levelFits && !(level === 'other' && spec.explainsOtherLevel))
        return undefined;

      const check = new Assessment();
      if (spec.agreement) check.met(`${citizenOf(f)} (${spec.agreement.name})`);
      if (group.relation === 'sameGroupEmployee') {
        check
          .met('the worker is an employee of the same corporate group')
          .confirm(
            'the Canadian company is a parent, subsidiary, branch or affiliate of the current employer',
          );
      } else {
        check.met(`corporate relationship with the current employer: ${group.relation ?? 'same group'}`);
      }
      const months = group.months;
      if (months === undefined) {
        check.unknown(
          `months of continuous full-time work with the group in the last 3 years (at least ${MIN_GROUP_MONTHS})`,
        );
      } else if (months >= MIN_GROUP_MONTHS) {
        check.met(
          `${months} months of continuous full-time work with the group (at least ${MIN_GROUP_MONTHS} in the last 3 years)`,
        );
      } else {
        check.failed(
          `${months} months of continuous full-time work with the group: at least ${MIN_GROUP_MONTHS} in the last 3 years are needed (part-time does not add up)`,
        );
      }
      if (level === undefined) check.unknown(`the role level: ${levels}`);
      else if (levelFits) check.met(`role: ${roleLevelLabels[level]}`);
      else {
        check.failed(
          'role level given as "other": a transfer needs an executive or senior manager (C62) or specialized-knowledge (C63) role',
        );
      }
      if (spec.newEntity === true) check.met('the Canadian entity is new: start-up rules apply');
      else if (spec.newEntity === false && group.newEntity === undefined)
        check.unknown('whether the Canadian entity is new (a new office is the start-up code C61)');
      if (group.revenueInTwoCountries === true) check.met('the group earns revenue in 2 or more countries');
      else if (group.revenueInTwoCountries === false) {
        if (spec.agreement)
          check.unknown(`${revenueRule}: the group does not — to confirm for ${spec.agreement.name}`);
        else check.failed(`the group does not earn revenue in 2 or more countries: ${revenueRule}`);
      } else check.unknown(revenueRule);
      for (const item of spec.confirm) check.confirm(item);
      return check;
    },
  };
}

const newOffice = 'a new office in Canada needs premises, a staffing plan and funds (first permit 1 year)';
const cusma = { name: 'CUSMA', isCitizen: isUsOrMexicoCitizen };
const ceta = { name: 'CETA', isCitizen: isCetaCitizen };
const cuktca = { name: 'CUKTCA', isCitizen: isUkCitizen };
const cptpp = { name: 'CPTPP', isCitizen: isCptppCitizen };
const cetaCodesUnconfirmed = 'CETA codes T43–T47 — to confirm (they may have changed in 2022)';
const cuktcaCodesUnconfirmed =
  'UK citizens use CUKTCA codes (F-series, e.g. F60/F66), not T43–T47 — to confirm';
const cptppCodesUnconfirmed = 'CPTPP codes T50–T53 — to confirm (current codes)';
const ictCodesUnconfirmed =
  'intra-company transferee codes since Oct 3, 2024: C61 start-up, C62 executive or senior manager, C63 specialized knowledge (C12 before) — to confirm';
const prevailingWage = 'prevailing wage reported for all intra-company transferees — to confirm';

const ictRules: StreamRule[] = [
  ictRule({
    code: 'C61',
    name: 'Intra-company transferee: start-up (new office)',
    levels: ['executive', 'seniorManager', 'specializedKnowledge'],
    newEntity: true,
    confirm: [newOffice, ictCodesUnconfirmed, prevailingWage],
  }),
  ictRule({
    code: 'C62',
    name: 'Intra-company transferee: executive or senior manager',
    levels: ['executive', 'seniorManager'],
    newEntity: false,
    confirm: [ictCodesUnconfirmed, prevailingWage],
  }),
  ictRule({
    code: 'C63',
    name: 'Intra-company transferee: specialized knowledge',
    levels: ['specializedKnowledge'],
    newEntity: false,
    explainsOtherLevel: true,
    confirm: [
      'proprietary knowledge and advanced expertise: duties and salary',
      ictCodesUnconfirmed,
      prevailingWage,
    ],
  }),
  ictRule({
    code: 'T37',
    name: 'CUSMA intra-company transferee: executive or manager',
    levels: ['executive', 'seniorManager'],
    agreement: cusma,
    confirm: [],
  }),
  ictRule({
    code: 'T38',
    name: 'CUSMA intra-company transferee: specialized knowledge',
    levels: ['specializedKnowledge'],
    agreement: cusma,
    confirm: [],
  }),
  ictRule({
    code: 'T44',
    name: 'CETA intra-company transferee',
    levels: ['executive', 'seniorManager', 'specializedKnowledge'],
    agreement: ceta,
    confirm: [cetaCodesUnconfirmed],
  }),
  ictRule({
    code: 'CUKTCA-ICT',
    name: 'CUKTCA intra-company transferee',
    levels: ['executive', 'seniorManager', 'specializedKnowledge'],
    agreement: cuktca,
    confirm: [cuktcaCodesUnconfirmed],
  }),
  ictRule({
    code: 'T51',
    name: 'CPTPP intra-company transferee',
    levels: ['executive', 'seniorManager', 'specializedKnowledge'],
    agreement: cptpp,
    confirm: [cptppCodesUnconfirmed],
  }),
];

// ——— Free-trade professionals ———

/** Routes for managers and others not on the CUSMA list (§9). */
const offListRoutes =
  'not on the list: managers look at T37 (CUSMA intra-company), C62 (intra-company) or C10 (significant benefit)';

/** The profession accepts a licence and nothing else (registered nurse). */
const licenceOnly = (credential: CusmaProfession['credential']) =>
  credential.licence === true &&
  !credential.degree &&
  !credential.mastersOnly &&
  credential.diplomaPlusYears === undefined &&
  credential.experienceYears === undefined;

/** Records whether the prospect holds the credential their CUSMA profession requires. */
function checkCusmaCredential(check: Assessment, f: Facts, profession: CusmaProfession): void {
  const { credential } = profession;
  const level = f.educationLevel;
  const degree = level === 'bachelor' || level === 'master' || level === 'doctorate';
  const years = f.yearsExperience;
  if (credential.mastersOnly ? level === 'master' || level === 'doctorate' : credential.degree && degree) {
    check.met(`${degreeReason(f)}: the credential ${profession.title.toLowerCase()} requires`);
  } else if (credential.licence && f.offer?.hasLicence === true) {
    check.met('holds the provincial or state licence the profession accepts');
  } else if (
    credential.diplomaPlusYears !== undefined &&
    (level === 'diploma' || level === 'trade' || degree) &&
    (credential.diplomaPlusYears === 0 || (years ?? 0) >= credential.diplomaPlusYears)
  ) {
    check.met(
      credential.diplomaPlusYears === 0
        ? `post-secondary education (${degreeReason(f)})`
        : `post-secondary diploma and ${count(years ?? 0, 'year')} of experience (${credential.diplomaPlusYears} needed)`,
    );
  } else if (credential.experienceYears !== undefined && (years ?? 0) >= credential.experienceYears) {
    check.met(
      `${count(years ?? 0, 'year')} of experience (${credential.experienceYears} accepted instead of a degree)`,
    );
  } else if (level === undefined && (f.offer?.hasLicence === undefined || !licenceOnly(credential))) {
    // Education not asked (an employer's hire) or not given: without it the rule cannot tell.
    check.unknown(`the credential ${profession.title.toLowerCase()} requires (degree or licence)`);
  } else {
    check.failed(
      `${level ? educationLabels[level] : 'education not given'}${credential.licence ? ', no licence' : ''}: below the credential CUSMA requires for ${profession.title.toLowerCase()}`,
    );
  }
}

const t36: StreamRule = {
  code: 'T36',
  name: 'CUSMA professional',
  ref: refs(ref.streams, ref.flags, ref.corrections),
  tests:
    'US or Mexican citizenship (permanent residents do not qualify), a pre-arranged job in one of the ~63 listed professions, the credential that profession requires',
  evaluate(f) {
    if (!f.offer || f.citizenship === undefined) return undefined;
    const check = new Assessment();
    if (isUsOrMexicoCitizen(f)) {
      check.met(`${citizenOf(f)} (CUSMA)`);
    } else if (f.residence !== undefined && cusmaCountries.citizens.has(f.residence)) {
      check.failed(
        `lives in ${englishCountryName(f.residence)} but is a ${citizenOf(f)}: CUSMA covers US and Mexican citizens only — permanent residents do not qualify`,
      );
      return check;
    } else {
      return undefined;
    }
    check.met('pre-arranged job offer in Canada');
    const chosen = f.offer.cusmaProfession;
    const profession = cusmaProfessionOf(chosen);
    if (chosen === 'none' && f.group.isSameGroup === true) return undefined;
    if (chosen === 'none') {
      return check.failed(
        `the job is not one of the listed CUSMA professions (as answered); ${offListRoutes}`,
      );
    }
    if (!profession) {
      // Not asked or not sure: the list decides, so the stream stays possible at most.
      return check
        .unknown(
          `whether the job is one of the ~63 listed CUSMA professions (a TEER 0 job or a degree alone does not qualify); ${offListRoutes}`,
        )
        .confirm('the CUSMA list (Appendix 1603.D.1) — to confirm');
    }
    check.met(`profession: ${profession.title}${profession.covers ? ` (${profession.covers})` : ''}`);
    if (profession.group)
      check.unknown('which listed profession exactly, and the credential it requires — to confirm');
    checkCusmaCredential(check, f, profession);
    return check.confirm('the duties match the listed profession (CUSMA Appendix 1603.D.1) — to confirm');
  },
};

function independentProfessional(code: string, agreement: typeof ceta, codes: string): StreamRule {
  return {
    code,
    name: `${agreement.name} independent professional or contractual service supplier`,
    ref: refs(ref.streams, ref.corrections),
    tests: `${agreement.name} citizenship and professional work under a services contract`,
    evaluate(f) {
      // A services contract, not a hire: not for an employer's hire or a transfer within the group.
      if (!f.offer || !agreement.isCitizen(f) || f.isEmployer || f.group.isSameGroup === true)
        return undefined;
      const teer = f.offer.teer;
      if (!isProfessionalTeer(teer) && f.hasDegree !== true) return undefined;
      const check = new Assessment().met(`${citizenOf(f)} (${agreement.name})`);
      if (isProfessionalTeer(teer)) check.met(jobTeerReason(teer));
      if (f.hasDegree) check.met(degreeReason(f));
      else check.unknown('the degree and professional qualifications the category requires');
      return check
        .unknown(
          `whether the work is a services contract (independent professional, or contractual service supplier of an ${agreement.name === 'CETA' ? 'EU' : 'UK'} enterprise): ${agreement.name} does not cover a direct hire`,
        )
        .confirm(codes);
    },
  };
}

const t43 = independentProfessional('T43', ceta, cetaCodesUnconfirmed);
const cuktcaProfessional = independentProfessional('CUKTCA', cuktca, cuktcaCodesUnconfirmed);

const t52: StreamRule = {
  code: 'T52',
  name: 'CPTPP professional or technician',
  ref: refs(ref.streams, ref.corrections),
  tests:
    'citizenship of a CPTPP party with professional commitments (Australia, Brunei, Chile, Japan, Malaysia, Mexico, Peru), a TEER 0/1 job, a degree of 4+ years',
  evaluate(f) {
    if (!f.offer || !isCptppProfessionalCitizen(f)) return undefined;
    const teer = f.offer.teer;
    if (teer !== undefined && teer >= 4) return undefined;
    const check = new Assessment().met(`${citizenOf(f)} (CPTPP, with professional commitments)`);
    if (isProfessionalTeer(teer)) check.met(jobTeerReason(teer));
    else if (teer === undefined) check.unknown("the job's NOC code or TEER (professionals: TEER 0/1)");
    else
      check.unknown(
        `whether the TEER ${teer} job is a technician category on the country's list — to confirm`,
      );
    if (f.hasDegree) check.met(degreeReason(f)).confirm('the degree took 4 or more years');
    else if (f.hasDegree === false && isProfessionalTeer(teer)) {
      check.failed(`education (${degreeReason(f)}) is below the 4-year degree CPTPP professionals need`);
    } else check.unknown('a degree of 4 or more years');
    return check
      .unknown("the occupation is on the country's CPTPP list — to confirm")
      .confirm(cptppCodesUnconfirmed);
  },
};

const otherFtaRules: StreamRule[] = otherFtaProfessionals.map(({ code, country, agreement }) => ({
  code,
  name: `${agreement} professional`,
  ref: ref.streams,
  tests: `${englishCountryName(country)} citizenship and a professional job on the agreement's list`,
  evaluate(f) {
    if (!f.offer || f.citizenship !== country) return undefined;
    const teer = f.offer.teer;
    if (!isProfessionalTeer(teer) && f.hasDegree !== true) return undefined;
    const check = new Assessment().met(`${citizenOf(f)} (${agreement})`);
    if (isProfessionalTeer(teer)) check.met(jobTeerReason(teer));
    if (f.hasDegree) check.met(degreeReason(f));
    return check.unknown("the profession is on the agreement's list, with the education it requires");
  },
}));

// ——— Francophone Mobility ———

/** Records the French evidence; false when nothing suggests French at all. */
function checkFrench(check: Assessment, f: Facts): boolean {
  const { language } = f;
  if (language.kind === 'french') {
    const test = language.testName ?? 'French test';
    if (language.expired) {
      check.unknown(
        `a new TEF/TCF Canada result: the ${test} of ${language.testDate} is older than 2 years (§6)`,
      );
    } else if (language.level === undefined) {
      check.unknown(`the ${test} levels: NCLC ${FRANCOPHONE_MIN_NCLC}+ in speaking and listening`);
    } else if (language.level >= FRANCOPHONE_MIN_NCLC) {
      check.met(
        `NCLC ${language.level} on the ${test} (lowest of the four skills): NCLC ${FRANCOPHONE_MIN_NCLC}+ needed in speaking and listening`,
      );
    } else {
      check
        .failed(
          `NCLC ${language.level} on the ${test} (lowest of the four skills): C16 needs NCLC ${FRANCOPHONE_MIN_NCLC} in speaking and listening`,
        )
        .unknown('the speaking and listening levels: only the lowest of the four skills is on file');
    }
    return true;
  }
  if (f.frenchAbility === 'advanced' || f.frenchAbility === 'intermediate') {
    check
      .met(`self-assessed French: ${f.frenchAbility}`)
      .unknown(
        `a TEF Canada or TCF Canada result: NCLC ${FRANCOPHONE_MIN_NCLC}+ in speaking and listening — to confirm with a test`,
      );
    return true;
  }
  return false;
}

const c16: StreamRule = {
  code: 'C16',
  name: 'Francophone Mobility',
  ref: refs(ref.streams, ref.language),
  tests: `a job outside Quebec (any TEER except primary agriculture) and NCLC ${FRANCOPHONE_MIN_NCLC}+ in speaking and listening`,
  evaluate(f) {
    // An employer lead has no French facts: C16 is not listed (staff see it if the worker's French is known).
    if (!f.offer || f.isEmployer) return undefined;
    const check = new Assessment();
    if (!checkFrench(check, f)) return undefined;
    const province = f.offer.province;
    if (province === 'QC') {
      check.failed(
        f.isEmployer
          ? 'the employer is in Quebec: C16 is for jobs outside Quebec (confirm where the job is)'
          : 'the job is in Quebec: C16 is for jobs outside Quebec',
      );
    } else if (province === undefined) check.unknown("the job's province (it must be outside Quebec)");
    else check.met(`job in ${provinceNames[province]}, outside Quebec`);
    if (f.offer.sector === 'agriculture') {
      check.unknown('whether the job is in primary agriculture, excluded since June 15, 2023');
    } else if (f.offer.sector === undefined) {
      check.confirm('the job is not in primary agriculture (any other TEER qualifies since June 15, 2023)');
    } else {
      check.met('not an agricultural job: any TEER qualifies since June 15, 2023');
    }
    return check;
  },
};

// ——— Reciprocal employment and International Experience Canada ———

const c20: StreamRule = {
  code: 'C20',
  name: 'Reciprocal employment',
  ref: refs(ref.streams, ref.corrections),
  tests:
    'a sports post (pro or semi-pro athletes and coaches on Canadian teams) or a formal reciprocal exchange (not teacher exchanges: C22)',
  evaluate(f) {
    const sector = f.offer?.sector;
    if (sector !== 'sports' && sector !== 'exchange') return undefined;
    const check = new Assessment();
    if (sector === 'sports') {
      check.met('job with a sports team or league: pro and semi-pro athletes and coaches on Canadian teams');
      if (f.offer?.sportsTeam) check.met(`team or league: ${f.offer.sportsTeam}`);
      else check.unknown('the team and league (professional or semi-professional, Canadian team)');
    } else {
      check
        .met('post in a formal reciprocal exchange')
        .unknown('proof of reciprocity: comparable jobs for Canadians abroad');
    }
    return check.confirm('C20 guidance refreshed Feb 20, 2026 — to confirm');
  },
};

const c21: StreamRule = {
  code: 'C21',
  name: 'International Experience Canada',
  ref: ref.streams,
  tests: 'citizenship of an IEC partner country and age within its band (18–30 or 18–35)',
  evaluate(f) {
    const partner = iecPartner(f.citizenship);
    // Employers are not asked the worker's age: IEC is for the worker to raise, not listed here.
    if (!partner || f.isEmployer) return undefined;
    const country = englishCountryName(partner.country);
    const band = `18–${partner.maxAge}`;
    const bandText = partner.bandConfirmed
      ? `${band} for ${country}`
      : `${band} for ${country} — band to confirm`;
    const surelyInside = partner.bandConfirmed
      ? partner.maxAge
      : Math.min(partner.maxAge, iecPartners.narrowestMaxAge);
    const surelyOutside = partner.bandConfirmed ? partner.maxAge : iecPartners.widestMaxAge;
    const check = new Assessment().met(`${citizenOf(f)}, an IEC partner`);
    const age = f.age;
    if (age === undefined) check.unknown(`${personOf(f)}'s age (${bandText})`);
    else if (age < iecPartners.minAge || age > surelyOutside) {
      if (age > surelyOutside + IEC_NEAR_MISS_YEARS) return undefined;
      check.failed(`age ${age} is outside the IEC band (${bandText})`);
    } else if (age <= surelyInside) check.met(`age ${age}, within the IEC band (${bandText})`);
    else
      check.unknown(`the IEC band for ${country}: believed ${band}, and the prospect is ${age} — to confirm`);
    check.met(
      f.offer
        ? 'job offer: Young Professionals or International Co-op (employer-specific: Employer Portal offer and $230 fee), or Working Holiday (open)'
        : 'no job offer needed for Working Holiday (open permit), where the country offers it; Young Professionals and Co-op need an employer-specific offer',
    );
    return check.confirm(
      'the IEC categories open to this country, past participations and a pool invitation (quotas)',
    );
  },
};

// ——— Academics ———

type AcademicRole = NonNullable<NonNullable<Facts['offer']>['academicRole']>;

function academicRule(
  code: string,
  name: string,
  roles: readonly (AcademicRole | undefined)[],
  assess: (check: Assessment, f: Facts) => void,
): StreamRule {
  return {
    code,
    name,
    ref: ref.streams,
    tests: `an academic post as ${roles.filter(Boolean).join(' or ')}`,
    evaluate(f) {
      const offer = f.offer;
      if (!offer) return undefined;
      const teacherExchange = offer.sector === 'teacherExchange' && code === 'C22';
      if (!teacherExchange && (offer.sector !== 'academic' || !roles.includes(offer.academicRole)))
        return undefined;
      const check = new Assessment();
      assess(check, f);
      return check.confirm("a letter from the institution with the role's dates and funding");
    },
  };
}

const academicRules: StreamRule[] = [
  academicRule(
    'C22',
    'Academic: guest lecturer, visiting professor or exchange teacher',
    ['guestLecturer', 'visitingProfessor', undefined],
    (check, f) => {
      const role = f.offer?.academicRole;
      if (f.offer?.sector === 'teacherExchange')
        check
          .met('teacher in a formal teacher exchange')
          .confirm('the exchange agreement and the reciprocal placement');
      else if (role === 'guestLecturer')
        check.met('guest lecturer').confirm('the stay is shorter than one term');
      else if (role === 'visitingProfessor')
        check.met('visiting professor').confirm('the post lasts at most 2 academic years');
      else
        check
          .met('academic post')
          .unknown('the academic role: guest lecturer, visiting professor or exchange teacher');
    },
  ),
  academicRule('C44', 'Academic: post-doctoral fellow', ['postdoc'], (check, f) => {
    check.met('post-doctoral fellowship');
    if (f.educationLevel === 'doctorate') check.met('holds a doctorate');
    else check.unknown('a PhD, completed or about to be');
  }),
  academicRule('C52', 'Academic: research award recipient', ['researchAward'], (check) => {
    check.met('research award recipient').confirm('the award is chosen on academic merit');
  }),
  academicRule('C31', 'Academic: researcher', ['researcher'], (check) => {
    check.met('research post').unknown('the research role, the institution and the funding');
  }),
];

// ——— Family open permits (§7: from Jan 21, 2025) ———

const c41c46: StreamRule = {
  code: 'C41/C46',
  name: 'Spouse or partner of a skilled worker (open permit)',
  ref: refs(ref.streams, ref.changes, ref.flags),
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
    return check
      .note('spouses of free-trade professionals are not affected by the 2025 limits')
      .confirm('proof of the relationship');
  },
};

const c42: StreamRule = {
  code: 'C42',
  name: 'Spouse or partner of a student (open permit)',
  ref: refs(ref.streams, ref.changes),
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
    return check.confirm("proof of the relationship and the spouse's study permit");
  },
};

// ——— Post-graduation and bridging permits ———

const prBoundFamily: StreamRule = {
  code: 'C46–C49',
  name: 'Spouse or partner of a worker moving to PR (open permit)',
  ref: refs(ref.streams, ref.corrections),
  tests:
    'the working spouse has applied for PR or holds a provincial nomination (family of PR-bound principals)',
  evaluate(f) {
    const spouse = f.spouse;
    if (spouse?.status !== 'worker' || (spouse.prBound !== 'prApplied' && spouse.prBound !== 'nominated'))
      return undefined;
    return new Assessment()
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

const a74: StreamRule = {
  code: 'A74',
  name: 'Spouse or partner of a citizen or PR, sponsored in Canada (open permit)',
  ref: refs(ref.streams, ref.corrections),
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
    return check.confirm(
      'the sponsorship is in the Spouse or Common-law Partner in Canada class, and the applicant has or had temporary status — to confirm',
    );
  },
};

const t13: StreamRule = {
  code: 'T13',
  name: 'Provincial nominee with a job offer',
  ref: refs(ref.streams, ref.corrections),
  tests:
    'a provincial nomination and a job offer in the nominating province (R204(c)), with the support letter',
  evaluate(f) {
    if (!f.nomination || f.isEmployer || f.prStatus !== 'nominated') return undefined;
    const check = new Assessment().met('holds a provincial nomination');
    if (f.nomination.tiedToEmployer === true)
      check.confirm('the nomination is tied to an employer: the offer must be from that employer');
    const nominating = f.nomination.province;
    const offerProvince = f.offer?.province;
    if (!f.offer) check.unknown('a job offer in the nominating province');
    else if (nominating === undefined || offerProvince === undefined)
      check.unknown('the job offer is in the nominating province');
    else if (nominating === offerProvince)
      check.met(`job offer in ${provinceNames[offerProvince]}, the nominating province`);
    else
      check.failed(
        `the job offer is in ${provinceNames[offerProvince]} but the nomination is from ${provinceNames[nominating]}: T13 needs an offer in the nominating province`,
      );
    return check.confirm("the province's support letter for the work permit");
  },
};

const c43: StreamRule = {
  code: 'C43',
  name: 'Post-graduation work permit',
  ref: refs(ref.streams, ref.changes, ref.language, ref.corrections),
  tests: `a DLI program of 8+ months, within ${PGWP_WINDOW_DAYS} days of graduation, no earlier PGWP, CLB 7 (university degree) or CLB 5 (college), field of study for non-degree programs (study permit on or after Nov 1, 2024)`,
  evaluate(f) {
    const graduation = f.graduation;
    if (!graduation) return undefined;
    const check = new Assessment();
    const credential = graduation.credential;
    const degree = credential === 'bachelor' || credential === 'master' || credential === 'doctorate';
    switch (graduation.programLength) {
      case 'under8Months':
        check.failed('program shorter than 8 months: a PGWP needs a program of 8 months or more');
        break;
      case '8to24Months':
        check.met(
          credential === 'master'
            ? "master's program shorter than 2 years: a 3-year PGWP (since Feb 15, 2024)"
            : 'program of 8 to 24 months: a PGWP about as long as the program',
        );
        break;
      case '24MonthsPlus':
        check.met('program of 2 years or more: a PGWP of up to 3 years');
        break;
      case undefined:
        check.unknown('the program length (8 months or more)');
    }
    if (graduation.date === undefined)
      check.unknown(`the graduation date (apply within ${PGWP_WINDOW_DAYS} days)`);
    else {
      const closes = pgwpWindowClosesOn(graduation.date);
      const daysSince = daysBetween(graduation.date, f.today);
      if (daysSince > PGWP_WINDOW_DAYS)
        check.failed(`graduated ${graduation.date}: the ${PGWP_WINDOW_DAYS}-day window closed on ${closes}`);
      else if (daysSince >= 0)
        check.met(
          `graduated ${graduation.date}: within the ${PGWP_WINDOW_DAYS}-day window, which closes on ${closes}`,
        );
      else
        check.met(`graduates ${graduation.date}: the ${PGWP_WINDOW_DAYS}-day window will close on ${closes}`);
    }
    if (graduation.hadPgwp === true) check.failed('already had a PGWP: it is once per lifetime');
    else if (graduation.hadPgwp === false) check.met('has not had a PGWP before');
    else check.unknown('whether a PGWP was held before (once per lifetime)');
    if (degree) {
      check.met(`${educationLabels[credential]}: no field-of-study requirement for university degrees`);
      checkLanguage(check, f.language, {
        minimum: 7,
        purpose: 'for a university degree (since Nov 1, 2024)',
        hard: true,
      });
    } else if (credential !== undefined) {
      checkLanguage(check, f.language, {
        minimum: 5,
        purpose: 'for a college or other program (since Nov 1, 2024)',
        hard: true,
      });
      if (graduation.studyPermitAfterNov2024 === false)
        check.met('study permit applied for before Nov 1, 2024: the field-of-study list does not apply');
      else if (graduation.studyPermitAfterNov2024 === true)
        check
          .unknown(
            `the field of study${graduation.field ? ` (${graduation.field})` : ''} is on the eligible list (list revised Jun 25, 2025) — to confirm`,
          )
          .confirm(
            "reported Jul 4, 2025 changes (list kept until early 2026, college bachelor's exemption) — to confirm",
          );
      else
        check.unknown(
          'when the study permit was applied for (the field-of-study list applies from Nov 1, 2024)',
        );
    } else {
      check.unknown(
        'the credential: a university degree (CLB 7) or a college program (CLB 5, field of study)',
      );
      checkLanguage(check, f.language, {
        minimum: 5,
        purpose: 'at least (CLB 7 for a university degree)',
        hard: true,
      });
    }
    return check.confirm('the program was at a PGWP-eligible DLI');
  },
};

const a75: StreamRule = {
  code: 'A75',
  name: 'Bridging open work permit',
  ref: ref.streams,
  tests:
    'in Canada, principal PR applicant (CEC, FSW, FST, caregiver, PNP without employer restriction), acknowledgement of receipt, work permit expiring',
  evaluate(f) {
    const pr = f.prApplication;
    if (!pr) return undefined;
    const check = new Assessment().met('in Canada with a PR application');
    const program = pr.program;
    if (program === undefined) check.unknown('the PR program');
    else if (program === 'pnp') {
      check.met(`applied under ${prProgramLabels[program]}`);
      if (f.nomination?.tiedToEmployer === true)
        check.failed(
          "the nomination is tied to an employer: bridging permits are for PNP applicants without employer restrictions (T13 with the province's letter may fit)",
        );
      else if (f.nomination?.tiedToEmployer === false)
        check.met('the nomination has no employer restriction');
      else check.unknown('the provincial nomination has no employer restriction — to confirm');
    } else if (program === 'family' || program === 'other') {
      check.failed(
        `applied under ${prProgramLabels[program]}: bridging permits are for CEC, FSW, FST, caregiver or PNP (without employer restriction) applicants`,
      );
    } else check.met(`principal applicant under ${prProgramLabels[program]}`);
    if (pr.aor === true)
      check.met('acknowledgement of receipt received: the file passed the completeness check');
    else if (pr.aor === false)
      check.failed('no acknowledgement of receipt yet: the PR file must pass the completeness check first');
    else check.unknown('the acknowledgement of receipt (completeness check passed)');
    const status = f.currentStatus;
    if (status === 'worker') check.met('holds a work permit');
    else if (status === 'visitor' || status === 'student') {
      check.failed(
        `in Canada as a ${statusLabels[status]}: the bridging permit is for workers whose work permit is expiring`,
      );
    } else check.unknown('the current status: a work permit, or maintained status');
    const expiry = f.statusExpiry;
    if (expiry === undefined) check.unknown("the work permit's expiry date");
    else {
      const days = daysBetween(f.today, expiry);
      if (days < 0)
        check.unknown(`the permit expired on ${expiry}: maintained status or restoration — to confirm`);
      else if (days <= BRIDGING_EXPIRY_DAYS) check.met(`work permit expires ${expiry} (in ${days} days)`);
      else check.unknown(`whether it is time to apply: the permit expires ${expiry} (in ${days} days)`);
    }
    return check
      .confirm('when to apply relative to the permit expiry: timing rules — to confirm')
      .confirm('code A75 — to confirm (IRCC split it in 2022)');
  },
};

/** Every stream rule, in the order staff read them when fits are equal. */
export const streamRules: readonly StreamRule[] = [
  ...ictRules,
  t36,
  t43,
  cuktcaProfessional,
  t52,
  ...otherFtaRules,
  c16,
  t13,
  c43,
  a74,
  c41c46,
  prBoundFamily,
  c42,
  a75,
  c21,
  c20,
  ...academicRules,
  c11,
  c10,
];

const fitOrder = { likely: 0, possible: 1, unlikely: 2 } as const;

export function screenStreams(facts: Facts): { streams: Stream[]; noExemptStreamEvident: boolean } {
  const found = streamRules.flatMap((rule) => {
    const assessment = rule.evaluate(facts);
    if (!assessment) return [];
    const { fit, reasons, missing, unmet, openQuestion } = assessment.outcome();
    return [
      {
        stream: { code: rule.code, name: rule.name, fit, reasons, missing, unmet, ref: rule.ref },
        openQuestion,
      },
    ];
  });
  const streams = found.map((entry) => entry.stream).sort((a, b) => fitOrder[a.fit] - fitOrder[b.fit]);
  const noExemptStreamEvident = !found.some(
    (entry) => entry.stream.fit !== 'unlikely' && !entry.openQuestion,
  );
  return { streams, noExemptStreamEvident };
}
