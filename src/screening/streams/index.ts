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
import { a74, c41c46, c42, ftaSpouseRules, prBoundFamily } from './spouses';
import { hongKong } from './hong-kong';
import { c50, c51 } from './religious-charitable';
import { a72 } from './vulnerable-worker';
import type { StreamRule } from './rule';

export type { StreamRule } from './rule';
export { streamShortTitle, streamTitle } from './rule';

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
  a72,
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
  ...ftaSpouseRules,
  c42,
  a75,
  hongKong,
  c21,
  c20,
  ...academicRules,
  c50,
  c51,
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

/** Codes of the streams that give an open permit: no Employer Portal offer for them. */
export const openPermitCodes: ReadonlySet<string> = new Set(
  streamRules.filter((rule) => rule.openPermit).map((rule) => rule.code),
);

/** Why a stream makes the lead urgent whatever its dates (e.g. a worker at risk of abuse). */
export function streamUrgency(facts: Facts, answers: Answers): string[] {
  return streamRules.flatMap((rule) => rule.urgency?.(facts, answers) ?? []);
}
