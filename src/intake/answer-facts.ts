import type { Noc } from './inputs';
import type { AnswerOf } from './steps';

/**
 * Readings of answers that decide both whether a follow-up question is asked (relevance.ts) and
 * what the rules conclude (src/screening): defined once, here in the intake, so the two cannot
 * drift apart (the screening imports the intake, never the reverse).
 */

export type Teer = 0 | 1 | 2 | 3 | 4 | 5;

/** The TEER of a job: the one given, else the NOC code's second digit (NOC 2021). */
export function teerOfNoc(noc: Noc | undefined): Teer | undefined {
  const teer = noc?.teer ?? (noc?.noc === undefined ? undefined : Number(noc.noc[1]));
  return teer !== undefined && teer >= 0 && teer <= 5 ? (teer as Teer) : undefined;
}

/** The TEER picked from a list (the spouse's job, Canadian work), or undefined when not known. */
export function teerOfChoice(value: AnswerOf<'canadianWorkTeer'> | undefined): Teer | undefined {
  return value === undefined || value === 'unknown' ? undefined : (Number(value) as Teer);
}

/** TEER 0 or 1: management and jobs that usually need a university degree. */
export const isProfessionalTeer = (teer: Teer | undefined): teer is 0 | 1 => teer === 0 || teer === 1;

/** CUSMA covers US and Mexican citizens only, not permanent residents (§2). */
export const cusmaCitizenships: ReadonlySet<string> = new Set(['US', 'MX']);

/** The offer's employer is related to the current one (an intra-company transfer, §2). */
export const sameGroupRelations = ['parent', 'subsidiary', 'branch', 'affiliate'] as const;
export type SameGroupRelation = (typeof sameGroupRelations)[number];
export const isSameGroupRelation = (
  answer: AnswerOf<'offerSameGroup'> | undefined,
): answer is SameGroupRelation => sameGroupRelations.some((relation) => relation === answer);

/** A university degree: bachelor's or higher (education level, or a Canadian program's credential). */
const degrees: ReadonlySet<string> = new Set(['bachelor', 'master', 'doctorate']);
export const isDegree = (
  level: AnswerOf<'educationLevel'> | AnswerOf<'programCredential'> | undefined,
): boolean => level !== undefined && degrees.has(level);

/**
 * NOC 2021 home child care providers (44100) and home support workers, caregivers and related
 * occupations (44101): the codes hold caregivers and housekeepers alike, so only the duties tell
 * whether the job is in-home care (§10).
 */
export const isHomeSupportNoc = (noc: string | undefined): boolean => noc === '44100' || noc === '44101';

/**
 * Economic PR programs (CEC, FSW, FST, PNP): once such an application is filed, the intake does not
 * weigh CEC as a route of its own; the filed file is the lawyer's to review.
 */
export const isEconomicPrProgram = (
  program: AnswerOf<'prProgram'> | undefined,
): program is 'cec' | 'fsw' | 'fst' | 'pnp' =>
  program === 'cec' || program === 'fsw' || program === 'fst' || program === 'pnp';
