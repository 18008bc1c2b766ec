import type { AnswerOf, Answers } from '../../intake/steps';
import { Assessment } from '../assessment';
import type { Facts } from '../facts';
import { ref, refs } from '../reference';
import { statusSituation } from '../status';
import type { StreamRule } from './rule';

/**
 * Vulnerable workers (A72, IRPR s. 207.1, §10): a worker in Canada on an employer-specific permit
 * (or maintained status on one) who is experiencing, or at risk of, abuse in that job can get an
 * open work permit on a "reasonable grounds to believe" standard. The intake asks one gentle
 * question, only of that group (workPermitType, employerTreatment); the answer is sensitive
 * (redacted from transcripts like the admissibility screening). The rule cannot weigh the facts,
 * so the stream is at most possible, and the lead is urgent.
 */

export const workPermitTypeLabels: Record<AnswerOf<'workPermitType'>, string> = {
  employerSpecific: 'employer-specific permit',
  open: 'open permit',
  notSure: 'permit type not sure',
};

/** The prospect said yes to the gentle question, holding (or maybe holding) an employer-specific permit. */
function reportsMistreatment(f: Facts, a: Answers): boolean {
  return (
    f.inCanada &&
    f.currentStatus === 'worker' &&
    (a.workPermitType === 'employerSpecific' || a.workPermitType === 'notSure') &&
    a.employerTreatment === true
  );
}

export const a72: StreamRule = {
  code: 'A72',
  name: 'Vulnerable worker (open permit)',
  ref: refs(ref.dec2026),
  tests:
    'in Canada on an employer-specific permit (or maintained status on one), and treated by the employer in a way that feels unsafe or unfair (abuse or risk of abuse, R196.2)',
  openPermit: true,
  evaluate(f, a) {
    if (!reportsMistreatment(f, a)) return undefined;
    const check = new Assessment().met('in Canada as a worker');
    const status = statusSituation(f);
    // A72 is for a worker on the permit or on maintained status from one: not once status is lost (§10).
    if (status?.kind === 'lost')
      check.failed(
        `status was lost on ${status.lostOn ?? 'the day of the refusal'} (${status.cause === 'refused' ? 'extension refused' : 'expired without an extension'}): A72 needs a valid employer-specific permit or maintained status on one`,
      );
    const held = status?.kind === 'lost' ? 'held' : 'holds';
    if (a.workPermitType === 'employerSpecific') check.met(`${held} an employer-specific work permit`);
    else
      check.unknown('whether the work permit is tied to one employer (A72 is for employer-specific permits)');
    return check
      .met('says the employer treats them in a way that feels unsafe or unfair')
      .unknown(
        'what is happening, asked gently by a lawyer: physical, sexual, psychological or financial abuse, or reprisals (R196.2: e.g. passport or pay withheld, threats)',
      )
      .note(
        'LMIA-exempt open permit on a "reasonable grounds to believe" standard; family members in Canada may be covered too',
      )
      .confirm('the fee for this permit — to confirm')
      .confirm('the worker is on the permit or on maintained status from one (not restoration) — to confirm');
  },
  urgency(f, a) {
    if (!reportsMistreatment(f, a)) return undefined;
    return statusSituation(f)?.kind === 'lost'
      ? 'the worker reports unsafe or unfair treatment by the employer (status lost since, so not the A72 permit): a lawyer to call promptly'
      : 'the worker reports unsafe or unfair treatment by the employer on an employer-specific permit: a lawyer to call promptly (vulnerable-worker open permit, A72)';
  },
};
