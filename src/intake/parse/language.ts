import { z } from 'zod';
import { normalize } from './words';

/**
 * Language test results as the prospect's test report gives them, and their conversion to
 * Canadian Language Benchmarks (CLB, English) and Niveaux de compétence linguistique canadiens
 * (NCLC, French) with IRCC's equivalency charts.
 *
 * Source (docs/domain.md §6): IRCC, "Language test equivalency charts",
 * https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/operational-bulletins-manuals/standard-requirements/language-requirements/test-equivalency-charts.html
 * The page was referenced, not retrieved, when these tables were written: every band is marked
 * [U] ("to confirm" for staff) except those §6 states (CELPIP level = CLB level; IELTS 6.0 in
 * every skill = CLB 7). Staff see the score as typed beside the level, so a wrong band shows.
 */

export const skills = ['listening', 'reading', 'writing', 'speaking'] as const;
export type Skill = (typeof skills)[number];

export const scoredTests = ['ieltsGeneral', 'celpip', 'pteCore', 'tefCanada', 'tcfCanada'] as const;
export type ScoredTest = (typeof scoredTests)[number];

interface SkillScale {
  min: number;
  max: number;
  /** The smallest difference between two scores (IELTS bands go by halves). */
  step: number;
}

interface Band {
  /** The lowest score of the band, per skill. */
  from: Record<Skill, number>;
  level: number;
  /** Confirmed against docs/domain.md §6; otherwise [U]. */
  confirmed?: boolean;
}

interface TestScale {
  /** What the test reports and what we store, named for staff. */
  scale: 'IELTS band' | 'CELPIP level' | 'PTE Core points' | 'TEF Canada points' | 'TCF Canada points';
  levels: 'CLB' | 'NCLC';
  skills: Record<Skill, SkillScale>;
  /** An overall score exists on the report (IELTS, PTE) or a single level can stand for all (CELPIP). */
  overall?: SkillScale;
  /** From the highest band down; a score below the last band is below the chart. */
  bands: Band[];
}

const same = (scale: SkillScale): Record<Skill, SkillScale> => ({
  listening: scale,
  reading: scale,
  writing: scale,
  speaking: scale,
});
const row = (level: number, l: number, r: number, w: number, s: number, confirmed = false): Band => ({
  level,
  from: { listening: l, reading: r, writing: w, speaking: s },
  confirmed,
});

export const testScales: Record<ScoredTest, TestScale> = {
  // IELTS General Training, bands 0–9 by halves. IRCC chart "IELTS General Training" [U] but CLB 7.
  ieltsGeneral: {
    scale: 'IELTS band',
    levels: 'CLB',
    skills: same({ min: 0, max: 9, step: 0.5 }),
    overall: { min: 0, max: 9, step: 0.5 },
    bands: [
      //   CLB  listening reading writing speaking
      row(10, 8.5, 8.0, 7.5, 7.5),
      row(9, 8.0, 7.0, 7.0, 7.0),
      row(8, 7.5, 6.5, 6.5, 6.5),
      row(7, 6.0, 6.0, 6.0, 6.0, true),
      row(6, 5.5, 5.0, 5.5, 5.5),
      row(5, 5.0, 4.0, 5.0, 5.0),
      row(4, 4.5, 3.5, 4.0, 4.0),
    ],
  },
  // CELPIP-General, levels M and 1–12: "CELPIP scores equal CLB levels" (§6); the chart puts 10–12 at CLB 10.
  celpip: {
    scale: 'CELPIP level',
    levels: 'CLB',
    skills: same({ min: 1, max: 12, step: 1 }),
    overall: { min: 1, max: 12, step: 1 },
    bands: [10, 9, 8, 7, 6, 5, 4].map((level) => row(level, level, level, level, level, true)),
  },
  // PTE Core, points 10–90 per skill (accepted since Jan 30, 2024, §6). IRCC chart "PTE Core" [U].
  pteCore: {
    scale: 'PTE Core points',
    levels: 'CLB',
    skills: same({ min: 10, max: 90, step: 1 }),
    overall: { min: 10, max: 90, step: 1 },
    bands: [
      //   CLB listening reading writing speaking
      row(10, 89, 88, 90, 89),
      row(9, 82, 78, 88, 84),
      row(8, 71, 69, 79, 76),
      row(7, 60, 60, 69, 68),
      row(6, 50, 51, 60, 59),
      row(5, 39, 42, 51, 51),
      row(4, 28, 33, 41, 42),
    ],
  },
  // TEF Canada, points 0–699 per skill on the scale in use since Dec 11, 2023 (older results, on
  // the 0–360/0–450 scale, are over 2 years old and expired). IRCC chart "TEF Canada" [U].
  tefCanada: {
    scale: 'TEF Canada points',
    levels: 'NCLC',
    skills: same({ min: 0, max: 699, step: 1 }),
    bands: [
      //   NCLC compréhension orale, compréhension écrite, expression écrite, expression orale
      // reading shares its cut-offs with TCF Canada's reading from NCLC 4 to 9
      row(10, 546, 546, 558, 556),
      row(9, 503, 524, 512, 518),
      row(8, 462, 499, 472, 494),
      row(7, 434, 453, 428, 456),
      row(6, 393, 406, 379, 422),
      row(5, 352, 375, 330, 387),
      row(4, 306, 342, 268, 328),
    ],
  },
  // TCF Canada: comprehension 100–699 points, expression 0–20 points. IRCC chart "TCF Canada" [U].
  tcfCanada: {
    scale: 'TCF Canada points',
    levels: 'NCLC',
    skills: {
      listening: { min: 100, max: 699, step: 1 },
      reading: { min: 100, max: 699, step: 1 },
      writing: { min: 0, max: 20, step: 1 },
      speaking: { min: 0, max: 20, step: 1 },
    },
    bands: [
      //   NCLC compréhension orale, compréhension écrite, expression écrite, expression orale
      row(10, 549, 549, 16, 16),
      row(9, 523, 524, 14, 14),
      row(8, 503, 499, 12, 12),
      row(7, 458, 453, 10, 10),
      row(6, 398, 406, 7, 7),
      row(5, 369, 375, 6, 6),
      row(4, 331, 342, 4, 4),
    ],
  },
};

