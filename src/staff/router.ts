import { timingSafeEqual, randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import helmet from 'helmet';
import type { Flow } from '../intake/flows';
import { sourceCategories, sourceCategoryLabels } from '../screening/source';
import { log } from '../logger';
import type { Lead } from '../screening/lead';
import { normalizeEmail, type StaffDirectory } from './accounts';
import { toCsv, toJson, type ExportItem } from './export';
import { leadQueryOf, parseFilter, type LeadFilter } from './filters';
import { withAssignment } from './lead-index';
import { type LeadRow } from '../ports/lead-list';
import {
  deletionsPage,
  errorPage,
  handoffsPage,
  leadDetailPage,
  leadListPage,
  loginPage,
  overviewPage,
  type HandoffListItem,
  type OverviewData,
  type TranscriptLine,
  type Viewer,
} from './pages';
import { splitConversationKey, type LeadEraser, type StaffStores } from './privacy';
import type { ActiveSession, LoginThrottle, SessionStore } from './sessions';
import { SESSION_HOURS } from './sessions';
import { staffCss } from './styles';
import { dayInZone, duplicateGroups } from './triage';
import { assignmentSchema, NothingToChangeError, statusChangeSchema, statusLabels } from './workflow';
import { workflowStatuses } from '../ports/workflow';

const DEFAULT_TIME_ZONE = 'America/Vancouver';

const favicon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b5394"/><path fill="#fff" d="M8 8h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H13l-5 4V10a2 2 0 0 1 2-2z"/></svg>';

export interface StaffServices {
  stores: StaffStores;
  eraser: LeadEraser;
  directory: StaffDirectory;
  sessions: SessionStore;
  throttle: LoginThrottle;
  /** Cookies are Secure when PUBLIC_URL is https (and on any request that came over HTTPS). */
  secureCookies: boolean;
  /** The English flow: answer labels and formats. */
  flow: Flow;
  /** The firm's time zone (FIRM_TIME_ZONE): times, "today" and follow-ups are in it. */
  timeZone?: string;
  now?: () => Date;
}

const SESSION_COOKIE = 'imp_staff_session';
const LOGIN_COOKIE = 'imp_staff_login';
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** Messages shown after a redirect, chosen by code: nothing from the URL is shown as given. */
const notices: Record<string, string> = {
  saved: 'Saved.',
  handled: 'Marked handled.',
  unchanged: 'Nothing changed: choose another status or write a note.',
  deleted:
    'The lead and every trace of the prospect were deleted. The deletion log keeps its reference only.',
  retry: 'The delivery will be tried again now.',
  'signed-out': 'You are signed out.',
};
const errors: Record<string, string> = {
  'confirm-mismatch': 'Not deleted: the reference typed does not match this lead’s.',
  'invalid-status': 'Not saved: choose one of the statuses in the list.',
  'note-too-long': 'Not saved: a note is at most 2000 characters.',
  'not-retryable': 'That delivery is not waiting for a retry.',
  'invalid-assignment': 'Not saved: choose an owner from the list and a follow-up date like 2026-12-01.',
};

function flashOf(req: Request): { notice?: string; error?: string } {
  const done = typeof req.query.done === 'string' ? notices[req.query.done] : undefined;
  const error = typeof req.query.error === 'string' ? errors[req.query.error] : undefined;
  return { ...(done ? { notice: done } : {}), ...(error ? { error } : {}) };
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function sameText(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Only a path inside the dashboard may follow a sign-in (no open redirect). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/staff\/[A-Za-z0-9/_\-?=&.%+]*$/.test(next) && !next.includes('//')
    ? next
    : '/staff/leads';
}

const viewerOf = (res: Response): Viewer => res.locals.viewer as Viewer;

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

const DAY_MS = 86_400_000;

export function overviewOf(rows: LeadRow[], now: Date): OverviewData {
  const count = <K extends string>(
    keys: readonly K[],
    labels: Record<K, string>,
    pick: (row: LeadRow) => K,
  ) => {
    const totals = new Map<K, number>(keys.map((k) => [k, 0]));
    for (const row of rows) totals.set(pick(row), (totals.get(pick(row)) ?? 0) + 1);
    return keys.map((k) => ({ label: labels[k], value: totals.get(k) ?? 0 }));
  };
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const weeks = Array.from({ length: 12 }, (_, i) => new Date(monday.getTime() - (11 - i) * 7 * DAY_MS));
  const perWeek = weeks.map((start) => {
    const from = start.toISOString();
    const to = new Date(start.getTime() + 7 * DAY_MS).toISOString();
    return {
      label: start.toLocaleDateString('en-CA', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
      value: rows.filter((row) => row.createdAt >= from && row.createdAt < to).length,
    };
  });
  const streams = new Map<string, number>();
  for (const row of rows) {
    const best = row.streams[0] ?? 'none evident';
    streams.set(best, (streams.get(best) ?? 0) + 1);
  }
  const byStream = [...streams.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, value]) => ({ label, value }));
  const top = byStream.slice(0, 10);
  const rest = byStream.slice(10).reduce((sum, d) => sum + d.value, 0);
  return {
    total: rows.length,
    perWeek,
    byStatus: count(workflowStatuses, statusLabels, (row) => row.status),
    byRole: count(
      ['worker', 'employer'] as const,
      { worker: 'Worker', employer: 'Employer' },
      (row) => row.role,
    ),
    byUrgency: count(
      ['urgent', 'soon', 'normal'] as const,
      { urgent: 'Urgent', soon: 'Soon', normal: 'Normal' },
      (row) => row.urgency,
    ),
    byPriority: count(
      ['high', 'medium', 'low'] as const,
      { high: 'High', medium: 'Medium', low: 'Low' },
      (row) => row.priority,
    ),
    byStream: rest > 0 ? [...top, { label: 'other streams', value: rest }] : top,
    bySource: count(sourceCategories, sourceCategoryLabels, (row) => row.source ?? 'other'),
  };
}

export function createStaffRouter(services: StaffServices): Router {
  const { stores, sessions, directory, throttle } = services;
  const now = services.now ?? (() => new Date());
  const timeZone = services.timeZone ?? DEFAULT_TIME_ZONE;
  const today = () => dayInZone(now(), timeZone);
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });

  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          ...(services.secureCookies ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: services.secureCookies,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('X-Robots-Tag', 'noindex, nofollow');
    next();
  });

  router.get('/assets/favicon.svg', (_req, res) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(favicon);
  });

  router.get('/assets/staff.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=300').send(staffCss);
  });

  router.use('/api', apiRouter(services));

  const cookieOptions = (req: Request) => ({
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: services.secureCookies || req.secure,
    path: '/staff',
  });

  const showLogin = async (
    req: Request,
    res: Response,
    status: number,
    extra: { error?: string; notice?: string; email?: string; next?: string } = {},
  ) => {
    const formCookie = randomBytes(24).toString('base64url');
    res.cookie(LOGIN_COOKIE, formCookie, { ...cookieOptions(req), maxAge: 60 * 60_000 });
    res
      .status(status)
      .type('html')
      .send(
        loginPage({
          formToken: sessions.sign(formCookie, 'login'),
          hasAccounts: (await directory.accountCount()) > 0,
          ...extra,
        }),
      );
  };

  router.get('/login', async (req, res) => {
    if (await sessions.get(cookieOf(req, SESSION_COOKIE))) {
      res.redirect(303, safeNext(req.query.next));
      return;
    }
    const flash = flashOf(req);
    await showLogin(req, res, 200, {
      ...(flash.notice ? { notice: flash.notice } : {}),
      ...(typeof req.query.next === 'string' ? { next: safeNext(req.query.next) } : {}),
    });
  });

  router.post('/login', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? normalizeEmail(body.email).slice(0, 254) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    const formCookie = cookieOf(req, LOGIN_COOKIE);
    if (!formCookie || !sameText(body._csrf, sessions.sign(formCookie, 'login'))) {
      await showLogin(req, res, 403, {
        error: 'This sign-in form expired or was not sent from this site. Please sign in again.',
        email,
        next,
      });
      return;
    }
    const ip = req.ip ?? 'unknown';
    const wait = throttle.reserve(email, ip);
    if (wait > 0) {
      log.warn('staff-login-throttled', { ip });
      res.set('Retry-After', String(wait));
      await showLogin(req, res, 429, {
        error: `Too many failed sign-in attempts for this account or from this network. Sign-in is paused for your security: try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`,
        email,
        next,
      });
      return;
    }
    const account = email && password ? await directory.verifyPassword(email, password) : undefined;
    if (!account) {
      log.warn('staff-login-failed', { ip });
      await showLogin(req, res, 401, { error: 'Wrong email or password.', email, next });
      return;
    }
    throttle.succeeded(email, ip);
    await sessions.destroy(cookieOf(req, SESSION_COOKIE));
    const session = await sessions.create(account);
    res.cookie(SESSION_COOKIE, session, { ...cookieOptions(req), maxAge: SESSION_HOURS * 3_600_000 });
    res.clearCookie(LOGIN_COOKIE, cookieOptions(req));
    log.info('staff-login', { ip });
    res.redirect(303, next);
  });

  // everything below needs a signed-in staff member
  router.use(async (req, res, next) => {
    let session = await sessions.get(cookieOf(req, SESSION_COOKIE));
    // a removed account, or a password set again, ends the sessions opened before
    const passwordSetAt = session ? await directory.passwordSetAt(session.email) : undefined;
    if (session && (!passwordSetAt || passwordSetAt > session.createdAt)) session = undefined;
    if (!session) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        const target = req.originalUrl === '/staff' || req.originalUrl === '/staff/' ? '' : req.originalUrl;
        res.redirect(303, `/staff/login${target ? `?next=${encodeURIComponent(safeNext(target))}` : ''}`);
      } else {
        res
          .status(401)
          .type('html')
          .send(errorPage(undefined, 401, 'Signed out', 'Sign in to continue.'));
      }
      return;
    }
    res.locals.session = session;
    res.locals.viewer = {
      email: session.email,
      csrfToken: session.csrfToken,
      timeZone,
    } satisfies Viewer;
    next();
  });

  // every state change carries the session's CSRF token
  router.use(form, (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!sessions.checkCsrf(res.locals.session as ActiveSession, body._csrf)) {
      log.warn('staff-csrf-refused', { path: req.path });
      res
        .status(403)
        .type('html')
        .send(
          errorPage(
            viewerOf(res),
            403,
            'Not done',
            'This form expired or did not come from this dashboard (security check failed). Reload the page and try again.',
          ),
        );
      return;
    }
    next();
  });

  router.post('/logout', async (req, res) => {
    await sessions.destroy(cookieOf(req, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.redirect(303, '/staff/login?done=signed-out');
  });

  router.get('/', (_req, res) => res.redirect(303, '/staff/leads'));

  router.get('/leads', async (req, res) => {
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
  });

  router.get('/leads/:id', async (req, res) => {
    const id = String(req.params.id);
    const lead = ID_PATTERN.test(id) ? await stores.leads.get(id) : undefined;
    if (!lead) {
      if (ID_PATTERN.test(id)) await stores.index.remove(id);
      res
        .status(404)
        .type('html')
        .send(
          errorPage(
            viewerOf(res),
            404,
            'No such lead',
            'There is no lead with this id: it may have been deleted.',
          ),
        );
      return;
    }
    const workflow = await stores.workflow.get(id);
    const handoff = await stores.handoffs.get(id);
    const deliveries = await stores.notifier.deliveriesOf(id, handoff?.requests.map((r) => r.id) ?? []);
    const key = workflow?.conversationKey ?? handoff?.conversationKey;
    const parts = key ? splitConversationKey(key) : undefined;
    let transcript: TranscriptLine[] | 'unavailable' = 'unavailable';
    if (stores.transcripts) {
      transcript = parts
        ? transcriptLines(
            await stores.transcripts.read(parts.channelId, parts.conversationId).catch(() => []),
          )
        : [];
    }
    res.type('html').send(
      leadDetailPage(viewerOf(res), {
        lead,
        duplicates: duplicateGroups(await stores.index.select({})).get(id) ?? [],
        staff: await services.directory.accounts(),
        workflow,
        handoff,
        deliveries,
        transcript,
        flow: services.flow,
        flash: flashOf(req),
      }),
    );
  });

  /** The lead id of a form posted to a lead, or undefined after answering 404 when there is none. */
  const existingLeadId = async (req: Request, res: Response): Promise<string | undefined> => {
    const id = String(req.params.id);
    if (ID_PATTERN.test(id) && (await stores.index.get(id))) return id;
    res
      .status(404)
      .type('html')
      .send(errorPage(viewerOf(res), 404, 'No such lead', 'This lead no longer exists.'));
    return undefined;
  };

  router.post('/leads/:id/status', async (req, res) => {
    const id = await existingLeadId(req, res);
    if (!id) return;
    const back = `/staff/leads/${encodeURIComponent(id)}`;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = statusChangeSchema.safeParse({ status: body.status, note: body.note });
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some((issue) => issue.path[0] === 'note');
      res.redirect(303, `${back}?error=${tooLong ? 'note-too-long' : 'invalid-status'}`);
      return;
    }
    await saveThenRedirect(res, back, async () => {
      const record = await stores.workflow.change(id, parsed.data, viewerOf(res).email, now());
      await stores.index.update(id, (row) => ({ ...row, status: record.status }));
    });
  });

  router.post('/leads/:id/assign', async (req, res) => {
    const id = await existingLeadId(req, res);
    if (!id) return;
    const back = `/staff/leads/${encodeURIComponent(id)}`;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = assignmentSchema.safeParse({ owner: body.owner, followUp: body.followUp });
    const staff = await services.directory.accounts();
    const current = await stores.workflow.get(id);
    if (
      !parsed.success ||
      (parsed.data.owner && parsed.data.owner !== current?.owner && !staff.includes(parsed.data.owner))
    ) {
      res.redirect(303, `${back}?error=invalid-assignment`);
      return;
    }
    await saveThenRedirect(res, back, async () => {
      const record = await stores.workflow.assign(id, parsed.data, viewerOf(res).email, now());
      await stores.index.update(id, (row) => withAssignment(row, record));
    });
  });

  router.post('/handoffs/:id/handled', async (req, res) => {
    const id = String(req.params.id);
    if (!ID_PATTERN.test(id) || !(await stores.handoffs.markHandled(id, viewerOf(res).email, now()))) {
      res
        .status(404)
        .type('html')
        .send(errorPage(viewerOf(res), 404, 'No such request', 'This handoff request no longer exists.'));
      return;
    }
    res.redirect(303, '/staff/handoffs?done=handled');
  });

  router.post('/leads/:id/delete', async (req, res) => {
    const id = String(req.params.id);
    const lead = ID_PATTERN.test(id) ? await stores.leads.get(id) : undefined;
    if (!lead) {
      res
        .status(404)
        .type('html')
        .send(errorPage(viewerOf(res), 404, 'No such lead', 'This lead no longer exists.'));
      return;
    }
    const confirm = (req.body as Record<string, unknown>)?.confirm;
    if (typeof confirm !== 'string' || confirm.trim().toUpperCase() !== lead.reference.toUpperCase()) {
      res.redirect(303, `/staff/leads/${encodeURIComponent(id)}?error=confirm-mismatch`);
      return;
    }
    await services.eraser.erase(id, { by: viewerOf(res).email, reason: 'privacy-request' });
    res.redirect(303, '/staff/leads?done=deleted');
  });

  router.post('/deliveries/:id/retry', async (req, res) => {
    const id = String(req.params.id);
    const entry = ID_PATTERN.test(id) ? await stores.notifier.outbox.get(id) : undefined;
    if (!entry) {
      res
        .status(404)
        .type('html')
        .send(errorPage(viewerOf(res), 404, 'No such delivery', 'It may have been deleted.'));
      return;
    }
    const retried = await stores.notifier.retryNow(id);
    res.redirect(
      303,
      `/staff/leads/${encodeURIComponent(entry.intakeId)}?${retried ? 'done=retry' : 'error=not-retryable'}`,
    );
  });

  router.get('/overview', async (_req, res) => {
    res.type('html').send(overviewPage(viewerOf(res), overviewOf(await stores.index.select({}), now())));
  });

  router.get('/handoffs', async (req, res) => {
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
    items.sort(
      (a, b) =>
        Number(!!a.doc.handled) - Number(!!b.doc.handled) ||
        (a.latest.requestedAt < b.latest.requestedAt ? 1 : -1),
    );
    res.type('html').send(handoffsPage(viewerOf(res), items, services.flow, flashOf(req)));
  });

  router.get('/deletions', async (_req, res) => {
    res.type('html').send(deletionsPage(viewerOf(res), await stores.audit.latest(200)));
  });

  router.get(['/export.csv', '/export.json'], async (req, res) => {
    const parsed = parseFilter(req.query as Record<string, unknown>);
    if (!parsed.ok) {
      res.status(400).type('text').send(parsed.message);
      return;
    }
    const items = await exportItems(stores, parsed.filter, today(), timeZone);
    const day = now().toISOString().slice(0, 10);
    const csv = req.path.endsWith('.csv');
    log.info('leads-exported', { format: csv ? 'csv' : 'json', count: items.length });
    res
      .type(csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .attachment(`imp-leads-${day}.${csv ? 'csv' : 'json'}`)
      .send(csv ? toCsv(items) : toJson(items, now()));
  });

  router.use((_req, res) => {
    res
      .status(404)
      .type('html')
      .send(errorPage(viewerOf(res), 404, 'Not found', 'There is no such page.'));
  });

  router.use((error: Error, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    log.error('staff-page-failed', { path: req.path, error: error.name });
    res
      .status(500)
      .type('html')
      .send(
        errorPage(
          res.locals.viewer as Viewer | undefined,
          500,
          'Something went wrong',
          'The server could not complete this request. Try again; if it keeps happening, check the server logs.',
        ),
      );
  });

  return router;
}

function parseFilterOrDefault(): LeadFilter {
  const parsed = parseFilter({});
  if (!parsed.ok) throw new Error('the empty filter is always valid');
  return parsed.filter;
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

/** The staff JSON API: bearer tokens only (no cookies, so no CSRF to fear). */
function apiRouter(services: StaffServices): Router {
  const { stores, directory } = services;
  const now = services.now ?? (() => new Date());
  const timeZone = services.timeZone ?? DEFAULT_TIME_ZONE;
  const today = () => dayInZone(now(), timeZone);
  const api = express.Router();

  api.use(async (req, res, next) => {
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
  });

  const leadOr404 = async (req: Request, res: Response): Promise<Lead | undefined> => {
    const id = String(req.params.id);
    const lead = ID_PATTERN.test(id) ? await stores.leads.get(id) : undefined;
    if (!lead)
      res.status(404).json({ error: 'not found', message: `No lead with id ${JSON.stringify(id)}.` });
    return lead;
  };

  api.get('/leads', async (req, res) => {
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
    res.json({
      items,
      page: result.page,
      pageSize: result.pageSize,
      pages: result.pages,
      total: result.total,
      counts: result.counts,
    });
  });

  api.get('/leads/:id', async (req, res) => {
    const lead = await leadOr404(req, res);
    if (!lead) return;
    const workflow = await stores.workflow.get(lead.id);
    res.json({
      lead,
      workflow: {
        status: workflow?.status ?? 'new',
        updatedAt: workflow?.updatedAt ?? lead.createdAt,
        history: workflow?.history ?? [],
      },
    });
  });

  api.patch('/leads/:id', express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = statusChangeSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({
        error: 'invalid change',
        message: `Send { "status": one of ${workflowStatuses.join(', ')}, "note"?: text up to 2000 characters }.`,
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
      return;
    }
    const lead = await leadOr404(req, res);
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
  });

  api.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  api.use(
    (error: Error & { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
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
    },
  );

  return api;
}

/** Runs a form's change and sends the page back saying "saved", or "unchanged" when there was nothing to change. */
async function saveThenRedirect(res: Response, back: string, save: () => Promise<void>): Promise<void> {
  try {
    await save();
  } catch (error) {
    if (!(error instanceof NothingToChangeError)) throw error;
    res.redirect(303, `${back}?done=unchanged`);
    return;
  }
  res.redirect(303, `${back}?done=saved`);
}
