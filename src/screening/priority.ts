import type { Role } from './facts';
import type { Priority, Screening } from './lead-schema';

export interface PriorityInput {
  role: Role;
  handoffRequested: boolean;
  employerFoundNonCompliant: boolean;
  screening: Pick<Screening, 'streams' | 'admissibility' | 'urgency'>;
}

/**
 * What makes a lead worth an early call. A "high" rule sets high on its own; two or more
 * "medium" rules together also make it high; one makes it medium; none leaves it low.
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
    level: 'medium',
    reason: ({ screening: { urgency } }) =>
      urgency.level === 'soon' ? `deadline within 4 months: ${urgency.deadline}` : undefined,
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
  const reasons = matched.map((match) => match.reason);
  if (matched.some((match) => match.level === 'high') || matched.length >= 2)
    return { level: 'high', reasons };
  if (matched.length === 1) return { level: 'medium', reasons };
  return { level: 'low', reasons: ['no deadline, likely stream, admissibility flag or handoff request'] };
}
