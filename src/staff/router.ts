import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import helmet from 'helmet';
import { log } from '../logger';
import { formErrors } from './form-errors';
import { errorPage, type Viewer } from './pages';
import { apiRouter } from './routes/api';
import { contextOf, notFound, type StaffContext, type StaffServices } from './routes/context';
import { firmPages } from './routes/firm-pages';
import { leadForms } from './routes/lead-forms';
import { leadPages } from './routes/leads';
import { loginPageSender, requireCsrf, requireSession, signInRoutes, signOutRoute } from './routes/sign-in';
import { staffCss } from './styles';

export type { StaffServices } from './routes/context';

const favicon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b5394"/><path fill="#fff" d="M8 8h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H13l-5 4V10a2 2 0 0 1 2-2z"/></svg>';

/**
 * The /staff router, in the order a request meets it: security headers and assets, the JSON API
 * (bearer tokens), sign-in, then — for a signed-in staff member whose forms carry the CSRF
 * token — the dashboard's pages and forms (./routes/), and last the error pages.
 */
export function createStaffRouter(services: StaffServices): Router {
  const context = contextOf(services);
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });
  const showLogin = loginPageSender(context);

  router.use(securityHeaders(context));
  router.get('/assets/favicon.svg', (_req, res) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(favicon);
  });
  router.get('/assets/staff.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=300').send(staffCss);
  });
  router.use('/api', apiRouter(context));
  signInRoutes(router, context, form, showLogin);

  // everything below needs a signed-in staff member, and every state change the session's CSRF token
  router.use(requireSession(context));
  router.use(form, requireCsrf(context));
  signOutRoute(router, context);
  leadPages(router, context);
  leadForms(router, context);
  firmPages(router, context);

  router.use((_req, res) => notFound(res, 'Not found', 'There is no such page.'));
  router.use(formErrors({ showLogin: (req, res, status, error) => showLogin(req, res, status, { error }) }));
  router.use(pageFailed);
  return router;
}

/** Strict CSP (no script at all), no caching and no indexing of any staff page. */
function securityHeaders(context: StaffContext) {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        ...(context.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: context.secureCookies,
    referrerPolicy: { policy: 'no-referrer' },
  });
  const noStore = (_req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    res.set('X-Robots-Tag', 'noindex, nofollow');
    next();
  };
  return [headers, noStore];
}

function pageFailed(error: Error, req: Request, res: Response, next: NextFunction): void {
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
}
