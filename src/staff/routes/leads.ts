import type { RequestHandler, Router } from 'express';
import { leadQueryOf, parseFilter, type LeadFilter } from '../filters';
import { leadDetailPage, leadListPage, type TranscriptLine } from '../pages';
import { splitConversationKey, type StaffStores } from '../privacy';
import { duplicateGroups } from '../triage';
import { flashOf, ID_PATTERN, notFound, viewerOf, type StaffContext } from './context';

/** The lead list and a lead's page. */
export function leadPages(router: Router, context: StaffContext) {
  router.get('/', (_req, res) => res.redirect(303, '/staff/leads'));
  router.get('/leads', leadList(context));
  router.get('/leads/:id', leadDetail(context));
}

function leadList({ stores, today, timeZone }: StaffContext): RequestHandler {
  return async (req, res) => {
    const parsed = parseFilter(req.query as Record<string, unknown>);
    const flash = flashOf(req);
    const filter = parsed.ok ? parsed.filter : parseFilterOrDefault();
    res
      .status(parsed.ok ? 200 : 400)
      .type('html')
      .send(
        leadListPage(viewerOf(res), {
          filter,
          result: await stores.index.query(leadQueryOf(filter, today(), timeZone)),
          streamCodes: await stores.index.streamCodes(),
          duplicates: duplicateGroups(await stores.index.select({})),
          today: today(),
          flash: parsed.ok ? flash : { error: parsed.message },
        }),
      );
  };
}

function leadDetail(context: StaffContext): RequestHandler {
  const { stores } = context;
  return async (req, res) => {
    const id = String(req.params.id);
    const lead = ID_PATTERN.test(id) ? await stores.leads.get(id) : undefined;
    if (!lead) {
      if (ID_PATTERN.test(id)) await stores.index.remove(id);
      notFound(res, 'No such lead', 'There is no lead with this id: it may have been deleted.');
      return;
    }
    const workflow = await stores.workflow.get(id);
    const handoff = await stores.handoffs.get(id);
    const deliveries = await stores.notifier.deliveriesOf(id, handoff?.requests.map((r) => r.id) ?? []);
    const transcript = await transcriptOf(stores, workflow?.conversationKey ?? handoff?.conversationKey);
    res.type('html').send(
      leadDetailPage(viewerOf(res), {
        lead,
        duplicates: duplicateGroups(await stores.index.select({})).get(id) ?? [],
        staff: await context.directory.accounts(),
        workflow,
        handoff,
        deliveries,
        transcript,
        flow: context.flow,
        flash: flashOf(req),
      }),
    );
  };
}

/** The conversation of a lead as lines; 'unavailable' when this server records no transcripts. */
async function transcriptOf(
  stores: StaffStores,
  key: string | undefined,
): Promise<TranscriptLine[] | 'unavailable'> {
  if (!stores.transcripts) return 'unavailable';
  const parts = key ? splitConversationKey(key) : undefined;
  if (!parts) return [];
  return transcriptLines(
    await stores.transcripts.read(parts.channelId, parts.conversationId).catch(() => []),
  );
}

export function transcriptLines(activities: unknown[]): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const item of activities) {
    const activity = item as {
      type?: string;
      text?: unknown;
      timestamp?: unknown;
      from?: { role?: string; id?: string };
      recipient?: { role?: string };
      attachments?: unknown[];
    };
    if (activity?.type !== 'message') continue;
    const role = activity.from?.role;
    const from = role === 'bot' || role === 'skill' || activity.recipient?.role === 'user' ? 'bot' : 'user';
    const text =
      typeof activity.text === 'string' && activity.text.trim()
        ? activity.text
        : activity.attachments?.length
          ? '(a card)'
          : '';
    if (!text) continue;
    const at = typeof activity.timestamp === 'string' ? activity.timestamp : undefined;
    lines.push({
      from,
      text,
      ...(at && !Number.isNaN(Date.parse(at)) ? { at: new Date(at).toISOString() } : {}),
    });
  }
  return lines;
}

export function parseFilterOrDefault(): LeadFilter {
  const parsed = parseFilter({});
  if (!parsed.ok) throw new Error('the empty filter is always valid');
  return parsed.filter;
}
