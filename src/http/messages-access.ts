import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';

/**
 * Who may call POST /api/messages, and where the bot may then send its replies (the activity's
 * serviceUrl: the bot POSTs to it, so an unchecked one lets a caller make this server send
 * requests anywhere).
 *
 * - With a Microsoft App ID, every request carries a channel token the adapter verifies; replies
 *   go to the Bot Framework's hosts (and any configured in BOT_SERVICE_URL_HOSTS), or to loopback
 *   when the caller itself is on this machine.
 * - Without one (the default website deployment), nothing authenticates a request: only a client
 *   on this machine (the Bot Framework Emulator, the replay tool) is let in, directly (not through
 *   a proxy), its replies go back to loopback only, and it cannot name the website channel's
 *   conversations ("directline"): those are reached through the built-in channel, with a token.
 */

/** The hosts the Bot Framework's channels reply through (Azure public and government clouds, Teams). */
export const DEFAULT_SERVICE_HOST_PATTERNS = [
  '*.botframework.com',
  '*.botframework.us',
  '*.botframework.azure.us',
  'smba.trafficmanager.net',
  '*.teams.microsoft.com',
  '*.teams.microsoft.us',
];

/** The channel id of the website's built-in Direct Line channel: its conversations are not reachable here. */
export const WEBSITE_CHANNEL_ID = 'directline';

export interface MessagesAccessOptions {
  /** A Microsoft App ID is configured: the adapter verifies channel tokens. */
  authenticated: boolean;
  /** Extra host patterns ("*.example.com" or "host.example.com") replies may go to. */
  serviceHosts?: string[];
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host'];

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || isLoopbackAddress(host);
}

/** Whether `hostname` is `pattern`, or under it when the pattern is "*.domain". */
export function hostMatches(hostname: string, pattern: string): boolean {
  const host = hostname.toLowerCase();
  const wanted = pattern.trim().toLowerCase();
  if (wanted.startsWith('*.')) return host.endsWith(wanted.slice(1)) && host.length > wanted.length - 1;
  return host === wanted;
}

/** Whether the bot may send replies to `serviceUrl` for this caller. */
export function serviceUrlAllowed(
  serviceUrl: string,
  options: { authenticated: boolean; loopbackCaller: boolean; serviceHosts: string[] },
): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (isLoopbackHost(url.hostname)) return options.loopbackCaller;
  if (!options.authenticated || url.protocol !== 'https:') return false;
  return options.serviceHosts.some((pattern) => hostMatches(url.hostname, pattern));
}

function refuse(res: Response, status: number, reason: string): void {
  res.status(status).json({ error: status === 403 ? 'forbidden' : 'invalid activity', reason });
}

/** Express middleware for POST /api/messages, after the body is parsed and checked. */
export function messagesAccess(options: MessagesAccessOptions) {
  const serviceHosts = [...DEFAULT_SERVICE_HOST_PATTERNS, ...(options.serviceHosts ?? [])];
  return (req: Request, res: Response, next: NextFunction): void => {
    const activity = req.body as { channelId: string; serviceUrl?: string; deliveryMode?: string };
    const proxied = FORWARDING_HEADERS.some((header) => req.headers[header] !== undefined);
    const loopbackCaller = isLoopbackAddress(req.socket.remoteAddress) && !proxied;
    if (!options.authenticated) {
      if (!loopbackCaller) {
        refuse(
          res,
          403,
          'without MicrosoftAppId this endpoint only serves the Bot Framework Emulator on this machine',
        );
        return;
      }
      if (activity.channelId.toLowerCase() === WEBSITE_CHANNEL_ID) {
        refuse(res, 403, 'the website chat reaches the bot through its own channel (/v3/directline)');
        return;
      }
    }
    if (options.authenticated && !req.headers.authorization) {
      res.status(401).json({ error: 'unauthorized', reason: 'a valid channel token is needed' });
      return;
    }
    const replies = activity.deliveryMode !== 'expectReplies';
    if (
      replies &&
      !serviceUrlAllowed(activity.serviceUrl ?? '', { ...options, loopbackCaller, serviceHosts })
    ) {
      refuse(res, 400, 'serviceUrl: replies cannot be sent there');
      return;
    }
    next();
  };
}
