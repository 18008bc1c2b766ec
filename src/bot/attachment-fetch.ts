import { Readable } from 'node:stream';
import type { TurnContext } from '@microsoft/agents-hosting';
import { DEFAULT_SERVICE_HOST_PATTERNS, hostMatches } from '../http/messages-access';

/**
 * Attachments other channels send (Teams, Azure's Direct Line, …) arrive as `contentUrl`s the bot
 * must fetch. Only from the hosts the Bot Framework's channels serve them from (the same list
 * replies may go to, and BOT_SERVICE_URL_HOSTS), over https, with no credentials in the URL and no
 * redirect followed: an activity cannot make this server fetch anything else. The body is handed
 * on as a stream, so the vault's size limit stops reading past 10 MB.
 *
 * Files the Bot Framework connector keeps (`https://<service>/v3/attachments/…`, Azure's Direct
 * Line, Teams' smba.trafficmanager.net) need the bot's token, the one the Agents SDK replies to
 * that service URL with (`connectorToken`, given only with a client id). It is sent only to a URL
 * whose host is an allowed one AND the host of the activity's own serviceUrl; never elsewhere,
 * never over a redirect.
 *
 * Teams sends a file from a personal chat as `application/vnd.microsoft.teams.file.download.info`
 * whose `content.downloadUrl` is pre-authorised (a short-lived SharePoint link): fetched without any
 * token, and only from `*.sharepoint.com`, a host accepted for that attachment type alone.
 */

export class AttachmentRefusedError extends Error {
  readonly code = 'unreachable';
  constructor(reason: string) {
    super(`The attachment was not fetched: ${reason}.`);
    this.name = 'AttachmentRefusedError';
  }
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Teams' file from a personal chat (its pre-authorised download link). */
export const TEAMS_FILE_DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';
/** The only hosts a Teams download link is fetched from. */
const TEAMS_DOWNLOAD_HOSTS = ['*.sharepoint.com'];

/** Where a file is: a channel's `contentUrl`, or a Teams download link. */
export interface FileLink {
  url: string;
  kind: 'content' | 'teams-download';
}

export interface AttachmentFetcherOptions {
  /** Extra host patterns ("*.example.com" or "host.example.com"), as BOT_SERVICE_URL_HOSTS. */
  hosts?: string[];
  fetch?: Fetch;
  timeoutMs?: number;
  /**
   * The bot's token for the turn's service URL (`connectorToken`, src/bot/connector-token.ts).
   * Given only with a client id: without one no request carries a token.
   */
  connectorToken?: (context: TurnContext) => Promise<string>;
}

function httpsUrl(text: string | undefined): URL | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}

export class AttachmentFetcher {
  private readonly hosts: string[];
  private readonly fetch: Fetch;
  private readonly timeoutMs: number;
  private readonly connectorToken: AttachmentFetcherOptions['connectorToken'];

  constructor(options: AttachmentFetcherOptions = {}) {
    this.hosts = [...DEFAULT_SERVICE_HOST_PATTERNS, ...(options.hosts ?? [])].filter((h) => h.trim() !== '');
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.connectorToken = options.connectorToken;
  }

  allowed(contentUrl: string, kind: FileLink['kind'] = 'content'): boolean {
    const url = httpsUrl(contentUrl);
    const hosts = kind === 'teams-download' ? TEAMS_DOWNLOAD_HOSTS : this.hosts;
    return url !== undefined && hosts.some((pattern) => hostMatches(url.hostname, pattern));
  }

  /**
   * The attachment's bytes as a stream; AttachmentRefusedError for a host not allowed, a token
   * not obtained or a failed fetch. `context` is the turn the file came in (its serviceUrl).
   */
  async open(link: FileLink | string, context?: TurnContext): Promise<Readable> {
    const { url, kind } = typeof link === 'string' ? { url: link, kind: 'content' as const } : link;
    if (!this.allowed(url, kind)) throw new AttachmentRefusedError('its host is not one the channels use');
    const headers: Record<string, string> = {};
    if (kind === 'content' && context && this.connectorToken && this.isServiceHost(url, context)) {
      try {
        headers.authorization = `Bearer ${await this.connectorToken(context)}`;
      } catch (error) {
        throw new AttachmentRefusedError(
          `no token for the channel (${error instanceof Error ? error.name : 'unknown'})`,
        );
      }
    }
    let response: Response;
    try {
      response = await this.fetch(url, {
        headers,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new AttachmentRefusedError(error instanceof Error ? error.name : 'the request failed');
    }
    if (!response.ok || !response.body)
      throw new AttachmentRefusedError(`the channel answered ${response.status}`);
    return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  }

  /** The file is on the turn's own service (same https host, an allowed one): its token may go there. */
  private isServiceHost(contentUrl: string, context: TurnContext): boolean {
    const service = httpsUrl(context.activity?.serviceUrl);
    const file = httpsUrl(contentUrl);
    return (
      service !== undefined &&
      file !== undefined &&
      service.hostname.toLowerCase() === file.hostname.toLowerCase() &&
      this.allowed(service.href)
    );
  }
}
