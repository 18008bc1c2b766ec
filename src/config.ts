import path from 'node:path';
import { z } from 'zod';
import type { ClamdAddress } from './documents/clamd';
import { documentsKeyFrom } from './documents/envelope';
import { projectRoot } from './paths';

const number = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === '' ? fallback : Number(value)))
    .pipe(z.number().int().positive());

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
const optionalUrl = optionalText.pipe(z.url({ protocol: /^https?$/ }).optional());

/** Example settings' words: a secret made only of them (or holding a phrase) was never chosen. */
const PLACEHOLDERS = ['secret', 'changeme', 'password', 'passwd', 'x', 'test', 'example', 'default', 'admin'];
const PLACEHOLDER_PHRASES = ['changeme', 'replaceme', 'placeholder', 'yoursecret'];
export const MIN_SECRET_LENGTH = 32;

/** Why a secret the firm sets is too weak to sign or open anything, or undefined when it is not. */
export function weakSecret(secret: string): string | undefined {
  if (secret.length < MIN_SECRET_LENGTH)
    return `too short (${secret.length} characters): use at least ${MIN_SECRET_LENGTH} random ones, e.g. \`openssl rand -base64 48\`, or leave it unset to have one generated`;
  const letters = secret.toLowerCase().replace(/[^a-z0-9]/g, '');
  const repeated = new RegExp(`^(?:${PLACEHOLDERS.join('|')}|\\d)+$`);
  if (
    repeated.test(letters) ||
    PLACEHOLDER_PHRASES.some((phrase) => letters.includes(phrase)) ||
    new Set(secret).size < 8
  )
    return 'a placeholder, not a secret: use a random value, e.g. `openssl rand -base64 48`, or leave it unset to have one generated';
  return undefined;
}

/** A secret the firm chooses: absent (one is generated), or long and random enough. */
const optionalSecret = optionalText.superRefine((secret, context) => {
  const weakness = secret === undefined ? undefined : weakSecret(secret);
  if (weakness) context.addIssue({ code: 'custom', message: weakness });
});

/** Settings that only work together: a half-configured notification target is a mistake, not a skip. */
const pairedSettings: [string, string][] = [
  ['SMTP_URL', 'STAFF_EMAIL'],
  ['CLIO_GROW_URL', 'CLIO_GROW_INBOX_TOKEN'],
  ['WEBHOOK_URL', 'WEBHOOK_SECRET'],
];

