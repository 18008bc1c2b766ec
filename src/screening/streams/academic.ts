import { Assessment } from '../assessment';
import { ref } from '../reference';
import type { Facts } from '../facts';
import type { StreamRule } from './rule';

/** Academics: guest lecturers, visiting professors and exchange teachers (C22), post-docs (C44), research awards (C52), researchers (C31) (§2, §9). */

type AcademicRole = NonNullable<NonNullable<Facts['offer']>['academicRole']>;

function academicRule(
  code: string,
  name: string,
  roles: readonly (AcademicRole | undefined)[],
  assess: (check: Assessment, f: Facts) => void,
): StreamRule {
  return {
    code,
    name,
    ref: ref.streams,
    tests: `an academic post as ${roles.filter(Boolean).join(' or ')}`,
    evaluate(f) {
      const offer = f.offer;
      if (!offer) return undefined;
      const teacherExchange = offer.sector === 'teacherExchange' && code === 'C22';
      if (!teacherExchange && (offer.sector !== 'academic' || !roles.includes(offer.academicRole)))
        return undefined;
      const check = new Assessment();
      assess(check, f);
      return check.confirm("a letter from the institution with the role's dates and funding");
    },
  };
}

export const academicRules: StreamRule[] = [
  academicRule(
    'C22',
    'Academic: guest lecturer, visiting professor or exchange teacher',
    ['guestLecturer', 'visitingProfessor', undefined],
    (check, f) => {
      const role = f.offer?.academicRole;
      if (f.offer?.sector === 'teacherExchange')
        check
          .met('teacher in a formal teacher exchange')
          .confirm('the exchange agreement and the reciprocal placement');
      else if (role === 'guestLecturer')
        check.met('guest lecturer').confirm('the stay is shorter than one term');
      else if (role === 'visitingProfessor')
        check.met('visiting professor').confirm('the post lasts at most 2 academic years');
      else
        check
          .met('academic post')
          .unknown('the academic role: guest lecturer, visiting professor or exchange teacher');
    },
  ),
  academicRule('C44', 'Academic: post-doctoral fellow', ['postdoc'], (check, f) => {
    check.met('post-doctoral fellowship');
    if (f.educationLevel === 'doctorate') check.met('holds a doctorate');
    else check.unknown('a PhD, completed or about to be');
  }),
  academicRule('C52', 'Academic: research award recipient', ['researchAward'], (check) => {
    check.met('research award recipient').confirm('the award is chosen on academic merit');
  }),
  academicRule('C31', 'Academic: researcher', ['researcher'], (check) => {
    check.met('research post').unknown('the research role, the institution and the funding');
  }),
];
