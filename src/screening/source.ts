import { z } from 'zod';

/**
 * Where a lead came from, captured without asking: the website page sends the referrer's host,
 * the utm_* tags of its URL and the landing path with the conversation's first activity; other
 * channels (Emulator, Teams, replays) are their channel. This is the one place that reads that
 * untrusted input and the one place that classifies it.
 */

export const sourceCategories = ['search', 'social', 'referral', 'campaign', 'direct', 'other'] as const;
export type SourceCategory = (typeof sourceCategories)[number];

/** What staff read for each category (dashboard column and filter, summary, export). */
export const sourceCategoryLabels: Record<SourceCategory, string> = {
  search: 'search engine',
  social: 'social media',
  referral: 'referral',
  campaign: 'campaign',
  direct: 'direct',
  other: 'other',
};

/**
 * The answer of the former "How did you hear about us?" question, kept on leads stored before the
 * source was captured from the page: leads on disk outlive the code that asked it.
 */
export const reportedSources = ['search', 'referral', 'socialMedia', 'event', 'other'] as const;
export type ReportedSource = (typeof reportedSources)[number];
const reportedLabels: Record<ReportedSource, string> = {
  search: 'search engine',
  referral: 'referral',
  socialMedia: 'social media',
  event: 'event or seminar',
  other: 'other',
};
const reportedCategories: Record<ReportedSource, SourceCategory> = {
  search: 'search',
  referral: 'referral',
  socialMedia: 'social',
  event: 'other',
  other: 'other',
};

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
/** A utm value: words, digits and the usual separators, nothing markup or a spreadsheet could run. */
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _.\-+/]{0,79}$/u;
const PATH = /^\/[A-Za-z0-9\-._~/%]{0,199}$/;
const CHANNEL = /^[a-z0-9][a-z0-9._-]{0,39}$/;

export const utmSchema = z
  .object({
    source: z.string().regex(TAG).optional(),
    medium: z.string().regex(TAG).optional(),
    campaign: z.string().regex(TAG).optional(),
  })
  .strict();

export const leadSourceSchema = z
  .object({
    /** The Bot Framework channel the conversation came through (directline, msteams, emulator…). */
    channel: z.string().regex(CHANNEL),
    /** Set when the website page told where the visitor came from (even when from nowhere). */
    website: z
      .object({
        referrerHost: z.string().regex(HOST).optional(),
        utm: utmSchema.optional(),
        landingPath: z.string().regex(PATH).optional(),
      })
      .strict()
      .optional(),
    /** What the prospect answered to the former "How did you hear about us?" (older leads only). */
    reported: z.enum(reportedSources).optional(),
    category: z.enum(sourceCategories),
  })
  .strict();

export type LeadSource = z.infer<typeof leadSourceSchema>;
export type WebsiteSource = NonNullable<LeadSource['website']>;

const SEARCH_HOSTS = [
  'google',
  'bing.com',
  'duckduckgo.com',
  'yahoo',
  'ecosia.org',
  'qwant.com',
  'baidu.com',
  'yandex',
  'startpage.com',
  'search.brave.com',
  'naver.com',
];
const SOCIAL_HOSTS = [
  'facebook.com',
  'fb.com',
  'instagram.com',
  'linkedin.com',
  'lnkd.in',
  't.co',
  'twitter.com',
  'x.com',
  'reddit.com',
  'youtube.com',
  'tiktok.com',
  'pinterest.com',
  'whatsapp.com',
  'wechat.com',
  'weibo.com',
  'threads.net',
  'bsky.app',
];
const SEARCH_TAGS = /^(google|bing|duckduckgo|yahoo|ecosia|qwant|baidu|yandex|brave|naver)$/;
const SOCIAL_TAGS =
  /^(facebook|fb|instagram|ig|linkedin|twitter|x|reddit|youtube|tiktok|pinterest|whatsapp|wechat|weibo|threads|bluesky)$/;

/** `host` is `name` or one of its subdomains; a bare name ("google", "yahoo") matches any of its domains. */
function hostIs(host: string, names: readonly string[]): boolean {
  const labels = host.split('.');
  return names.some((name) =>
    name.includes('.')
      ? host === name || host.endsWith(`.${name}`)
      : labels.slice(0, -1).includes(name) && labels.indexOf(name) >= labels.length - 3,
  );
}

