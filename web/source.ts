/**
 * Where the visitor came from, told to the bot with the conversation's first activity so the firm
 * need not ask "how did you hear about us?": the referring site's host (not its full address),
 * the page URL's utm tags and the landing path. The server checks every field again.
 */
export interface PageSource {
  referrerHost?: string;
  utm?: { source?: string; medium?: string; campaign?: string };
  landingPath?: string;
}

const tag = (url: URL, name: string) => url.searchParams.get(name)?.trim().slice(0, 80) || undefined;

export function pageSource(): PageSource {
  const page = new URL(location.href);
  let referrerHost: string | undefined;
  try {
    const referrer = new URL(document.referrer);
    // the firm's own pages are not a source: the visit began before them
    if (/^https?:$/.test(referrer.protocol) && referrer.hostname !== page.hostname)
      referrerHost = referrer.hostname.slice(0, 253);
  } catch {
    // no referrer (typed address, bookmark, or a referrer policy that hides it)
  }
  const utm = {
    source: tag(page, 'utm_source'),
    medium: tag(page, 'utm_medium'),
    campaign: tag(page, 'utm_campaign'),
  };
  const hasUtm = Object.values(utm).some((value) => value !== undefined);
  return {
    ...(referrerHost ? { referrerHost } : {}),
    ...(hasUtm ? { utm: JSON.parse(JSON.stringify(utm)) as PageSource['utm'] } : {}),
    landingPath: page.pathname.slice(0, 200),
  };
}
