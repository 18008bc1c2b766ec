import type { Answers } from '../intake/steps';
import { refusalHistoryOf, screenAdmissibility } from './admissibility';
import { screenBlockers } from './blockers';
import { deriveFacts } from './facts';
import type { Screening, Urgency } from './lead-schema';
import { screenPathways } from './pathways';
import { assessPriority } from './priority';
import { screenStreams, streamUrgency } from './streams/index';
import { assessUrgency } from './urgency';

/** Bumped whenever a rule changes, so a stored lead says which rules screened it. */
export const RULES_VERSION = '2026-12-07.3';

export interface ScreenOptions {
  /** 'YYYY-MM-DD': the day the answers are screened on (deadlines, windows, test validity). */
  today: string;
  handoffRequested?: boolean;
}

/** A stream that makes the lead urgent whatever its dates (a worker at risk of abuse) comes first. */
function raisedBy(urgency: Urgency, reasons: string[]): Urgency {
  if (reasons.length === 0) return urgency;
  return { ...urgency, level: 'urgent', reason: [...reasons, urgency.reason].filter(Boolean).join('; ') };
}

/** The first-call triage of an answer set. Pure: the same answers and day give the same screening. */
export function screen(answers: Answers, options: ScreenOptions): Screening {
  const facts = deriveFacts(answers, options.today);
  const { streams, noExemptStreamEvident } = screenStreams(facts, answers);
  const admissibility = screenAdmissibility(answers, facts);
  const urgency = raisedBy(assessUrgency(facts), streamUrgency(facts, answers));
  const pathways = screenPathways(facts);
  const priority = assessPriority({
    role: facts.role,
    handoffRequested: options.handoffRequested ?? false,
    employerFoundNonCompliant: facts.employer?.compliance === 'foundNonCompliant',
    screening: { streams, admissibility, urgency, pathways },
  });
  return {
    streams,
    admissibility,
    blockers: screenBlockers(facts, admissibility.flags, refusalHistoryOf(answers, options.today)),
    pathways,
    urgency,
    priority,
    noExemptStreamEvident,
    rulesVersion: RULES_VERSION,
  };
}