/** The one classification of a website visit: tags first (the firm set them), then the referrer. */
export function categoryOf(website: WebsiteSource): SourceCategory {
  const { utm, referrerHost } = website;
  if (utm) {
    const medium = utm.medium?.toLowerCase() ?? '';
    const tag = utm.source?.toLowerCase() ?? '';
    if (/^(cpc|ppc|paid.*|display|banner|e-?mail|newsletter|affiliate|sms)$/.test(medium)) return 'campaign';
    if (/social/.test(medium) || (!utm.campaign && SOCIAL_TAGS.test(tag))) return 'social';
    if (medium === 'organic' || (!utm.campaign && SEARCH_TAGS.test(tag))) return 'search';
    if (medium === 'referral') return 'referral';
    return 'campaign';
  }
  if (!referrerHost) return 'direct';
  if (hostIs(referrerHost, SEARCH_HOSTS)) return 'search';
  if (hostIs(referrerHost, SOCIAL_HOSTS)) return 'social';
  return 'referral';
}

const channelOf = (channelId: unknown) => {
  const id = typeof channelId === 'string' ? channelId.toLowerCase() : '';
  return CHANNEL.test(id) ? id : 'unknown';
};

function hostOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 300) return undefined;
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  return HOST.test(host) ? host : undefined;
}

function tagOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const tag = value.trim().replace(/\s+/g, ' ').slice(0, 80).trim();
  return TAG.test(tag) ? tag : undefined;
}

function pathOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return PATH.test(value) ? value : undefined;
}

/**
 * The source of a conversation from its channel and what the page sent (`channelData.source`):
 * every field is checked on its own and a bad one is left out, so a hostile or broken page can
 * neither break a turn nor put anything but a host, short tags and a path on a lead.
 */
export function sourceFrom(channelId: unknown, pageData: unknown): LeadSource {
  const channel = channelOf(channelId);
  if (typeof pageData !== 'object' || pageData === null || Array.isArray(pageData))
    return { channel, category: 'other' };
  const data = pageData as Record<string, unknown>;
  const rawUtm = (typeof data.utm === 'object' && data.utm !== null ? data.utm : {}) as Record<
    string,
    unknown
  >;
  const utm = Object.fromEntries(
    (['source', 'medium', 'campaign'] as const)
      .map((key) => [key, tagOf(rawUtm[key])] as const)
      .filter(([, value]) => value !== undefined),
  ) as WebsiteSource['utm'] & object;
  const referrerHost = hostOf(data.referrerHost);
  const landingPath = pathOf(data.landingPath);
  const website: WebsiteSource = {
    ...(referrerHost ? { referrerHost } : {}),
    ...(Object.keys(utm).length > 0 ? { utm } : {}),
    ...(landingPath ? { landingPath } : {}),
  };
  return leadSourceSchema.parse({ channel, website, category: categoryOf(website) });
}

/** The source of a lead stored before sources were captured: the prospect's own answer, if any. */
export function legacySource(heardAbout: unknown): LeadSource {
  const reported = z.enum(reportedSources).safeParse(heardAbout);
  return reported.success
    ? { channel: 'unknown', reported: reported.data, category: reportedCategories[reported.data] }
    : { channel: 'unknown', category: 'other' };
}

/** One line for staff: the category, then what it rests on. */
export function describeSource(source: LeadSource): string {
  const details: string[] = [];
  const { website } = source;
  if (website?.utm) {
    const { source: tag, medium, campaign } = website.utm;
    details.push(
      ['campaign', campaign, tag && `from ${tag}`, medium && `(${medium})`].filter(Boolean).join(' '),
    );
  }
  if (website?.referrerHost) details.push(`via ${website.referrerHost}`);
  if (website && !website.utm && !website.referrerHost) details.push('no referrer');
  if (website?.landingPath) details.push(`landed on ${website.landingPath}`);
  if (!website && source.reported) details.push(`the prospect said: ${reportedLabels[source.reported]}`);
  if (!website && !source.reported && source.channel !== 'unknown') details.push(`channel ${source.channel}`);
  const label = sourceCategoryLabels[source.category];
  return details.length > 0 ? `${label} — ${details.join(', ')}` : label;
}
