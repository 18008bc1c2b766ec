import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import type { StreamRule } from './rule';

/** Entrepreneurs and the self-employed (C11, R205(a)) seeking temporary residence (§2, §7). */

const MIN_OWNERSHIP_PERCENT = 50;

export const c11: StreamRule = {
  code: 'C11',
  name: 'Entrepreneur or self-employed',
  ref: refs(ref.streams, ref.changes),
  tests: `owns the business, controlling at least ${MIN_OWNERSHIP_PERCENT}%`,
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
    return check
      .unknown('a viable business plan and steps taken: funds, premises, staffing')
      .unknown('the significant benefit of the business to Canada')
      .confirm('tightening reported May 27, 2025 — to confirm')
      .note('self-employment does not count toward CEC (§4)');
  },
};
