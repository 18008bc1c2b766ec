import { z } from 'zod';
import { relevantAnswers } from '../intake/relevance';
import type { Answers } from '../intake/steps';
import { roleOf } from './facts';
import { leadSchema, type Contact, type Lead, type LeadLocale, type LeadWithoutSummary } from './lead-schema';
import { screen } from './screen';
import type { LeadSource } from './source';
import { summarize } from './summary';

// The lead contract (schemas and types) lives in lead-schema.ts, which the screening rules import:
// this module builds a lead by running them, so they must not import it back.
export * from './lead-schema';

export interface LeadInput {
  id: string;
  reference: string;
  /** ISO datetime; its date is the "today" of the screening. */
  createdAt: string;
  locale: LeadLocale;
  answers: Answers;
  handoffRequested: boolean;
  /** Where the prospect came from; a conversation that carried none is of an unknown channel. */
  source?: LeadSource;
}

function contactOf(answers: Answers): Contact {
  const phoneNumber = answers.contactPhone ?? undefined;
  return {
    name: answers.contactName ?? '',
    email: answers.contactEmail ?? '',
    ...(answers.role === 'employer' && answers.contactRole ? { role: answers.contactRole } : {}),
    ...(phoneNumber === undefined ? {} : { phone: phoneNumber }),
    preferredContact: phoneNumber === undefined ? 'email' : 'phone',
  };
}

/**
 * Builds the lead of a submitted intake: only the answers that matter on the path taken are kept
 * and screened, and the staff summary is written in English.
 * Throws, naming the lead, when the answers cannot make a valid lead (e.g. no contact email).
 */
export function buildLead(input: LeadInput): Lead {
  const answers = relevantAnswers(input.answers);
  const lead: LeadWithoutSummary = {
    id: input.id,
    reference: input.reference,
    createdAt: input.createdAt,
    locale: input.locale,
    role: roleOf(input.answers),
    contact: contactOf(input.answers),
    answers,
    handoffRequested: input.handoffRequested,
    source: input.source ?? { channel: 'unknown', category: 'other' },
    screening: screen(answers, {
      today: input.createdAt.slice(0, 10),
      handoffRequested: input.handoffRequested,
    }),
  };
  const parsed = leadSchema.safeParse({ ...lead, summary: summarize(lead) });
  if (!parsed.success) {
    throw new Error(`Lead ${input.id} does not match the lead contract:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
