import { addDays, daysBetween, type Facts } from './facts';

/**
 * Where a prospect in Canada stands: their status (valid, maintained, lost) and whether they may
 * apply for a work permit from inside Canada (docs/domain.md §9, §10).
 */

/** Restoration (IRPR s. 182) is applied for within 90 days of losing status (§9, §10). */
export const RESTORATION_DAYS = 90;

/**
 * Where the prospect's status stands, read once for urgency, blockers and pathways (§9, §10).
 * Maintained status lasts only while the extension is pending: a refusal ends it that day (or at
 * the old expiry, if that is later), and restoration runs 90 days from then, without work.
 */
export type StatusSituation =
  /** The permit is still valid; an extension may be pending, refused or not filed. */
  | { kind: 'valid'; expiry: string; daysLeft: number; extension: 'pending' | 'refused' | 'none' }
  /** Expired after an extension was applied for, not decided (confirmed) or not said to be decided. */
  | { kind: 'maintained'; expiry: string; decisionConfirmedPending: boolean }
  /** Status lost: expired without an extension, or the extension was refused. */
  | {
      kind: 'lost';
      cause: 'expired' | 'refused';
      expiry: string;
      /** The day status was lost; undefined when the refusal date is not given. */
      lostOn?: string;
      refusedOn?: string;
      /** The last day to apply for restoration; undefined when the day lost is not known. */
      restoreBy?: string;
      passed: boolean;
    }
  /** Expired, and whether an extension was applied for is not known. */
  | { kind: 'unclear'; expiry: string };

export function statusSituation(f: Facts): StatusSituation | undefined {
  const expiry = f.statusExpiry;
  if (expiry === undefined) return undefined;
  const daysLeft = daysBetween(f.today, expiry);
  const refused = f.extensionFiled === true && f.extensionRefused === true;
  if (daysLeft >= 0) {
    // A refusal before the old expiry leaves the permit valid until then, with nothing maintained after.
    const extension = refused ? 'refused' : f.extensionFiled === true ? 'pending' : 'none';
    return { kind: 'valid', expiry, daysLeft, extension };
  }
  if (refused) {
    const refusedOn = f.extensionRefusedOn;
    const lostOn = refusedOn === undefined ? undefined : refusedOn > expiry ? refusedOn : expiry;
    const restoreBy = lostOn === undefined ? undefined : addDays(lostOn, RESTORATION_DAYS);
    return {
      kind: 'lost',
      cause: 'refused',
      expiry,
      lostOn,
      refusedOn,
      restoreBy,
      passed: restoreBy !== undefined && restoreBy < f.today,
    };
  }
  if (f.extensionFiled === true)
    return { kind: 'maintained', expiry, decisionConfirmedPending: f.extensionRefused === false };
  if (f.extensionFiled === false) {
    const restoreBy = addDays(expiry, RESTORATION_DAYS);
    return { kind: 'lost', cause: 'expired', expiry, lostOn: expiry, restoreBy, passed: restoreBy < f.today };
  }
  return { kind: 'unclear', expiry };
}

/**
 * What an application made in Canada needs of an expired status (§10: valid, maintained or
 * restorable): undefined unless status was lost; `closed` once the 90 days of restoration are over.
 */
export function lostStatusRequirement(f: Facts): { closed: boolean; text: string } | undefined {
  const status = statusSituation(f);
  if (status?.kind !== 'lost') return undefined;
  const lost = `status lost ${status.lostOn === undefined ? 'on the refusal' : `on ${status.lostOn}`}`;
  if (status.passed)
    return {
      closed: true,
      text: `${lost} and the 90-day restoration period has passed`,
    };
  return {
    closed: false,
    text: `${lost}: restorable ${status.restoreBy === undefined ? 'within 90 days' : `until ${status.restoreBy}`} (IRPR s. 182) — restoration with the application to confirm`,
  };
}

/**
 * Whether a visitor in Canada may apply for a work permit from inside (§10): IRPR s. 199 lets a
 * family member of a work- or study-permit holder apply inside (199(e)), and public policies waive
 * s. 199 for others, such as a spouse sponsored in Canada (A74) or a Hong Kong pathway PR applicant. Only an ordinary visitor is told
 * to apply from outside; where the answers cannot tell, where to apply stays "to confirm".
 */
export type InsideCanada =
  { may: 'yes'; basis: string } | { may: 'afterSponsorship' } | { may: 'no' } | { may: 'unknown' };

export function insideCanadaApplication(f: Facts): InsideCanada | undefined {
  if (!f.inCanada || f.currentStatus !== 'visitor') return undefined;
  const inside = insideBasis(f);
  const lost = lostStatusRequirement(f);
  if (inside.may !== 'yes' || !lost) return inside;
  // Out of status, the inside route needs restoration; past the 90 days nothing is left to
  // restore, so where to apply is the lawyer's (§10).
  return lost.closed ? { may: 'unknown' } : { may: 'yes', basis: `${inside.basis}, once status is restored` };
}

function insideBasis(f: Facts): InsideCanada {
  const spouse = f.spouse?.status;
  if (spouse === 'worker' || spouse === 'student')
    return {
      may: 'yes',
      basis: `family member of a ${spouse === 'worker' ? 'work' : 'study'}-permit holder (IRPR s. 199(e))`,
    };
  // The in-Canada class needs the couple to live together: apart, where to apply is for the lawyer.
  if (spouse === 'citizenOrPr' && f.spouse?.sponsorshipFiled === true)
    return f.spouse.livingTogether === false
      ? { may: 'unknown' }
      : { may: 'yes', basis: 'spouse or partner sponsored in Canada (A74 public policy waives s. 199)' };
  if (f.prApplication?.program === 'family')
    return {
      may: 'yes',
      basis: 'person sponsored for PR in Canada (A74 public policy, to confirm the class)',
    };
  // The Hong Kong pathway public policy waives s. 199 for its PR applicants (§10).
  if (f.prApplication?.program === 'hongKong')
    return {
      may: 'yes',
      basis:
        'Hong Kong pathway permanent-residence applicant (the public policy waives s. 199; the application still pending — to confirm)',
    };
  if (spouse === 'citizenOrPr' && f.spouse?.sponsorshipFiled === false) return { may: 'afterSponsorship' };
  // A Canadian graduate on visitor status may still have an in-Canada route (a PGWP): not for the
  // rules to say where they apply.
  if (f.graduation) return { may: 'unknown' };
  // An ordinary visitor: no spouse in Canada, no Canadian studies, and no PR file that a public policy covers.
  const prProgram = f.prApplication?.program;
  if (f.spouseInCanada === false && f.prStatus !== undefined && (!f.prApplication || prProgram !== undefined))
    return { may: 'no' };
  return { may: 'unknown' };
}