/** The level given to a score below the chart's lowest band (CLB/NCLC 4): "below 4". */
export const BELOW_CHART = 3;

const onScale = (value: number, scale: SkillScale) =>
  value >= scale.min && value <= scale.max && Number.isInteger((value - scale.min) / scale.step);

const scoreValue = z.number().nonnegative().max(699);

/**
 * One language result as stored: the test and its scores as the prospect gave them (four skills,
 * or the overall score when that is all they know), or — for intakes before scores were asked,
 * and for a prospect who types "CLB 8" — a CLB/NCLC level as given. `null` is "don't know".
 */
export const languageResultSchema = z
  .union([
    z
      .object({
        test: z.enum(scoredTests),
        listening: scoreValue,
        reading: scoreValue,
        writing: scoreValue,
        speaking: scoreValue,
      })
      .strict(),
    z.object({ test: z.enum(scoredTests), overall: scoreValue }).strict(),
    z.number().int().min(1).max(12),
  ])
  .superRefine((result, ctx) => {
    if (typeof result === 'number') return;
    const scale = testScales[result.test];
    const checks: [string, number, SkillScale | undefined][] =
      'overall' in result
        ? [['overall', result.overall, scale.overall]]
        : skills.map((skill) => [skill, result[skill], scale.skills[skill]]);
    for (const [name, value, skillScale] of checks) {
      if (!skillScale || !onScale(value, skillScale))
        ctx.addIssue({ code: 'custom', path: [name], message: `not on the ${scale.scale} scale` });
    }
  })
  .nullable();
export type LanguageResult = z.infer<typeof languageResultSchema>;
export type LanguageScores = Exclude<LanguageResult, number | null>;

export interface Conversion {
  levels: 'CLB' | 'NCLC';
  /** Per skill; for an overall score, the overall read on each skill's chart. */
  bySkill: Record<Skill, number>;
  /** The lowest of the four: what "CLB 7 in all four skills" requirements test. */
  lowest: number;
  /** Read from an overall score: an estimate until the four scores are known. */
  estimate: boolean;
  /** A band used is not confirmed against IRCC's chart [U]. */
  unconfirmed: boolean;
}

function levelOf(test: ScoredTest, skill: Skill, value: number): { level: number; confirmed: boolean } {
  const bands = testScales[test].bands;
  const band = bands.find((b) => value >= b.from[skill]);
  // Below the chart is as sure as the chart's lowest band.
  if (!band) return { level: BELOW_CHART, confirmed: bands[bands.length - 1]?.confirmed ?? false };
  return { level: band.level, confirmed: band.confirmed ?? false };
}

/** Converts stored scores to CLB/NCLC with IRCC's chart for the test (§6). */
export function convertScores(scores: LanguageScores): Conversion {
  const bySkill = {} as Record<Skill, number>;
  let unconfirmed = false;
  for (const skill of skills) {
    const value = 'overall' in scores ? scores.overall : scores[skill];
    const { level, confirmed } = levelOf(scores.test, skill, value);
    bySkill[skill] = level;
    if (!confirmed) unconfirmed = true;
  }
  return {
    levels: testScales[scores.test].levels,
    bySkill,
    lowest: Math.min(...skills.map((skill) => bySkill[skill])),
    estimate: 'overall' in scores,
    unconfirmed,
  };
}

