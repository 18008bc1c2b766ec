import type { NextFunction, Request, Response } from 'express';
import { log } from '../logger';
import { errorPage, type Viewer } from './pages';

/**
 * What the form parser (body-parser's urlencoded) refuses, by its error `type`: too many fields, a
 * body over the limit, a charset or content encoding it does not read, a body cut short. Each is
 * the sender's doing, so it is answered with the status the parser gives and the page's own
 * message, and logged as a warning: an error line is for the server's faults.
 */
const refusedBodyTypes = new Set([
  'parameters.too.many',
  'entity.too.large',
  'charset.unsupported',
  'encoding.unsupported',
  'entity.parse.failed',
  'entity.verify.failed',
  'request.aborted',
  'request.size.invalid',
  'stream.encoding.set',
  'stream.not.readable',
]);

type ParserError = Error & { type?: unknown; status?: unknown };

export function isRefusedBody(error: unknown): error is ParserError & { status: number } {
  const candidate = error as ParserError | undefined;
  return (
    typeof candidate?.type === 'string' &&
    refusedBodyTypes.has(candidate.type) &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500
  );
}

export const UNREADABLE_FORM =
  'This form could not be read (too large, too many fields or an unsupported character set).';

export interface FormErrorOptions {
  /** Answers the sign-in form's own page (a fresh form) with this status and message. */
  showLogin(req: Request, res: Response, status: number, message: string): Promise<void>;
}

/**
 * The staff router's error middleware for refused form bodies: the sign-in form gets the sign-in
 * page back, any other form the dashboard's error page; other errors go on to the next handler.
 */
export function formErrors(options: FormErrorOptions) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (!isRefusedBody(error) || res.headersSent) return next(error);
    log.warn('staff-form-refused', { path: req.path, type: String(error.type), status: error.status });
    if (req.path === '/login') {
      options
        .showLogin(req, res, error.status, `${UNREADABLE_FORM} Please sign in again.`)
        .catch((failure: unknown) => next(failure));
      return;
    }
    res
      .status(error.status)
      .type('html')
      .send(
        errorPage(
          res.locals.viewer as Viewer | undefined,
          error.status,
          'Not done',
          `${UNREADABLE_FORM} Reload the page and try again.`,
        ),
      );
  };
}
