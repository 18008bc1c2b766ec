import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import type { Facts } from '../facts';
import { provinceNames } from '../labels';
import type { StreamRule } from './rule';

/** Francophone Mobility (C16): a job outside Quebec and French at NCLC 5+ (§2, §6). */

const FRANCOPHONE_MIN_NCLC = 5;

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
  const whose = f.isEmployer ? "the worker's French as the employer describes it" : 'self-assessed French';
  if (f.frenchAbility === 'advanced' || f.frenchAbility === 'intermediate') {
    check.met(`${whose}: ${f.frenchAbility}`).unknown(
      // a fact still to be shown (Missing facts), not a point of law to confirm
      `a TEF Canada or TCF Canada result: NCLC ${FRANCOPHONE_MIN_NCLC}+ in speaking and listening, shown by a test`,
    );
    return true;
  }
  if (f.frenchAbility === 'notSure') {
    check.unknown(
      `the worker's French: NCLC ${FRANCOPHONE_MIN_NCLC}+ in speaking and listening (TEF Canada or TCF Canada); the employer was not sure`,
    );
    return true;
  }
  return false;
}

export const c16: StreamRule = {
  code: 'C16',
  name: 'Francophone Mobility',
  ref: refs(ref.streams, ref.language),
  tests: `a job outside Quebec (any TEER except primary agriculture) and NCLC ${FRANCOPHONE_MIN_NCLC}+ in speaking and listening`,
  evaluate(f) {
    // Listed where some French is evident or (an employer's new hire) not known: never for none or basic.
    if (!f.offer) return undefined;
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
