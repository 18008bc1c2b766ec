import type { Answers } from '../../intake/steps';
import type { Facts } from '../facts';
import type { Stream } from '../lead-schema';
import { academicRules } from './academic';
import { a75 } from './bridging';
import { t36 } from './cusma';
import { c11 } from './entrepreneur';
import { c16 } from './francophone';
import { cuktcaProfessional, otherFtaRules, t43, t52 } from './fta';
import { ictRules } from './ict';
import { c21 } from './iec';
import { t13 } from './nominee';
import { c43 } from './pgwp';
import { c20 } from './reciprocal';
import { c10 } from './significant-benefit';
import { a74, c41c46, c42, prBoundFamily } from './spouses';
import type { StreamRule } from './rule';

export type { StreamRule } from './rule';

/*
 * One file per family of streams: its rules, its labels, its constants and country lists, and the
 * reading of any question of its own (rules get the answers as well as the shared facts).
 *
 * A new stream with one question: the family file (the rule, listed below), its step in the
 * catalogue (src/intake/steps.ts) and its wording (flows/en-CA.yaml, flows/fr-CA.yaml). A question
 * asked only on a new condition also needs that guard in src/intake/relevance.ts: guards belong to
 * the intake, which the screening imports and never the reverse, so data a guard reads (the IEC
 * partners, the CUSMA professions, the spouse's 16 months) stays in src/intake and the family file
 * imports it from there.
 */

/** Every stream rule, in the order staff read them when fits are equal. */
export const streamRules: readonly StreamRule[] = [
  ...ictRules,
  t36,
  t43,
  cuktcaProfessional,
  t52,
  ...otherFtaRules,
  c16,
  t13,
  c43,
  a74,
  c41c46,
  prBoundFamily,
  c42,
  a75,
  c21,
  c20,
  ...academicRules,
  c11,
  c10,
];

const fitOrder = { likely: 0, possible: 1, unlikely: 2 } as const;

export function screenStreams(
  facts: Facts,
  answers: Answers,
): { streams: Stream[]; noExemptStreamEvident: boolean } {
  const found = streamRules.flatMap((rule) => {
    const assessment = rule.evaluate(facts, answers);
    if (!assessment) return [];
    const { fit, reasons, missing, unmet, openQuestion } = assessment.outcome();
    return [
      {
        stream: { code: rule.code, name: rule.name, fit, reasons, missing, unmet, ref: rule.ref },
        openQuestion,
      },
    ];
  });
  const streams = found.map((entry) => entry.stream).sort((a, b) => fitOrder[a.fit] - fitOrder[b.fit]);
  const noExemptStreamEvident = !found.some(
    (entry) => entry.stream.fit !== 'unlikely' && !entry.openQuestion,
  );
  return { streams, noExemptStreamEvident };
}
