import type { Role } from './facts';
import type { Priority, Screening } from './lead-schema';

export interface PriorityInput {
  role: Role;
  handoffRequested: boolean;
  employerFoundNonCompliant: boolean;
  screening: Pick<Screening, 'streams' | 'admissibility' | 'urgency' | 'pathways'>;
}

/**
 * What makes a lead worth an early call. Urgency and serious admissibility flags make it high;
 * anything else worth a prompt look (a deadline within 4 months, a likely stream or permanent
 * residence pathway, a flag for review, an employer, a handoff request) makes it medium; otherwise
 * it is low. The first reason
 * is the one that set the level, so the summary explains it in one line.
 */
export interface PriorityRule {
  level: 'high' | 'medium';
  reason(input: PriorityInput): string | undefined;
}

export const priorityRules: readonly PriorityRule[] = [
  {
    level: 'high',
    reason: ({ screening: { urgency } }) =>
      urgency.level === 'urgent' ? `urgent: ${urgency.reason ?? 'deadline'}` : undefined,
  },
  {
    level: 'high',
    reason: ({ screening: { admissibility } }) => {
      const serious = admissibility.flags.filter(
        (flag) =>
          flag.serious === true ||
          flag.ground === 'security' ||
          flag.ground === 'human-rights' ||
          flag.ground === 'organized-criminality',
      );
      return serious.length > 0
        ? `serious admissibility flag: ${serious.map((flag) => flag.ground).join(', ')}`
        : undefined;
    },
  },
  {
    level: 'medium',
    reason: ({ screening: { urgency } }) =>
      urgency.level !== 'soon'
        ? undefined
        : urgency.deadline
          ? `deadline within 4 months: ${urgency.deadline}`
          : `soon: ${urgency.reason ?? 'no deadline date'}`,
  },
  {
    level: 'medium',
    reason: ({ screening: { streams } }) => {
      const likely = streams.filter((stream) => stream.fit === 'likely').map((stream) => stream.code);
      return likely.length > 0 ? `likely stream: ${likely.join(', ')}` : undefined;
    },
  },
  {
    level: 'medium',
    // A worker whose permanent residence pathway is likely now (CEC after a year of skilled work,
    // say) is a file the firm can open, even with no work-permit stream to add.
    reason: ({ screening: { pathways } }) => {
      const likely = pathways
        .filter((pathway) => pathway.fit === 'likely')
        .map((pathway) => `${pathway.program}${pathway.stream ? ` ${pathway.stream}` : ''}`);
      return likely.length > 0 ? `likely PR pathway: ${likely.join(', ')}` : undefined;
    },
  },
  {
    level: 'medium',
    reason: ({ screening: { admissibility } }) =>
      admissibility.needsLawyerReview ? 'admissibility review needed' : undefined,
  },
  {
    level: 'medium',
    reason: ({ role }) => (role === 'employer' ? 'employer lead' : undefined),
  },
  {
    level: 'medium',
    reason: ({ employerFoundNonCompliant }) =>
      employerFoundNonCompliant ? 'employer was found non-compliant before' : undefined,
  },
  {
    level: 'medium',
    reason: ({ handoffRequested }) => (handoffRequested ? 'asked to talk to staff' : undefined),
  },
];

export function assessPriority(input: PriorityInput): Priority {
  const matched = priorityRules.flatMap((rule) => {
    const reason = rule.reason(input);
    return reason === undefined ? [] : [{ level: rule.level, reason }];
  });
  const high = matched.filter((match) => match.level === 'high');
  if (high.length > 0)
    return {
      level: 'high',
      reasons: [...high, ...matched.filter((m) => m.level !== 'high')].map((m) => m.reason),
    };
  if (matched.length > 0) return { level: 'medium', reasons: matched.map((match) => match.reason) };
  return {
    level: 'low',
    reasons: ['no deadline, no likely stream or PR pathway, no admissibility flag, no handoff request'],
  };
}
