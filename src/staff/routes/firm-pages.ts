import type { RequestHandler, Router } from 'express';
import { log } from '../../logger';
import { toCsv, toJson, type ExportItem } from '../export';
import { leadQueryOf, parseFilter, type LeadFilter } from '../filters';
import { overviewOf } from '../overview';
import { deletionsPage, handoffsPage, overviewPage, type HandoffListItem } from '../pages';
import type { StaffStores } from '../privacy';
import { flashOf, ID_PATTERN, notFound, viewerOf, type StaffContext } from './context';

/** The firm-wide pages: overview, handoff requests, deletion log, and the exports. */
export function firmPages(router: Router, context: StaffContext) {
  const { stores, now } = context;
  router.post('/handoffs/:id/handled', async (req, res) => {
    const id = String(req.params.id);
    if (!ID_PATTERN.test(id) || !(await stores.handoffs.markHandled(id, viewerOf(res).email, now()))) {
      notFound(res, 'No such request', 'This handoff request no longer exists.');
      return;
    }
    res.redirect(303, '/staff/handoffs?done=handled');
  });
  router.get('/overview', async (_req, res) => {
    res.type('html').send(overviewPage(viewerOf(res), overviewOf(await stores.index.select({}), now())));
  });
  router.get('/handoffs', async (req, res) => {
    const items = await handoffItems(stores);
    res.type('html').send(handoffsPage(viewerOf(res), items, context.flow, flashOf(req)));
  });
  router.get('/deletions', async (_req, res) => {
    res.type('html').send(deletionsPage(viewerOf(res), await stores.audit.latest(200)));
  });
  router.get(['/export.csv', '/export.json'], exportLeads(context));
}

/** Every intake's latest request: those not handled yet first, then the newest. */
async function handoffItems(stores: StaffStores): Promise<HandoffListItem[]> {
  const items: HandoffListItem[] = [];
  for (const doc of await stores.handoffs.all()) {
    const latest = doc.requests.reduce((a, b) => (b.requestedAt > a.requestedAt ? b : a), doc.requests[0]!);
    if (!latest) continue;
    const row = await stores.index.get(doc.intakeId);
    items.push({
      doc,
      latest,
      ...(row
        ? {
            leadReference: row.reference,
            leadContact: { name: row.name, email: row.email, ...(row.phone ? { phone: row.phone } : {}) },
          }
        : {}),
    });
  }
  return items.sort(
    (a, b) =>
      Number(!!a.doc.handled) - Number(!!b.doc.handled) ||
      (a.latest.requestedAt < b.latest.requestedAt ? 1 : -1),
  );
}

function exportLeads({ stores, now, today, timeZone, access }: StaffContext): RequestHandler {
  return async (req, res) => {
    const parsed = parseFilter(req.query as Record<string, unknown>);
    if (!parsed.ok) {
      res.status(400).type('text').send(parsed.message);
      return;
    }
    const items = await exportItems(stores, parsed.filter, today(), timeZone);
    const day = now().toISOString().slice(0, 10);
    const csv = req.path.endsWith('.csv');
    log.info('leads-exported', { format: csv ? 'csv' : 'json', count: items.length });
    // every lead in the file is seen by whoever exports it: each trail says so before it is sent
    const by = viewerOf(res).email;
    for (const { lead } of items)
      await access.record(lead.id, { at: now().toISOString(), by, action: 'exported' });
    res
      .type(csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .attachment(`imp-leads-${day}.${csv ? 'csv' : 'json'}`)
      .send(csv ? toCsv(items) : toJson(items, now()));
  };
}

/** The leads of a filter, newest first unless the filter sorts them. */
async function exportItems(
  stores: StaffStores,
  filter: LeadFilter,
  today: string,
  timeZone: string,
): Promise<ExportItem[]> {
  const items: ExportItem[] = [];
  const query = leadQueryOf(filter, today, timeZone);
  for (const row of await stores.index.select(query, filter.sort ? query : undefined)) {
    const lead = await stores.leads.get(row.id).catch(() => undefined);
    if (lead) items.push({ lead, status: row.status });
  }
  return items;
}
