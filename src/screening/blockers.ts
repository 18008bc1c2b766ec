import { refusalDisclosure, type RefusalHistory } from './admissibility';
import { type Facts } from './facts';
import { insideCanadaApplication, statusSituation } from './status';
import type { Flag } from './lead-schema';
import { URGENT_WITHIN_DAYS } from './urgency';

/**
 * What a lawyer reads before any stream (§8, §9, §10): an expired, refused or expiring status, a
 * visitor who cannot apply from inside Canada, a serious admissibility ground, a removal order
 * that needs an Authorization to Return and a refusal history that carries a misrepresentation risk. Streams listed next to a serious blocker are "subject to
 * admissibility".
 */
export const seriousGrounds = new Set<Flag['ground']>(['security', 'human-rights', 'organized-criminality']);

export function isSeriousFlag(flag: Flag): boolean {
  return flag.serious === true || seriousGrounds.has(flag.ground);
}

/** What the status situation stops, in a sentence the facts allow (§9, §10). */
function statusBlocker(f: Facts): string | undefined {
  const status = statusSituation(f);
  if (status === undefined) return undefined;
  switch (status.kind) {
    case 'valid':
      if (status.extension === 'pending' || status.daysLeft > URGENT_WITHIN_DAYS) return undefined;
      return `Status expires ${status.expiry} (in ${status.daysLeft} days)${status.extension === 'refused' ? ', the extension was refused' : ''}: apply to extend or change before then.`;
    case 'maintained':
      return undefined;
    case 'unclear':
      return `Status expired on ${status.expiry}: restoration (90 days) or maintained status (if an extension was filed in time and is still pending) decides every option — see urgency.`;
    case 'lost': {
      // Past the 90 days there is no restoration to wait for: out of status, not "until restored".
      const restoration = status.passed
        ? 'restoration (IRPR s. 182) is no longer open: the 90-day period has passed; out of status, no work — lawyer review'
        : `restoration (IRPR s. 182) ${status.restoreBy === undefined ? 'within 90 days of losing status (the refusal date to confirm)' : `by ${status.restoreBy}`}; no work until status is restored`;
      const lost =
        status.cause === 'refused'
          ? `Extension refused${status.refusedOn === undefined ? '' : ` on ${status.refusedOn}`}: status was lost ${status.lostOn === undefined ? `that day, or on ${status.expiry} if the refusal came first` : `on ${status.lostOn}`} (maintained status ends with the decision)`
          : `Status expired on ${status.expiry}, no extension filed`;
      const second =
        status.cause === 'refused'
          ? '; since May 28, 2025 a second application pending does not keep status'
          : '';
      return `${lost}: ${restoration}${second} — see urgency.`;
    }
  }
}

/** Only an ordinary visitor is told to apply from outside Canada (IRPR s. 199, §10). */
function visitorBlocker(f: Facts): string | undefined {
  const inside = insideCanadaApplication(f);
  switch (inside?.may) {
    case undefined:
    case 'yes':
      return undefined;
    case 'no':
      return 'Visitor in Canada: a work permit can no longer be applied for from inside Canada (public policy ended Aug 28, 2024; none of the IRPR s. 199 cases in the answers) — apply from outside Canada.';
    case 'afterSponsorship':
      return 'Visitor in Canada: a work permit can be applied for from inside Canada once the in-Canada spousal sponsorship is filed (A74 public policy); until then, visitors apply from outside Canada (public policy ended Aug 28, 2024).';
    case 'unknown':
      return 'Visitor in Canada: most visitors can no longer apply for a work permit from inside Canada (public policy ended Aug 28, 2024), but IRPR s. 199 and public policies let some apply inside (a family member of a work- or study-permit holder, a spouse sponsored in Canada under A74, a pending Hong Kong pathway PR applicant) — where to apply: to confirm.';
  }
}

export function screenBlockers(f: Facts, flags: readonly Flag[], history: RefusalHistory = {}): string[] {
  const blockers: string[] = [];
  const status = statusBlocker(f);
  if (status) blockers.push(status);
  const visitor = visitorBlocker(f);
  if (visitor) blockers.push(visitor);
  const serious = flags.filter(isSeriousFlag);
  if (serious.length > 0)
    blockers.push(
      `Serious admissibility issue (${serious.map((flag) => flag.ground).join(', ')}): every stream below is subject to admissibility.`,
    );
  if (history.returnAuthorization === 'needed')
    blockers.push(
      'Removal order: an Authorization to Return to Canada (IRPA s. 52) is needed before coming back to Canada — see the admissibility flag.',
    );
  const disclosure = refusalDisclosure(history);
  if (disclosure?.risk && flags.some((flag) => flag.ground === 'previous-refusal'))
    blockers.push(`Misrepresentation risk: ${disclosure.text}`);
  return blockers;
}
