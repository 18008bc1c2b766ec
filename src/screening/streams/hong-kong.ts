import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import { CODE_TO_CONFIRM, type StreamRule } from './rule';

/**
 * Hong Kong residents (§10): an open work permit for those who applied for permanent residence
 * under the Hong Kong pathways (public policy May 27, 2024 – May 27, 2029). The pathways
 * themselves ended Aug 31, 2026 unless IRCC extended them: a pending applicant keeps the
 * open-permit route, a new applicant does not. The recent-graduate open permit ended Feb 7, 2025.
 * The exemption code was not found [U]: "code to confirm".
 */

const PATHWAYS_CLOSED = '2026-08-31';

export const hongKong: StreamRule = {
  code: CODE_TO_CONFIRM,
  name: 'Hong Kong permanent-residence-pathway applicant (open permit)',
  ref: refs(ref.dec2026),
  tests: `a pending permanent-residence application under a Hong Kong pathway (the pathways closed ${PATHWAYS_CLOSED})`,
  openPermit: true,
  evaluate(f) {
    const applied = f.prApplication?.program === 'hongKong';
    if (applied) {
      const check = new Assessment().met(
        "applied for permanent residence under a Hong Kong residents' pathway",
      );
      if (f.inCanada) check.met('in Canada');
      else check.unknown('in Canada: the pathways and their open permit are for applicants in Canada');
      return check
        .unknown(
          `the application was submitted by ${PATHWAYS_CLOSED}, when the pathways closed (unless IRCC extended them), and is still pending — to confirm`,
        )
        .confirm('the public policy (May 27, 2024 – May 27, 2029) and its exemption code — code to confirm');
    }
    // A Hong Kong resident in Canada aiming at PR without a filed application: the route has closed.
    const hongKonger = f.citizenship === 'HK' || f.residence === 'HK';
    const aimsAtPr = f.goalType === 'permanent' || f.goalType === 'notSure';
    if (!hongKonger || !f.inCanada || !aimsAtPr || f.prStatus === 'prApplied') return undefined;
    return new Assessment()
      .met('from Hong Kong, in Canada, aiming at permanent residence')
      .failed(
        `no Hong Kong pathway application on file: the pathways closed on ${PATHWAYS_CLOSED} (unless IRCC extended them — to confirm), so a new applicant no longer has this open-permit route`,
      )
      .note('the Hong Kong recent-graduate open permit ended Feb 7, 2025');
  },
};