/** Skill names on test reports, in English and French, normalized; one letter or two for short. */
const SKILL_WORDS: [RegExp, Skill | 'overall'][] = [
  [/\b(comprehension (?:de l'|)orale?|oral comprehension|listening|listen|ecoute|co|l)\b/g, 'listening'],
  [/\b(comprehension (?:de l'|)ecrite?|written comprehension|reading|read|lecture|ce|r)\b/g, 'reading'],
  [/\b(expression ecrite|written expression|writing|write|ecriture|redaction|ee|w)\b/g, 'writing'],
  [/\b(expression orale|oral expression|speaking|speak|oral|parler|eo|s)\b/g, 'speaking'],
  [/\b(overall|total|global|globale|moyenne|average|band score|score global|note globale)\b/g, 'overall'],
];

export type ScoreReading =
  { result: LanguageResult } | { problem: 'language.scores' | 'language.range' | 'language.perSkill' };

/** "CLB 7", "NCLC 8", "niveau 7" — or, when `bare`, a plain 7 — as a CLB/NCLC level. */
export function readLevel(raw: string, bare: boolean): ScoreReading | undefined {
  const level = (
    bare ? /^(?:clb|nclc|niveau|level)?\s*(\d{1,2})$/ : /^(?:clb|nclc|niveau|level)\s*(\d{1,2})$/
  ).exec(normalize(raw));
  if (!level) return bare ? { problem: 'language.scores' } : undefined;
  const value = Number(level[1]);
  return value >= 1 && value <= 12 ? { result: value } : { problem: 'language.range' };
}

/**
 * Reads scores typed on the test's own scale: "L 7.5 R 7 W 6.5 S 7", "listening 8, reading 7…",
 * "CO 450 CE 420 EE 400 EO 430", four numbers in the order listening, reading, writing, speaking,
 * one overall score (IELTS, CELPIP, PTE Core), or a CLB/NCLC level the prospect already knows.
 */
export function readScores(raw: string, test: ScoredTest): ScoreReading {
  const scale = testScales[test];
  let text = normalize(raw);
  // "7,5" is a French decimal on the IELTS scale; elsewhere a comma separates scores.
  if (test === 'ieltsGeneral') text = text.replace(/(\d),5\b/g, '$1.5');
  const level = readLevel(text, false);
  if (level) return level;
  text = text.replace(/([a-z])(\d)/g, '$1 $2').replace(/(\d)([a-z])/g, '$1 $2');
  for (const [pattern, skill] of SKILL_WORDS) text = text.replace(pattern, ` #${skill} `);
  const tokens = text
    .split(/[\s,;:=/|()-]+/)
    .filter((token) => token.startsWith('#') || /^\d+(\.\d+)?$/.test(token));
  const numbers = tokens.filter((token) => !token.startsWith('#')).map(Number);
  const labelled = tokens.some((token) => token.startsWith('#'));
  let given: Partial<Record<Skill | 'overall', number>> = {};
  if (!labelled) {
    if (numbers.length === 1) given = { overall: numbers[0]! };
    else if (numbers.length === 4) skills.forEach((skill, i) => (given[skill] = numbers[i]!));
    else return { problem: 'language.scores' };
  } else {
    // Labels come before their numbers ("listening 8") or after them ("8 in listening"), not both.
    const labelFirst = tokens[0]!.startsWith('#');
    for (let i = 0; i < tokens.length; i += 2) {
      const [label, value] = labelFirst ? [tokens[i], tokens[i + 1]] : [tokens[i + 1], tokens[i]];
      if (!label?.startsWith('#') || value === undefined || value.startsWith('#'))
        return { problem: 'language.scores' };
      const name = label.slice(1) as Skill | 'overall';
      if (given[name] !== undefined) return { problem: 'language.scores' };
      given[name] = Number(value);
    }
    if (Object.keys(given).length !== numbers.length) return { problem: 'language.scores' };
  }
  const hasAll = skills.every((skill) => given[skill] !== undefined);
  let result: LanguageResult;
  if (hasAll) {
    result = {
      test,
      listening: given.listening!,
      reading: given.reading!,
      writing: given.writing!,
      speaking: given.speaking!,
    };
  } else if (given.overall !== undefined && Object.keys(given).length === 1) {
    if (!scale.overall) return { problem: 'language.perSkill' };
    result = { test, overall: given.overall };
  } else {
    return { problem: 'language.scores' };
  }
  return languageResultSchema.safeParse(result).success ? { result } : { problem: 'language.range' };
}
