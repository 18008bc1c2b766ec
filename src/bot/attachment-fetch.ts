import { Readable } from 'node:stream';
import { DEFAULT_SERVICE_HOST_PATTERNS, hostMatches } from '../http/messages-access';

/**
 * Attachments other channels send (Teams, Azure's Direct Line, …) arrive as `contentUrl`s the bot
 * must fetch. Only from the hosts the Bot Framework's channels serve them from (the same list
 * replies may go to, and BOT_SERVICE_URL_HOSTS), over https, with no credentials in the URL and no
 * redirect followed: an activity cannot make this server fetch anything else. The body is handed
 * on as a stream, so the vault's size limit stops reading past 10 MB.
 */

export class AttachmentRefusedError extends Error {
  readonly code = 'unreachable';
  constructor(reason: string) {
    super(`The attachment was not fetched: ${reason}.`);
    this.name = 'AttachmentRefusedError';
  }
}

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface AttachmentFetcherOptions {
  /** Extra host patterns ("*.example.com" or "host.example.com"), as BOT_SERVICE_URL_HOSTS. */
  hosts?: string[];
  fetch?: Fetch;
  timeoutMs?: number;
}

export class AttachmentFetcher {
  private readonly hosts: string[];
  private readonly fetch: Fetch;
  private readonly timeoutMs: number;

  constructor(options: AttachmentFetcherOptions = {}) {
    this.hosts = [...DEFAULT_SERVICE_HOST_PATTERNS, ...(options.hosts ?? [])].filter((h) => h.trim() !== '');
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  allowed(contentUrl: string): boolean {
    let url: URL;
    try {
      url = new URL(contentUrl);
    } catch {
      return false;
    }
    if (url.protocol !== 'https:' || url.username || url.password) return false;
    return this.hosts.some((pattern) => hostMatches(url.hostname, pattern));
  }

  /** The attachment's bytes as a stream; AttachmentRefusedError for a host not allowed or a failed fetch. */
  async open(contentUrl: string, headers: Record<string, string> = {}): Promise<Readable> {
    if (!this.allowed(contentUrl)) throw new AttachmentRefusedError('its host is not one the channels use');
    let response: Response;
    try {
      response = await this.fetch(contentUrl, {
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
}
