import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import { englishCountryName } from '../countries';
import { citizenOf, type Facts } from '../facts';
import { count, educationLabels } from '../labels';
import { cusmaCitizenships } from '../../intake/answer-facts';
import { cusmaProfessionOf, type CusmaProfession } from '../../intake/cusma-professions';
import { degreeReason, type StreamRule } from './rule';

/**
 * CUSMA professionals (T36): US or Mexican citizens in one of the listed professions, with the
 * credential it requires (§2, §9). The profession list is the intake's (src/intake/cusma-professions.ts):
 * it is offered as the question's choices and decides which follow-ups are asked.
 */

export const cusmaCountries = {
  ref: ref.streams,
  /** Citizens only: permanent residents of the US or Mexico do not qualify. */
  citizens: cusmaCitizenships,
};

export const isUsOrMexicoCitizen = (f: Facts) =>
  f.citizenship !== undefined && cusmaCountries.citizens.has(f.citizenship);

export const cusma = { name: 'CUSMA', isCitizen: isUsOrMexicoCitizen };

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

export const t36: StreamRule = {
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
    // Every listed profession needs a post-secondary credential at least: a TEER 4/5 job (high school
    // or short training, §5) is none of them, so without a profession named it is not a candidate (§9).
    if (!profession && f.offer.teer !== undefined && f.offer.teer >= 4) return undefined;
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
