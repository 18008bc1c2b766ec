import type { Answers } from '../../intake/steps';
import type { Assessment } from '../assessment';
import type { Facts } from '../facts';
import { educationLabels } from '../labels';

/**
 * LMIA-exempt stream rules. Each family of streams lives in one file of this folder with its
 * rules, its labels and the facts it reads; index.ts lists them in the order staff read them.
 * A rule names the facts it tests and the reference section it rests on,
 * and returns an Assessment — or nothing when the prospect is not a candidate at all. A rule
 * returns a failing assessment (→ unlikely) only where the prospect seems to aim at the stream and
 * staff should see why it does not fit (e.g. a US permanent resident with a professional offer).
 */
export interface StreamRule {
  code: string;
  name: string;
  ref: string;
  /** The facts the rule tests, in a line. */
  tests: string;
  /**
   * The facts derived from the answers, and the answers themselves (the relevant ones): a family
   * reads a question of its own from `answers` without widening the shared facts.
   */
  evaluate(facts: Facts, answers: Answers): Assessment | undefined;
  /** The stream gives an open work permit (no Employer Portal offer). */
  openPermit?: true;
  /** Why the lead is urgent whatever its dates (e.g. a worker at risk of abuse), if it is. */
  urgency?(facts: Facts, answers: Answers): string | undefined;
}

export function jobTeerReason(teer: number): string {
  return `professional-level job offer (TEER ${teer})`;
}

export function degreeReason(f: Facts): string {
  return f.educationLevel ? educationLabels[f.educationLevel] : 'degree';
}

/** A stream whose exemption code could not be confirmed [U] carries this, never an invented code (§10). */
export const CODE_TO_CONFIRM = 'code to confirm';

/** How staff read a stream: its code and name, or its name first where the code is not known (§10). */
export function streamTitle(stream: { code: string; name: string }): string {
  return stream.code === CODE_TO_CONFIRM
    ? `${stream.name}, ${CODE_TO_CONFIRM}`
    : `${stream.code} ${stream.name}`;
}

/** The short form for one-line lists: the code, or the name where the code is not known. */
export function streamShortTitle(stream: { code: string; name: string }): string {
  return stream.code === CODE_TO_CONFIRM ? `${stream.name} (${CODE_TO_CONFIRM})` : stream.code;
}
