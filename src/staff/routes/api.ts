import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import { log } from '../../logger';
import { workflowStatuses } from '../../ports/workflow';
import type { Lead } from '../../screening/lead';
import { leadQueryOf, parseFilter } from '../filters';
import { NothingToChangeError, statusChangeSchema } from '../workflow';
import { ID_PATTERN, type StaffContext } from './context';

/** The staff JSON API: bearer tokens only (no cookies, so no CSRF to fear). */
export function apiRouter(context: StaffContext): Router {
  const api = express.Router();
  api.use(requireToken(context));
  api.get('/leads', listLeads(context));
  api.get('/leads/:id', getLead(context));
  api.patch('/leads/:id', express.json({ limit: '16kb' }), changeStatus(context));
  api.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  api.use(apiFailed);
  return api;
}

function requireToken({ directory }: StaffContext): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const token = match ? await directory.verifyToken(match[1]!) : undefined;
    if (!token) {
      res.set('WWW-Authenticate', 'Bearer realm="imp-intake staff API"');
      res.status(401).json({
        error: 'unauthorized',
        message:
          'A valid bearer token is required. Create one on the server with: npm run staff:token -- <name>',
      });
      return;
    }
    res.locals.tokenName = token.name;
    next();
  };
}

async function leadOr404({ stores }: StaffContext, req: Request, res: Response): Promise<Lead | undefined> {
  const id = String(req.params.id);
  const lead = ID_PATTERN.test(id) ? await stores.leads.get(id) : undefined;
  if (!lead) res.status(404).json({ error: 'not found', message: `No lead with id ${JSON.stringify(id)}.` });
  return lead;
}

function listLeads({ stores, today, timeZone, access, now }: StaffContext): RequestHandler {
  return async (req, res) => {
    const parsed = parseFilter(req.query as Record<string, unknown>);
    if (!parsed.ok) {
      res.status(400).json({ error: 'invalid filter', message: parsed.message });
      return;
    }
    const result = await stores.index.query(leadQueryOf(parsed.filter, today(), timeZone));
    const items: { lead: Lead; workflow: { status: string } }[] = [];
    for (const row of result.rows) {
      const lead = await stores.leads.get(row.id).catch(() => undefined);
      if (lead) items.push({ lead, workflow: { status: row.status } });
    }
    // each lead sent in full is a view of it, recorded before the answer
    const by = `api token ${String(res.locals.tokenName)}`;
    for (const { lead } of items)
      await access.record(lead.id, { at: now().toISOString(), by, action: 'viewed' });
    res.json({
      items,
      page: result.page,
      pageSize: result.pageSize,
      pages: result.pages,
      total: result.total,
      counts: result.counts,
    });
  };
}

function getLead(context: StaffContext): RequestHandler {
  return async (req, res) => {
    const lead = await leadOr404(context, req, res);
    if (!lead) return;
    const by = `api token ${String(res.locals.tokenName)}`;
    await context.access.record(lead.id, { at: context.now().toISOString(), by, action: 'viewed' });
    const workflow = await context.stores.workflow.get(lead.id);
    res.json({
      lead,
      workflow: {
        status: workflow?.status ?? 'new',
        updatedAt: workflow?.updatedAt ?? lead.createdAt,
        history: workflow?.history ?? [],
      },
    });
  };
}

function changeStatus(context: StaffContext): RequestHandler {
  const { stores, now } = context;
  return async (req, res) => {
    const parsed = statusChangeSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({
        error: 'invalid change',
        message: `Send { "status": one of ${workflowStatuses.join(', ')}, "note"?: text up to 2000 characters }.`,
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
      return;
    }
    const lead = await leadOr404(context, req, res);
    if (!lead) return;
    let changed = true;
    let record;
    try {
      record = await stores.workflow.change(
        lead.id,
        parsed.data,
        `api:${String(res.locals.tokenName)}`,
        now(),
      );
    } catch (error) {
      if (!(error instanceof NothingToChangeError)) throw error;
      changed = false;
      record = await stores.workflow.get(lead.id);
    }
    const status = record?.status;
    if (status) await stores.index.update(lead.id, (row) => ({ ...row, status }));
    res.json({
      id: lead.id,
      changed,
      workflow: {
        status: record?.status ?? 'new',
        updatedAt: record?.updatedAt,
        history: record?.history ?? [],
      },
    });
  };
}

function apiFailed(
  error: Error & { status?: number; type?: string },
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) return next(error);
  if (error.type === 'entity.parse.failed') {
    res.status(400).json({ error: 'invalid JSON', message: 'The request body is not valid JSON.' });
    return;
  }
  if (error.status && error.status < 500) {
    res.status(error.status).json({ error: error.message });
    return;
  }
  log.error('staff-api-failed', { path: req.path, error: error.name });
  res.status(500).json({ error: 'internal error' });
}