/** Every setting comes from the environment with a default that runs the product locally. */
export const configSchema = z.object({
  /** 0 picks a free port (the server logs the one it got). */
  PORT: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === '' ? 3978 : Number(value)))
    .pipe(z.number().int().min(0).max(65535)),
  /** Loopback for development; a server or container listens on 0.0.0.0 (the Dockerfile sets it). */
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default(path.join(projectRoot, 'data')),
  /**
   * The bot's Azure identity, in the Microsoft 365 Agents SDK's names (docs/agents-sdk.md). The
   * Bot Framework's names are read too (MicrosoftAppId = clientId, MicrosoftAppPassword =
   * clientSecret, MicrosoftAppTenantId = tenantId, MicrosoftAppType → authType); `loadConfig`
   * fills both from either. Without a client id, /api/messages authenticates nothing.
   */
  clientId: optionalText,
  clientSecret: optionalText,
  tenantId: optionalText,
  /** How the bot proves its identity: a secret, or the Azure managed identity named by clientId. */
  authType: z.enum(['ClientSecret', 'UserManagedIdentity']).optional(),
  /** The Entra sign-in authority, for a sovereign cloud (https://login.microsoftonline.com by default). */
  authorityEndpoint: optionalUrl,
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: optionalText,
  /**
   * Extra hosts the bot may send replies to (comma-separated, "*.example.com" allowed), besides
   * the Bot Framework's and Teams' own; only with a client id (see docs/security.md).
   */
  BOT_SERVICE_URL_HOSTS: optionalText,
  /** The firm's time zone (IANA name): the dashboard shows times, "today" and follow-ups in it. */
  FIRM_TIME_ZONE: z
    .string()
    .default('America/Vancouver')
    .refine(isTimeZone, 'an IANA time zone name, e.g. America/Vancouver or America/Toronto'),
  RETENTION_DAYS: number(365),
  /** Conversations never submitted are purged after this many days of silence. */
  ABANDONED_DAYS: number(30),
  /** Where the firm reaches this server (e.g. https://intake.example.com): links in emails, Secure cookies. */
  PUBLIC_URL: optionalUrl,
  /** Signs staff session cookies; generated into DATA_DIR/staff/ at first start when absent. */
  SESSION_SECRET: optionalSecret,
  SMTP_URL: optionalText,
  STAFF_EMAIL: optionalText,
  MAIL_FROM: optionalText,
  /** The Clio Grow host of the firm's region, e.g. https://ca.grow.clio.com */
  CLIO_GROW_URL: optionalUrl,
  CLIO_GROW_INBOX_TOKEN: optionalText,
  WEBHOOK_URL: optionalUrl,
  WEBHOOK_SECRET: optionalSecret,
  /**
   * The firm's booking page (Calendly, Clio Scheduler, Microsoft Bookings…), offered after
   * submitting; Calendly links are prefilled (src/booking/link.ts). Unset: the firm calls.
   */
  BOOKING_URL: optionalText.pipe(z.url({ protocol: /^https$/ }).optional()),
  /** Signs the scheduler's webhook (POST /booking/webhook); unset: the route is not served. */
  BOOKING_WEBHOOK_SECRET: optionalText.pipe(z.string().min(16, 'at least 16 characters').optional()),
  /** Without BOOKING_URL: the prospect is told the firm calls within this many hours. */
  FIRM_RESPONSE_HOURS: optionalText
    .transform((value) => (value === undefined ? undefined : Number(value)))
    .pipe(z.number().int().positive().optional()),
  /**
   * Encrypts the documents prospects attach (32 random bytes, base64 or hex; see
   * docs/documents.md). Unset: the document feature is off and uploads are refused.
   */
  DOCUMENTS_KEY: optionalText,
  /**
   * Azure Key Vault wraps the documents' keys instead (an RSA key's identifier,
   * https://<vault>.vault.azure.net/keys/<name>[/<version>]; docs/documents.md). DOCUMENTS_KEY, if
   * also set, still opens the files sealed with it before.
   */
  DOCUMENTS_KEY_VAULT_KEY_ID: optionalText.pipe(
    z
      .url({ protocol: /^https$/ })
      .regex(/^https:\/\/[^/]+\/keys\/[A-Za-z0-9-]+(\/[A-Za-z0-9]+)?\/?$/, {
        error: 'a Key Vault key identifier: https://<vault>.vault.azure.net/keys/<name>[/<version>]',
      })
      .optional(),
  ),
  /** ClamAV's daemon: its unix socket (Debian's clamav-daemon: /var/run/clamav/clamd.ctl), … */
  CLAMD_SOCKET: optionalText,
  /** … or its host and port (e.g. a clamav/clamav container). */
  CLAMD_HOST: optionalText,
  CLAMD_PORT: number(3310).pipe(z.number().max(65535)),
  /**
   * Website chat. Without DIRECT_LINE_DOMAIN the built-in Direct Line channel serves it, and this
   * secret signs its tokens (generated into DATA_DIR at first start when absent). With
   * DIRECT_LINE_DOMAIN (Azure's, e.g. https://directline.botframework.com/v3/directline) this is
   * that channel's secret, exchanged server-side for per-conversation tokens.
   */
  DIRECT_LINE_SECRET: optionalSecret,
  DIRECT_LINE_DOMAIN: optionalUrl,
  /** Built-in channel: messages one conversation may send per minute (after a burst of 20). */
  DIRECT_LINE_MESSAGES_PER_MINUTE: number(120),
  /** Behind a reverse proxy: the number of proxies to trust for the client IP (rate limits). */
  TRUST_PROXY: optionalText.pipe(z.string().regex(/^\d+$/, 'a number of proxies').optional()),
  /**
   * How long a client may take to send a request's headers, and the whole request: a slow sender
   * (one byte a second) holds a connection this long at most. A chat turn's request is small and
   * quick; WebSocket streams are not requests once upgraded, so they are not cut.
   */
  HTTP_HEADERS_TIMEOUT_SECONDS: number(15),
  HTTP_REQUEST_TIMEOUT_SECONDS: number(30),
  /** On SIGTERM: how long turns and notification sends under way may take to finish. */
  SHUTDOWN_TIMEOUT_SECONDS: number(20),
  /**
   * Where everything that must outlive a process is kept: `file` (lowdb files under DATA_DIR, the
   * default) or `azure-blob` (one Azure Blob Storage container shared by every instance).
   */
  STORAGE: z.enum(['file', 'azure-blob']).default('file'),
  AZURE_STORAGE_CONNECTION_STRING: optionalText,
  /** The container (created when absent): 3–63 lower-case letters, digits and single hyphens. */
  AZURE_STORAGE_CONTAINER: z
    .string()
    .default('imp-intake')
    .refine(
      (name) => /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(name),
      'a container name: 3–63 lower-case letters, digits and single hyphens',
    ),
  /**
   * With STORAGE=azure-blob and the built-in Direct Line channel: "1" says this server is the only
   * instance (the built-in channel keeps its conversations in this process's memory).
   */
  SINGLE_INSTANCE: z
    .enum(['', '0', '1', 'true', 'false'])
    .optional()
    .transform((value) => value === '1' || value === 'true'),
  /**
   * How many instances serve the firm: the in-process rate limits (the website's token endpoint)
   * are divided by it, so that the limits hold for the whole deployment. The staff sign-in limit
   * is counted in storage, shared by every instance.
   */
  INSTANCES: number(1),
  /**
   * How long an instance's claim on a notification holds: if it dies mid-send, another instance
   * sends it after this. Longer than a send may take (senders give up after 15 s).
   */
  NOTIFY_LEASE_SECONDS: number(120).pipe(z.number().min(20, 'at least 20 (a send may take 15 s)')),
});
export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const settings = result.data as Record<string, unknown>;
  for (const [first, second] of pairedSettings) {
    if ((settings[first] === undefined) !== (settings[second] === undefined)) {
      throw new Error(`Invalid configuration: ${first} and ${second} must be set together`);
    }
  }
  if (result.data.HTTP_HEADERS_TIMEOUT_SECONDS > result.data.HTTP_REQUEST_TIMEOUT_SECONDS)
    throw new Error(
      'Invalid configuration: HTTP_HEADERS_TIMEOUT_SECONDS cannot be longer than HTTP_REQUEST_TIMEOUT_SECONDS',
    );
  if (env.BOT_OPENID_METADATA_URL)
    throw new Error(
      "Invalid configuration: BOT_OPENID_METADATA_URL is no longer read: the Agents SDK takes a channel token's keys from its issuer (Azure Bot Service's, or authorityEndpoint's for a sovereign cloud; see docs/agents-sdk.md)",
    );
  checkSharedStorage(result.data);
  documentsKeyFrom(result.data.DOCUMENTS_KEY, false); // a malformed or weak key stops the start
  if (result.data.CLAMD_SOCKET && result.data.CLAMD_HOST)
    throw new Error('Invalid configuration: set CLAMD_SOCKET or CLAMD_HOST, not both (where clamd listens)');
  return { ...result.data, ...botIdentity(result.data), DATA_DIR: path.resolve(result.data.DATA_DIR) };
}

