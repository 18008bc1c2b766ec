import type { Assessment } from './assessment';
import type { LanguageFacts } from './facts';

export interface LanguageRequirement {
  /** CLB (English) or NCLC (French) in all four skills. */
  minimum: number;
  /** What the level is for, e.g. "for CEC in a TEER 0/1 job". */
  purpose: string;
  /** False where the minimum itself is unconfirmed: a lower level is then a question, not a failure. */
  hard: boolean;
}

const acceptedTests = 'IELTS General Training, CELPIP-General, PTE Core, TEF Canada or TCF Canada';

/**
 * Checks the prospect's language result against a requirement (§6): only accepted tests count,
 * a result older than 2 years counts as missing, and the level on file is the lowest of the four
 * skills — exactly what "in all four skills" requirements test.
 */
export function checkLanguage(check: Assessment, language: LanguageFacts, need: LanguageRequirement): void {
  const wanted = `CLB/NCLC ${need.minimum} ${need.purpose}`;
  if (language.kind === 'unknown' || language.kind === 'none') {
    check.unknown(`a language test (${acceptedTests}): ${wanted} (§6)`);
    return;
  }
  if (language.kind === 'notAccepted') {
    check.unknown(
      `a result from an accepted test (${acceptedTests}; TOEFL and Duolingo are not accepted): ${wanted} (§6)`,
    );
    return;
  }
  const test = language.testName ?? 'test';
  if (language.expired) {
    check.unknown(
      `a new language test: the ${test} of ${language.testDate} is older than 2 years; ${wanted} (§6, §8)`,
    );
    return;
  }
  if (language.level === undefined) {
    check.unknown(`the ${test} levels: ${wanted}`);
    return;
  }
  const level = language.level < 4 ? `below ${language.scale} 4` : `${language.scale} ${language.level}`;
  if (language.estimate) {
    // An overall score hides the weakest skill: it can neither meet nor fail an all-skills minimum.
    check.unknown(`the four ${test} scores: the overall score suggests about ${level}; ${wanted} (§6)`);
  } else {
    const result = `${level} (lowest of the four skills, ${test})`;
    if (language.level >= need.minimum) check.met(`${result} meets ${wanted}`);
    else if (need.hard) check.failed(`${result} is below ${wanted}`);
    else check.unknown(`${wanted} — to confirm: ${result} is below it`);
    if (language.unconfirmed)
      check.confirm(
        `the ${test} scores' conversion to ${language.scale} (IRCC chart band [U], §6) — to confirm`,
      );
  }
  if (language.testDate === undefined) check.unknown(`the ${test} date (results are valid 2 years)`);
}
