import { z } from 'zod';
import { isoDate, phone } from '../intake/inputs';
import { answersSchema, stepCatalogue } from '../intake/steps';
import { leadSourceSchema, legacySource } from './source';

/** The lead contract: the public JSON of the staff API and webhooks, and what replay reads back. */

export const fitSchema = z.enum(['likely', 'possible', 'unlikely']);

export const streamSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  fit: fitSchema,
  /** The answers that support (or, when unlikely, defeat) the stream. */
  reasons: z.array(z.string().min(1)),
  /** Facts that would confirm it. */
  missing: z.array(z.string().min(1)),
  /** The requirements the answers fail (the "why not" of an unlikely stream). */
  unmet: z.array(z.string().min(1)).default([]),
  ref: z.string().min(1),
});

export const admissibilityGrounds = [
  'security',
  'human-rights',
  'criminality',
  'organized-criminality',
  'health',
  'medical-exam',
  'misrepresentation',
  'previous-refusal',
  'non-compliance',
  'removal-order',
] as const;

/** A flag names a ground and the law behind it; it never carries the prospect's own words. */
export const flagSchema = z.object({
  ground: z.enum(admissibilityGrounds),
  serious: z.boolean().optional(),
  note: z.string().min(1),
});

export const pathwayPrograms = ['CEC', 'BC-PNP', 'FSW', 'other-PNP'] as const;

export const pathwaySchema = z.object({
  program: z.enum(pathwayPrograms),
  stream: z.string().min(1).optional(),
  fit: fitSchema,
  reasons: z.array(z.string().min(1)),
  missing: z.array(z.string().min(1)),
  unmet: z.array(z.string().min(1)).default([]),
});

export const urgencyLevels = ['normal', 'soon', 'urgent'] as const;

export const urgencySchema = z.object({
  level: z.enum(urgencyLevels),
  deadline: isoDate.optional(),
  reason: z.string().min(1).optional(),
});

export const priorityLevels = ['low', 'medium', 'high'] as const;

export const prioritySchema = z.object({
  level: z.enum(priorityLevels),
  reasons: z.array(z.string().min(1)).min(1),
});

export const screeningSchema = z.object({
  streams: z.array(streamSchema),
  admissibility: z.object({
    flags: z.array(flagSchema),
    /** Facts for the lawyer that are not a ground on their own (e.g. national service). */
    notes: z.array(z.string().min(1)).default([]),
    needsLawyerReview: z.boolean(),
  }),
  /** What stands in the way before any stream (status, serious inadmissibility, disclosure risk). */
  blockers: z.array(z.string().min(1)).default([]),
  pathways: z.array(pathwaySchema),
  urgency: urgencySchema,
  priority: prioritySchema,
  noExemptStreamEvident: z.boolean(),
  rulesVersion: z.string().min(1),
});

export const contactSchema = z.object({
  name: stepCatalogue.contactName.input.value,
  email: stepCatalogue.contactEmail.input.value,
  /** An employer contact's role at the company, asked apart from the name. */
  role: stepCatalogue.contactRole.input.value.optional(),
  phone: phone().value.optional(),
  /** Phone when the prospect gave a number to be called on (the phone question offers the call), else email. */
  preferredContact: z.enum(['email', 'phone']),
});

/**
 * Answers to questions the intake no longer asks, kept as leads stored before carry them: the
 * business number (now asked by the firm after the first call) and the preferred contact (now
 * the phone question's own answer).
 */
const retiredAnswers = {
  employerBusinessNumber: z.string().nullable().optional(),
  contactPreferred: z.enum(['email', 'phone']).optional(),
};

/** The locales of flows/; flows.ts reads files, so this pure module cannot import its list. */
export const leadLocaleSchema = z.enum(['en-CA', 'fr-CA']);

export const summarySchema = z.object({ text: z.string().min(1), html: z.string().min(1) });

/** A message the prospect sent after submitting, in their own words, with when it came. */
export const additionSchema = z.object({
  text: z.string().min(1).max(2000),
  at: z.iso.datetime({ offset: true }),
});

const currentLeadSchema = z.object({
  id: z.string().min(1),
  reference: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  locale: leadLocaleSchema,
  role: stepCatalogue.role.input.value,
  contact: contactSchema,
  answers: answersSchema.extend(retiredAnswers),
  handoffRequested: z.boolean(),
  /** Where the prospect came from (the website page, or the channel): never asked. */
  source: leadSourceSchema,
  screening: screeningSchema,
  /** Always English, whatever the prospect's language. */
  summary: summarySchema,
  /** Added after submission, oldest first: absent until the prospect writes again. */
  additions: z.array(additionSchema).optional(),
});

/**
 * A lead stored before the source was captured from the page carries the prospect's answer to
 * "How did you hear about us?" (answers.heardAbout) instead: read, it becomes that lead's source.
 */
function upgradeStoredLead(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || 'source' in input) return input;
  const lead = input as { answers?: unknown };
  if (typeof lead.answers !== 'object' || lead.answers === null) return input;
  const { heardAbout, ...answers } = lead.answers as Record<string, unknown>;
  return { ...input, answers, source: legacySource(heardAbout) };
}

export const leadSchema = z.preprocess(upgradeStoredLead, currentLeadSchema);

export type Fit = z.infer<typeof fitSchema>;
export type Stream = z.infer<typeof streamSchema>;
export type AdmissibilityGround = (typeof admissibilityGrounds)[number];
export type Flag = z.infer<typeof flagSchema>;
export type Pathway = z.infer<typeof pathwaySchema>;
export type Urgency = z.infer<typeof urgencySchema>;
export type UrgencyLevel = Urgency['level'];
export type Priority = z.infer<typeof prioritySchema>;
export type PriorityLevel = Priority['level'];
export type Screening = z.infer<typeof screeningSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type LeadLocale = z.infer<typeof leadLocaleSchema>;
export type Summary = z.infer<typeof summarySchema>;
export type Addition = z.infer<typeof additionSchema>;
export type Lead = z.output<typeof leadSchema>;
export type LeadWithoutSummary = Omit<Lead, 'summary'>;