type Settings = z.infer<typeof configSchema>;

/** What each MicrosoftAppType meant to botbuilder, as the Agents SDK's authType. */
const AUTH_TYPE_OF_APP_TYPE = {
  MultiTenant: 'ClientSecret',
  SingleTenant: 'ClientSecret',
  UserAssignedMSI: 'UserManagedIdentity',
} as const;

/**
 * The bot's identity from either vocabulary, under both names: the Agents SDK's (clientId…) and
 * the Bot Framework's (MicrosoftAppId…). The same setting given twice with two values is refused.
 */
export function botIdentity(settings: Settings) {
  const either = <K extends keyof Settings>(name: K, legacy: keyof Settings, value: Settings[K]) => {
    const old = settings[legacy] as Settings[K];
    if (value !== undefined && old !== undefined && value !== old)
      throw new Error(`Invalid configuration: ${name} and ${legacy} differ (they are one setting: give one)`);
    return value ?? old;
  };
  const clientId = either('clientId', 'MicrosoftAppId', settings.clientId);
  const clientSecret = either('clientSecret', 'MicrosoftAppPassword', settings.clientSecret);
  const tenantId = either('tenantId', 'MicrosoftAppTenantId', settings.tenantId);
  const appType = settings.MicrosoftAppType;
  const impliedAuthType = appType ? AUTH_TYPE_OF_APP_TYPE[appType] : undefined;
  if (settings.authType && impliedAuthType && settings.authType !== impliedAuthType)
    throw new Error(
      `Invalid configuration: authType ${settings.authType} contradicts MicrosoftAppType ${appType}`,
    );
  const authType = settings.authType ?? impliedAuthType;
  if (!clientId && (clientSecret || tenantId || authType))
    throw new Error(
      'Invalid configuration: clientSecret, tenantId and authType need clientId (MicrosoftAppId)',
    );
  if (authType === 'ClientSecret' && clientId && !clientSecret)
    throw new Error('Invalid configuration: authType ClientSecret needs clientSecret (MicrosoftAppPassword)');
  if ((appType === 'SingleTenant' || appType === 'UserAssignedMSI') && !tenantId)
    throw new Error(
      `Invalid configuration: MicrosoftAppType ${appType} needs tenantId (MicrosoftAppTenantId)`,
    );
  return {
    clientId,
    clientSecret,
    tenantId,
    authType,
    MicrosoftAppId: clientId,
    MicrosoftAppPassword: clientSecret,
    MicrosoftAppTenantId: tenantId,
  };
}

