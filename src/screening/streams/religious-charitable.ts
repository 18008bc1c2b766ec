import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import type { StreamRule } from './rule';

/**
 * Religious work (C50) and charitable work (C51), both R205(d), employer-specific and
 * LMIA-exempt (§10). A religious leader performing their duties may need no permit at all (R186(l)).
 */

export const c50: StreamRule = {
  code: 'C50',
  name: 'Religious work',
  ref: refs(ref.dec2026),
  tests:
    'a job offer in religious work: preaching, pastoral care or worship for a community whose beliefs the worker shares',
  evaluate(f) {
    if (f.offer?.sector !== 'religious') return undefined;
    return new Assessment()
      .met('job offer in religious work')
      .unknown(
        'the duties are religious (preaching, pastoral care, worship) for a community whose beliefs the worker shares, not mainly administrative or maintenance work',
      )
      .note(
        'a religious leader performing their duties may need no work permit at all (R186(l)) — to confirm',
      )
      .confirm("a letter from the religious organization describing the duties and the worker's membership");
  },
};

export const c51: StreamRule = {
  code: 'C51',
  name: 'Charitable work',
  ref: refs(ref.dec2026),
  tests: 'a job offer in charitable work (for a charity or non-profit)',
  evaluate(f) {
    if (f.offer?.sector !== 'charitable') return undefined;
    return new Assessment()
      .met('job offer in charitable work')
      .unknown(
        'the work is charitable as IRCC reads it (relieving poverty, advancing education or another charitable purpose), not an ordinary job a Canadian could be hired for',
      )
      .confirm("the organization's charitable or non-profit status and the duties — to confirm");
  },
};
