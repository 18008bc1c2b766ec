import { firstUnansweredStep, relevantSteps } from '../../src/intake/relevance';
import { stepCatalogue, type Answers, type StepId } from '../../src/intake/steps';
import { buildLead, type Lead } from '../../src/screening';
import { profiles, typical } from '../support/profiles';

/**
 * Relevance follows the rules: on every realistic profile, each choice or yes/no question the
 * profile is asked is answered every other way in turn (the rest of the interview replayed with
 * typical answers for whatever the new answer opens). At least one other answer must change what
 * staff get (streams with their reasons and missing facts, flags, lawyer notes, blockers,
 * pathways, urgency, priority, a summary line) or which questions are asked next. A question whose
 * every other answer changes nothing was asked for nothing on that path.
 */

/**
 * Questions a profile may be asked although no other answer changes its lead, each with why.
 * Keep it short: a new entry needs a reason a lawyer would accept.
 */
export const askedForNothingAllowed: Partial<Record<StepId, string>> = {
  spouseTeer:
    'Asked before spousePrBound on purpose: a spouse in a TEER 0/1 job with 16+ months left qualifies under C41/C46 and is never asked the PR question; the TEER stops mattering only once a later answer says the spouse applied for PR or holds a nomination (C46–C49). Asking the PR question first would add one question for every spouse of a skilled worker to save two for the few who are PR-bound.',
};

/** Consent and role decide whether there is an interview at all, and which one. */
const gates = new Set<StepId>(['consent', 'role']);

/** Plain answers for the questions a new answer opens that the profiles' typical answers do not cover. */
const samples: unknown[] = [
  'Example Ltd.',
  { noc: '21231', teer: 1 },
  'FR',
  12,
  2021,
  { amount: 90000, per: 'year' },
  '2027-05-01',
  '123456789',
  null,
];

/** Fills what the new answer opened, the way the profiles do (typical answers, else a plain one). */
function replay(answers: Answers): Answers {
  const filled: Record<string, unknown> = { ...answers };
  for (let step = firstUnansweredStep(filled); step !== undefined; step = firstUnansweredStep(filled)) {
    const input = stepCatalogue[step].input;
    const candidates = [typical[step], input.kind === 'yesno' ? false : input.choices?.[0], ...samples];
    const value = candidates.find((c) => c !== undefined && input.value.safeParse(c).success);
    if (value === undefined) throw new Error(`no answer to replay "${step}" with`);
    filled[step] = value;
  }
  return filled as Answers;
}

function leadOf(answers: Answers): Lead | undefined {
  if (answers.consent !== true) return undefined;
  return buildLead({
    id: 'ablation',
    reference: 'IMP-ABLATION',
    createdAt: '2026-11-25T17:00:00.000Z',
    locale: 'en-CA',
    answers,
    handoffRequested: false,
  });
}

/** What staff get, and what the prospect is asked: two answers are the same when this is. */
function outcome(answers: Answers): string {
  const lead = leadOf(answers);
  const asked = relevantSteps(answers).join(',');
  if (!lead) return `no lead; asked ${asked}`;
  const { screening, summary } = lead;
  return JSON.stringify({
    asked,
    streams: screening.streams,
    admissibility: screening.admissibility,
    blockers: screening.blockers,
    pathways: screening.pathways,
    urgency: screening.urgency,
    priority: screening.priority,
    noExemptStreamEvident: screening.noExemptStreamEvident,
    summary: summary.text,
  });
}

function alternativesOf(step: StepId, current: unknown): unknown[] {
  const input = stepCatalogue[step].input;
  if (input.kind === 'yesno') return [current !== true];
  return (input.choices ?? []).filter((choice) => choice !== current);
}

interface Finding {
  profile: string;
  step: StepId;
}

function askedForNothingOn(): { checked: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let checked = 0;
  for (const profile of profiles) {
    const base = profile.answers;
    const before = outcome(base);
    for (const step of relevantSteps(base)) {
      const kind = stepCatalogue[step].input.kind;
      if ((kind !== 'choice' && kind !== 'yesno') || gates.has(step) || base[step] === undefined) continue;
      checked += 1;
      const changes = alternativesOf(step, base[step]).some(
        (value) => outcome(replay({ ...base, [step]: value } as Answers)) !== before,
      );
      if (!changes) findings.push({ profile: profile.name, step });
    }
  }
  return { checked, findings };
}

describe('every choice a profile is asked can change its lead or the questions after it', () => {
  const { checked, findings } = askedForNothingOn();

  it('checks the choice and yes/no questions of every profile', () => {
    expect(checked).toBeGreaterThan(profiles.length * 10);
  });

  it('asks no profile a question whose every other answer changes nothing (or says why)', () => {
    const unexplained = findings
      .filter((finding) => !Object.hasOwn(askedForNothingAllowed, finding.step))
      .map((finding) => `${finding.profile}: ${finding.step}`);
    expect(unexplained).toEqual([]);
  });

  it('keeps the allow-list honest: every entry is still needed', () => {
    const needed = new Set(findings.map((finding) => finding.step));
    expect(Object.keys(askedForNothingAllowed).filter((step) => !needed.has(step as StepId))).toEqual([]);
  });
});
