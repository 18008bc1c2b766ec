import { Assessment } from '../assessment';
import { ref } from '../reference';
import type { AnswerOf } from '../../intake/steps';
import { daysBetween } from '../facts';
import { statusLabels } from '../labels';
import { lostStatusRequirement, statusSituation } from '../status';
import type { StreamRule } from './rule';

/** Bridging open work permit (A75): principal PR applicants in Canada whose permit is ending (§2). */

/** A bridging permit is sought as the work permit nears its end; the exact timing is unconfirmed. */
const BRIDGING_EXPIRY_DAYS = 120;

export const prProgramLabels: Record<AnswerOf<'prProgram'>, string> = {
  cec: 'the Canadian Experience Class',
  fsw: 'the Federal Skilled Worker program',
  fst: 'the Federal Skilled Trades program',
  pnp: 'a Provincial Nominee Program',
  caregiver: 'a caregiver program',
  family: 'family sponsorship',
  hongKong: "a Hong Kong residents' pathway",
  other: 'another program',
};

export const a75: StreamRule = {
  code: 'A75',
  name: 'Bridging open work permit',
  ref: ref.streams,
  openPermit: true,
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
    } else if (program === 'hongKong') {
      check.failed(
        "applied under a Hong Kong residents' pathway: its applicants have their own open permit (see the Hong Kong stream), not the bridging permit",
      );
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
    const situation = statusSituation(f);
    // defined exactly when status was lost
    const lost = lostStatusRequirement(f);
    if (status === 'worker' && lost) {
      // Out of status: a bridging permit only with restoration, and not once the 90 days are over (§10).
      if (lost.closed)
        check.failed(`${lost.text}: the bridging permit needs valid, maintained or restorable status`);
      else check.unknown(lost.text);
    } else if (status === 'worker' && situation?.kind === 'maintained')
      check.met(
        `on maintained status: the work permit expired on ${situation.expiry} with an extension pending`,
      );
    else if (status === 'worker') check.met('holds a work permit');
    else if (status === 'visitor' || status === 'student') {
      check.failed(
        `in Canada as a ${statusLabels[status]}: the bridging permit is for workers whose work permit is expiring`,
      );
    } else check.unknown('the current status: a work permit, or maintained status');
    const expiry = f.statusExpiry;
    if (expiry === undefined) check.unknown("the work permit's expiry date");
    else {
      const days = daysBetween(f.today, expiry);
      if (days < 0) {
        if (situation?.kind === 'unclear')
          check.unknown(`the permit expired on ${expiry}: maintained status or restoration — to confirm`);
      } else if (days <= BRIDGING_EXPIRY_DAYS) check.met(`work permit expires ${expiry} (in ${days} days)`);
      else check.unknown(`whether it is time to apply: the permit expires ${expiry} (in ${days} days)`);
    }
    return check
      .confirm('when to apply relative to the permit expiry: timing rules — to confirm')
      .confirm('code A75 — to confirm (IRCC split it in 2022)');
  },
};
