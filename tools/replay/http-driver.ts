import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { ActivityJson } from './script';
import type { ConversationRun, ReplayDriver } from './runner';

/**
 * Replays against a running bot: each activity is posted to its /api/messages with
 * `deliveryMode: 'expectReplies'`, so the replies come back in the response body. Only bots that
 * run without a Microsoft App ID accept these requests (no channel token is sent). Every activity
 * carries `channelData.testTraffic`: the conversations are kept, but a submission makes no lead
 * for staff and sends no notification.
 */
export class HttpDriver implements ReplayDriver {
  readonly description: string;
  private readonly agent: http.Agent;

  constructor(private readonly url: string) {
    if (!URL.canParse(url))
      throw new Error(`--url needs an address like http://localhost:3978/api/messages, not "${url}"`);
    this.description = `against ${url}`;
    this.agent = new (url.startsWith('https:') ? https.Agent : http.Agent)({ keepAlive: true });
  }

  async converse(sends: ActivityJson[], conversation: { channelId: string }): Promise<ConversationRun> {
    const conversationId = `replay-${randomUUID()}`;
    const replies: ActivityJson[][] = [];
    for (const [index, activity] of sends.entries()) {
      const { timestamp: _timestamp, ...rest } = activity;
      const body = {
        ...rest,
        id: `${conversationId}-${index + 1}`,
        // The website's channel id is not accepted on /api/messages (its conversations are the
        // built-in channel's): a website transcript is replayed as an Emulator conversation.
        channelId: conversation.channelId === 'directline' ? 'emulator' : conversation.channelId,
        conversation: { id: conversationId },
        serviceUrl: 'http://127.0.0.1:9/replay',
        deliveryMode: 'expectReplies',
        // the bot hands no lead or notification on for it (see IntakeBotOptions.acceptTestTraffic)
        channelData: { ...(rest.channelData as object | undefined), testTraffic: true },
      };
      let response: { status: number; text: string };
      try {
        response = await this.post(JSON.stringify(body));
      } catch (error) {
        const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        throw new Error(`cannot reach ${this.url}: ${cause}`);
      }
      if (response.status === 401 || response.status === 403) {
        throw new Error(
          `${this.url} answered HTTP ${response.status}: the bot requires a channel token; --url replays bots run without MicrosoftAppId`,
        );
      }
      if (response.status < 200 || response.status > 299)
        throw new Error(`${this.url} answered HTTP ${response.status}: ${response.text}`);
      const text = response.text;
      const parsed = text ? (JSON.parse(text) as { activities?: ActivityJson[] }) : {};
      replies.push(parsed.activities ?? []);
    }
    return {
      replies,
      leadUnavailable:
        'the lead is not compared with --url (a running bot does not return it); replay in-process to compare it',
    };
  }

  /**
   * One POST over a kept-alive connection. A server may close an idle connection just as a request
   * goes out on it (its keep-alive timeout passed, e.g. while this process was busy): the request
   * was never read, so it is sent once more on a fresh connection. Any other failure is reported.
   */
  private async post(body: string): Promise<{ status: number; text: string }> {
    try {
      return await this.send(body, this.agent);
    } catch (error) {
      if (!(error as { reusedSocket?: boolean }).reusedSocket) throw error;
      return this.send(body, false);
    }
  }

  private send(body: string, agent: http.Agent | false): Promise<{ status: number; text: string }> {
    const request = this.url.startsWith('https:') ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(
        this.url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        const reset = error.code === 'ECONNRESET' || error.code === 'EPIPE';
        reject(Object.assign(error, { reusedSocket: reset && req.reusedSocket }));
      });
      req.end(body);
    });
  }

  /** Lets the process exit: closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
