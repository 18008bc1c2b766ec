import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import type { StreamRule } from './rule';

/** Reciprocal employment (C20): athletes and coaches, formal reciprocal exchanges (§2, §9). */

export const c20: StreamRule = {
  code: 'C20',
  name: 'Reciprocal employment',
  ref: refs(ref.streams, ref.corrections),
  tests:
    'a sports post (pro or semi-pro athletes and coaches on Canadian teams) or a formal reciprocal exchange (not teacher exchanges: C22)',
  evaluate(f) {
    const sector = f.offer?.sector;
    if (sector !== 'sports' && sector !== 'exchange') return undefined;
    const check = new Assessment();
    if (sector === 'sports') {
      check.met('job with a sports team or league: pro and semi-pro athletes and coaches on Canadian teams');
      if (f.offer?.sportsTeam) check.met(`team or league: ${f.offer.sportsTeam}`);
      else check.unknown('the team and league (professional or semi-professional, Canadian team)');
    } else {
      check
        .met('post in a formal reciprocal exchange')
        .unknown('proof of reciprocity: comparable jobs for Canadians abroad');
    }
    return check.confirm('C20 guidance refreshed Feb 20, 2026 — to confirm');
  },
};
