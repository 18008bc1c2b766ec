import { z } from 'zod';
import { priorityLevels, urgencyLevels } from '../screening/lead';
import { sourceCategories } from '../screening/source';
import type { LeadQuery } from '../ports/lead-list';
import { nextDay, startOfDayInZone } from './triage';
import { sortKeys } from '../ports/lead-order';
import { workflowStatusSchema } from '../ports/workflow';

/** The lead list's filters, shared by the dashboard, the exports and the staff API. */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2026-11-25');

export const leadFilterSchema = z
  .object({
    status: workflowStatusSchema.optional(),
    role: z.enum(['worker', 'employer']).optional(),
    priority: z.enum(priorityLevels).optional(),
    urgency: z.enum(urgencyLevels).optional(),
    /** A candidate stream code (likely or possible fit), e.g. "C12". */
    stream: z.string().max(40).optional(),
    /** Where the prospect came from: search, social, referral, campaign, direct or other. */
    source: z.enum(sourceCategories).optional(),
    /** Received on or after this day (the firm's day, FIRM_TIME_ZONE). */
    from: isoDay.optional(),
    /** Received on or before this day (the firm's day, FIRM_TIME_ZONE). */
    to: isoDay.optional(),
    /** Part of the name, email or reference. */
    q: z.string().max(200).optional(),
    /** Leads of this staff member (email), or "me" in the dashboard. */
    owner: z.string().max(254).optional(),
    /** "1": only open leads whose follow-up day has come. */
    due: z.literal('1').optional(),
    sort: z.enum(sortKeys).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type LeadFilter = z.infer<typeof leadFilterSchema>;

export const filterKeys = [
  'status',
  'role',
  'priority',
  'urgency',
  'stream',
  'source',
  'from',
  'to',
  'q',
  'owner',
  'due',
  'sort',
  'dir',
] as const;

export type FilterResult = { ok: true; filter: LeadFilter } | { ok: false; message: string };

/** Reads filters from a query string: empty fields mean "any"; anything invalid is named. */
export function parseFilter(query: Record<string, unknown>): FilterResult {
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value) || (value !== undefined && typeof value !== 'string')) {
      return { ok: false, message: `"${key}" was given more than once.` };
    }
    const text = value?.trim();
    if (text) cleaned[key] = text;
  }
  const parsed = leadFilterSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown filter ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : `${issue.path.join('.')}: ${issue.message}`,
    );
    return { ok: false, message: `Invalid filter: ${problems.join('; ')}.` };
  }
  const filter = parsed.data;
  if (filter.from && filter.to && filter.from > filter.to) {
    return { ok: false, message: 'Invalid filter: "from" is after "to".' };
  }
  return { ok: true, filter };
}

/** The query string of a filter, for links (paging, exports); `page` only when asked. */
export function queryOf(filter: Partial<LeadFilter>, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filter[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The index query of a filter: "due" becomes the follow-ups due by `today` (the firm's day), which
 * also decides the "needs action first" order.
 */
export function leadQueryOf(filter: LeadFilter, today: string, timeZone = 'UTC'): LeadQuery {
  // "from" and "to" are the firm's days: from the start of one to the end of the other, in its zone
  const { due, from, to, ...rest } = filter;
  return {
    ...rest,
    today,
    ...(due ? { followUpBy: today } : {}),
    ...(from ? { createdFrom: startOfDayInZone(from, timeZone) } : {}),
    ...(to ? { createdBefore: startOfDayInZone(nextDay(to), timeZone) } : {}),
  };
}
