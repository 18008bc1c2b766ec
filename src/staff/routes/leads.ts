import type { RequestHandler, Router } from 'express';
import type { DocumentInfo } from '../../documents/vault';
import { accessCsv } from '../access-log';
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
  router.get('/leads/:id/documents/:documentId', downloadDocument(context));
  router.get('/leads/:id/access.csv', accessExport(context));
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
    // recorded before anything of the lead is sent: nothing is seen unrecorded
    await context.access.record(id, {
      at: context.now().toISOString(),
      by: viewerOf(res).email,
      action: 'viewed',
    });
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
        documents: context.documents ? await context.documents.list(id) : 'off',
        access: await context.access.entriesOf(id),
        flow: context.flow,
        flash: flashOf(req),
      }),
    );
  };
}

const mediaTypes: Record<DocumentInfo['kind'], [string, string]> = {
  pdf: ['application/pdf', 'pdf'],
  jpeg: ['image/jpeg', 'jpg'],
  png: ['image/png', 'png'],
  heic: ['image/heic', 'heic'],
};

/**
 * One of the lead's documents, decrypted, as a download (never shown inline): recorded in the
 * lead's audit trail before a byte is sent.
 */
function downloadDocument(context: StaffContext): RequestHandler {
  return async (req, res) => {
    const id = String(req.params.id);
    const documentId = String(req.params.documentId);
    const lead =
      ID_PATTERN.test(id) && ID_PATTERN.test(documentId) ? await context.stores.leads.get(id) : undefined;
    const document = lead && (await context.documents?.read(id, documentId));
    if (!lead || !document) {
      notFound(res, 'No such document', 'This lead has no such document: it may have been deleted.');
      return;
    }
    const { info, bytes } = document;
    await context.access.record(id, {
      at: context.now().toISOString(),
      by: viewerOf(res).email,
      action: 'downloaded',
      documentId,
      kind: info.kind,
    });
    const [type, extension] = mediaTypes[info.kind];
    const name = `${lead.reference}-${info.label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'document'}.${extension}`;
    res
      .status(200)
      .set({
        'content-type': type,
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      .send(bytes);
  };
}

/** The lead's audit trail (views and downloads) as CSV. */
function accessExport(context: StaffContext): RequestHandler {
  return async (req, res) => {
    const id = String(req.params.id);
    const lead = ID_PATTERN.test(id) ? await context.stores.leads.get(id) : undefined;
    if (!lead) {
      notFound(res, 'No such lead', 'There is no lead with this id: it may have been deleted.');
      return;
    }
    res
      .status(200)
      .set({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${lead.reference}-access.csv"`,
        'cache-control': 'no-store',
      })
      .send(accessCsv(await context.access.entriesOf(id)));
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
