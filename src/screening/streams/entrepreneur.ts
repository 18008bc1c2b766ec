import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import type { StreamRule } from './rule';

/**
 * Entrepreneurs and the self-employed (C11, R205(a)) seeking *temporary* residence only (§2, §7).
 * An owner aiming at permanent residence goes through a provincial entrepreneur stream instead:
 * in BC, BC PNP Entrepreneur Immigration (a letter of support, then a work permit) (§9, §10).
 */

const MIN_OWNERSHIP_PERCENT = 50;

export const c11: StreamRule = {
  code: 'C11',
  name: 'Entrepreneur or self-employed',
  ref: refs(ref.streams, ref.changes, ref.dec2026),
  tests: `owns the business, controlling at least ${MIN_OWNERSHIP_PERCENT}%, and seeks temporary residence only`,
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
    const province = f.goalProvince;
    const prRoute =
      province === undefined || province === 'BC' || province === 'undecided'
        ? 'in BC, BC PNP Entrepreneur Immigration (a letter of support, then a work permit)'
        : "the province's entrepreneur stream — to confirm";
    if (f.goalType === 'permanent')
      check.failed(
        `aims at permanent residence: C11 is for owners seeking temporary residence only; the route is ${prRoute}`,
      );
    else if (f.goalType === 'notSure')
      check.unknown(
        `whether the owner seeks temporary residence only: C11 is for that; for permanent residence the route is ${prRoute}`,
      );
    return check
      .unknown('a viable business plan and steps taken: funds, premises, staffing')
      .unknown('the significant benefit of the business to Canada')
      .confirm('tightening reported May 27, 2025 — to confirm')
      .note('self-employment does not count toward CEC (§4)');
  },
};