/** The documents prospects attach are taken: a key wraps them (DOCUMENTS_KEY or Azure Key Vault). */
export function documentsEnabled(
  config: Pick<Config, 'DOCUMENTS_KEY' | 'DOCUMENTS_KEY_VAULT_KEY_ID'>,
): boolean {
  return Boolean(config.DOCUMENTS_KEY || config.DOCUMENTS_KEY_VAULT_KEY_ID);
}

/** Where clamd listens: CLAMD_HOST and CLAMD_PORT over TCP, else CLAMD_SOCKET or Debian's socket. */
export function clamdAddress(config: Config): ClamdAddress {
  if (config.CLAMD_HOST) return { host: config.CLAMD_HOST, port: config.CLAMD_PORT };
  return { socket: config.CLAMD_SOCKET ?? '/var/run/clamav/clamd.ctl' };
}

/** STORAGE=azure-blob: what several instances need, refused at start rather than half-working. */
function checkSharedStorage(config: z.infer<typeof configSchema>): void {
  if (config.STORAGE !== 'azure-blob') return;
  if (!config.AZURE_STORAGE_CONNECTION_STRING)
    throw new Error(
      "Invalid configuration: STORAGE=azure-blob needs AZURE_STORAGE_CONNECTION_STRING (the storage account's connection string)",
    );
  if (!config.DIRECT_LINE_DOMAIN && !config.SINGLE_INSTANCE)
    throw new Error(
      'Invalid configuration: with STORAGE=azure-blob, the website chat of several instances goes through ' +
        "Azure's Direct Line (set DIRECT_LINE_DOMAIN and DIRECT_LINE_SECRET): the built-in channel keeps its " +
        'conversations in one process. Set SINGLE_INSTANCE=1 if this server is the only instance.',
    );
  if (config.INSTANCES > 1 && config.SINGLE_INSTANCE)
    throw new Error('Invalid configuration: SINGLE_INSTANCE=1 contradicts INSTANCES > 1');
}

/**
 * One instance's share of a deployment-wide rate limit: in-process limits (the website's token
 * endpoint) are divided among the `INSTANCES`, at least 1 each.
 */
export function instanceShare(limit: number, instances: number): number {
  return Math.max(1, Math.floor(limit / instances));
}
