import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response, Router } from 'express';
import { log } from '../../logger';
import { normalizeEmail } from '../accounts';
import { errorPage, loginPage, type Viewer } from '../pages';
import { SESSION_HOURS, type ActiveSession } from '../sessions';
import {
  cookieOf,
  cookieOptions,
  flashOf,
  LOGIN_COOKIE,
  SESSION_COOKIE,
  viewerOf,
  type StaffContext,
} from './context';

/** Signing in and out, and the two checks every page behind them makes: a session, and its CSRF token. */

export type ShowLogin = (
  req: Request,
  res: Response,
  status: number,
  extra?: { error?: string; notice?: string; email?: string; next?: string },
) => Promise<void>;

/** Sends the sign-in page with a fresh form token (its cookie set beside it). */
export function loginPageSender(context: StaffContext): ShowLogin {
  const { sessions, directory } = context;
  return async (req, res, status, extra = {}) => {
    const formCookie = randomBytes(24).toString('base64url');
    res.cookie(LOGIN_COOKIE, formCookie, { ...cookieOptions(context, req), maxAge: 60 * 60_000 });
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
}

/** GET and POST /login: open to everyone. */
export function signInRoutes(
  router: Router,
  context: StaffContext,
  form: RequestHandler,
  showLogin: ShowLogin,
) {
  router.get('/login', async (req, res) => {
    if (await context.sessions.get(cookieOf(req, SESSION_COOKIE))) {
      res.redirect(303, safeNext(req.query.next));
      return;
    }
    const flash = flashOf(req);
    await showLogin(req, res, 200, {
      ...(flash.notice ? { notice: flash.notice } : {}),
      ...(typeof req.query.next === 'string' ? { next: safeNext(req.query.next) } : {}),
    });
  });
  router.post('/login', form, signIn(context, showLogin));
}

function signIn(context: StaffContext, showLogin: ShowLogin): RequestHandler {
  const { sessions, directory, throttle } = context;
  return async (req, res) => {
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
    const wait = await throttle.reserve(email, ip);
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
    await throttle.succeeded(email, ip);
    await sessions.destroy(cookieOf(req, SESSION_COOKIE));
    const session = await sessions.create(account);
    res.cookie(SESSION_COOKIE, session, {
      ...cookieOptions(context, req),
      maxAge: SESSION_HOURS * 3_600_000,
    });
    res.clearCookie(LOGIN_COOKIE, cookieOptions(context, req));
    log.info('staff-login', { ip });
    res.redirect(303, next);
  };
}

/** Lets a signed-in staff member through (their viewer in `res.locals`); sends anyone else to sign in. */
export function requireSession(context: StaffContext): RequestHandler {
  const { sessions, directory, timeZone } = context;
  return async (req, res, next) => {
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
  };
}

/** Every state change carries the session's CSRF token (the form body already parsed). */
export function requireCsrf(context: StaffContext): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!context.sessions.checkCsrf(res.locals.session as ActiveSession, body._csrf)) {
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
  };
}

export function signOutRoute(router: Router, context: StaffContext) {
  router.post('/logout', async (req, res) => {
    await context.sessions.destroy(cookieOf(req, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, cookieOptions(context, req));
    res.redirect(303, '/staff/login?done=signed-out');
  });
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
