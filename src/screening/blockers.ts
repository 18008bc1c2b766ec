import { daysBetween, type Facts } from './facts';
import type { Flag } from './lead-schema';
import { URGENT_WITHIN_DAYS } from './urgency';

/**
 * What a lawyer reads before any stream (§8, §9): an expired or expiring status, a visitor who
 * cannot apply from inside Canada, a serious admissibility ground and a refusal history that
 * carries a misrepresentation risk. Streams listed next to a serious blocker are "subject to
 * admissibility".
 */
export const seriousGrounds = new Set<Flag['ground']>(['security', 'human-rights', 'organized-criminality']);

export function isSeriousFlag(flag: Flag): boolean {
  return flag.serious === true || seriousGrounds.has(flag.ground);
}

export function screenBlockers(f: Facts, flags: readonly Flag[]): string[] {
  const blockers: string[] = [];
  if (f.statusExpiry !== undefined) {
    const days = daysBetween(f.today, f.statusExpiry);
    if (days < 0 && f.extensionFiled !== true)
      blockers.push(
        `Status expired on ${f.statusExpiry}${f.extensionFiled === false ? ', no extension filed' : ''}: restoration (90 days) or maintained status decides every option — see urgency.`,
      );
    else if (days >= 0 && days <= URGENT_WITHIN_DAYS && f.extensionFiled !== true)
      blockers.push(
        `Status expires ${f.statusExpiry} (in ${days} days): apply to extend or change before then.`,
      );
  }
  if (f.inCanada && f.currentStatus === 'visitor')
    blockers.push(
      'Visitor in Canada: a work permit can no longer be applied for from inside Canada (public policy ended Aug 28, 2024) — apply from outside Canada.',
    );
  const serious = flags.filter(isSeriousFlag);
  if (serious.length > 0)
    blockers.push(
      `Serious admissibility issue (${serious.map((flag) => flag.ground).join(', ')}): every stream below is subject to admissibility.`,
    );
  if (flags.some((flag) => flag.ground === 'previous-refusal' || flag.ground === 'misrepresentation'))
    blockers.push(
      'Misrepresentation risk: a refusal history must have been declared on every Canadian application since — the lawyer checks the earlier forms (IRPA s. 40).',
    );
  return blockers;
}
