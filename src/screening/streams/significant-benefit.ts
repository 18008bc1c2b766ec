import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import { count } from '../labels';
import { isProfessionalTeer } from '../facts';
import type { AnswerOf } from '../../intake/steps';
import { jobTeerReason, type StreamRule } from './rule';

/** Significant benefit (C10, R205(a)): the employer's stated benefit, or an experienced professional (§2, §7). */

/** About 10 years of experience is the typical evidence of a significant benefit (§2). */
const SIGNIFICANT_BENEFIT_YEARS = 10;

export const benefitLabels: Record<Exclude<AnswerOf<'employerBenefit'>, 'notSure'>, string> = {
  jobsCreated: 'jobs created for Canadians',
  knowledgeTransfer: 'knowledge transfer to Canadians',
  both: 'jobs created and knowledge transfer',
};

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

export const c10: StreamRule = {
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
