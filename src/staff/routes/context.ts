import type { Request, Response } from 'express';
import type { Flow } from '../../intake/flows';
import type { DocumentVault } from '../../documents/vault';
import type { LeadAccessLog } from '../access-log';
import type { StaffDirectory } from '../accounts';
import { errorPage, type Viewer } from '../pages';
import type { LeadEraser, StaffStores } from '../privacy';
import type { SessionStore } from '../sessions';
import type { LoginThrottle } from '../sign-in-throttle';
import { dayInZone } from '../triage';
import { NothingToChangeError } from '../workflow';

/** What the staff routes are given: the stores and services of the staff side (src/staff/index.ts). */
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
  /** Every view of a lead and download of a document, recorded (see ../access-log.ts). */
  access: LeadAccessLog;
  /** The prospects' documents; absent without DOCUMENTS_KEY. */
  documents?: DocumentVault;
}

/** The services with the clock and the firm's day settled once for every route. */
export interface StaffContext extends StaffServices {
  now: () => Date;
  timeZone: string;
  /** Today in the firm's time zone (YYYY-MM-DD). */
  today: () => string;
}

const DEFAULT_TIME_ZONE = 'America/Vancouver';

export function contextOf(services: StaffServices): StaffContext {
  const now = services.now ?? (() => new Date());
  const timeZone = services.timeZone ?? DEFAULT_TIME_ZONE;
  return { ...services, now, timeZone, today: () => dayInZone(now(), timeZone) };
}

export const SESSION_COOKIE = 'imp_staff_session';
export const LOGIN_COOKIE = 'imp_staff_login';
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

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

export function flashOf(req: Request): { notice?: string; error?: string } {
  const done = typeof req.query.done === 'string' ? notices[req.query.done] : undefined;
  const error = typeof req.query.error === 'string' ? errors[req.query.error] : undefined;
  return { ...(done ? { notice: done } : {}), ...(error ? { error } : {}) };
}

export function cookieOf(req: Request, name: string): string | undefined {
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

/** The dashboard's cookies: this site only, never read by scripts, Secure over HTTPS. */
export const cookieOptions = (context: StaffContext, req: Request) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: context.secureCookies || req.secure,
  path: '/staff',
});

export const viewerOf = (res: Response): Viewer => res.locals.viewer as Viewer;

/** Answers 404 with the dashboard's error page. */
export function notFound(res: Response, title: string, message: string): void {
  res
    .status(404)
    .type('html')
    .send(errorPage(viewerOf(res), 404, title, message));
}

/** Runs a form's change and sends the page back saying "saved", or "unchanged" when there was nothing to change. */
export async function saveThenRedirect(
  res: Response,
  back: string,
  save: () => Promise<void>,
): Promise<void> {
  try {
    await save();
  } catch (error) {
    if (!(error instanceof NothingToChangeError)) throw error;
    res.redirect(303, `${back}?done=unchanged`);
    return;
  }
  res.redirect(303, `${back}?done=saved`);
}
