import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import { daysBetween, PGWP_WINDOW_DAYS, pgwpWindowClosesOn } from '../facts';
import { educationLabels } from '../labels';
import { checkLanguage } from '../language';
import type { StreamRule } from './rule';

/** Post-graduation work permit (C43): program, window, once per lifetime, language, field of study (§2, §7, §9). */

export const c43: StreamRule = {
  code: 'C43',
  name: 'Post-graduation work permit',
  ref: refs(ref.streams, ref.changes, ref.language, ref.corrections),
  openPermit: true,
  tests: `a DLI program of 8+ months, within ${PGWP_WINDOW_DAYS} days of graduation, no earlier PGWP, CLB 7 (university degree) or CLB 5 (college), field of study for non-degree programs (study permit on or after Nov 1, 2024)`,
  evaluate(f) {
    const graduation = f.graduation;
    if (!graduation) return undefined;
    const check = new Assessment();
    const credential = graduation.credential;
    const degree = credential === 'bachelor' || credential === 'master' || credential === 'doctorate';
    switch (graduation.programLength) {
      case 'under8Months':
        check.failed('program shorter than 8 months: a PGWP needs a program of 8 months or more');
        break;
      case '8to24Months':
        check.met(
          credential === 'master'
            ? "master's program shorter than 2 years: a 3-year PGWP (since Feb 15, 2024)"
            : 'program of 8 to 24 months: a PGWP about as long as the program',
        );
        break;
      case '24MonthsPlus':
        check.met('program of 2 years or more: a PGWP of up to 3 years');
        break;
      case undefined:
        check.unknown('the program length (8 months or more)');
    }
    if (graduation.date === undefined)
      check.unknown(`the graduation date (apply within ${PGWP_WINDOW_DAYS} days)`);
    else {
      const closes = pgwpWindowClosesOn(graduation.date);
      const daysSince = daysBetween(graduation.date, f.today);
      if (daysSince > PGWP_WINDOW_DAYS)
        check.failed(`graduated ${graduation.date}: the ${PGWP_WINDOW_DAYS}-day window closed on ${closes}`);
      else if (daysSince >= 0)
        check.met(
          `graduated ${graduation.date}: within the ${PGWP_WINDOW_DAYS}-day window, which closes on ${closes}`,
        );
      else
        check.met(`graduates ${graduation.date}: the ${PGWP_WINDOW_DAYS}-day window will close on ${closes}`);
    }
    if (graduation.hadPgwp === true) check.failed('already had a PGWP: it is once per lifetime');
    else if (graduation.hadPgwp === false) check.met('has not had a PGWP before');
    else check.unknown('whether a PGWP was held before (once per lifetime)');
    if (degree) {
      check.met(`${educationLabels[credential]}: no field-of-study requirement for university degrees`);
      checkLanguage(check, f.language, {
        minimum: 7,
        purpose: 'for a university degree (since Nov 1, 2024)',
        hard: true,
      });
    } else if (credential !== undefined) {
      checkLanguage(check, f.language, {
        minimum: 5,
        purpose: 'for a college or other program (since Nov 1, 2024)',
        hard: true,
      });
      if (graduation.studyPermitAfterNov2024 === false)
        check.met('study permit applied for before Nov 1, 2024: the field-of-study list does not apply');
      else if (graduation.studyPermitAfterNov2024 === true)
        check
          .unknown(
            `the field of study${graduation.field ? ` (${graduation.field})` : ''} is on the eligible list (list revised Jun 25, 2025) — to confirm`,
          )
          .confirm(
            "reported Jul 4, 2025 changes (list kept until early 2026, college bachelor's exemption) — to confirm",
          );
      else
        check.unknown(
          'when the study permit was applied for (the field-of-study list applies from Nov 1, 2024)',
        );
    } else {
      check.unknown(
        'the credential: a university degree (CLB 7) or a college program (CLB 5, field of study)',
      );
      checkLanguage(check, f.language, {
        minimum: 5,
        purpose: 'at least (CLB 7 for a university degree)',
        hard: true,
      });
    }
    return check.confirm('the program was at a PGWP-eligible DLI');
  },
};
