import { randomUUID } from 'node:crypto';
import type { ActivityJson } from './script';
import type { ConversationRun, ReplayDriver } from './runner';

/**
 * Replays against a running bot: each activity is posted to its /api/messages with
 * `deliveryMode: 'expectReplies'`, so the replies come back in the response body. Only bots that
 * run without a Microsoft App ID accept these requests (no channel token is sent).
 */
export class HttpDriver implements ReplayDriver {
  readonly description: string;

  constructor(private readonly url: string) {
    if (!URL.canParse(url))
      throw new Error(`--url needs an address like http://localhost:3978/api/messages, not "${url}"`);
    this.description = `against ${url}`;
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
      };
      let response: Response;
      try {
        response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      } catch (error) {
        throw new Error(`cannot reach ${this.url}: ${(error as Error).cause ?? (error as Error).message}`);
      }
      if (response.status === 401 || response.status === 403) {
        throw new Error(
          `${this.url} answered HTTP ${response.status}: the bot requires a channel token; --url replays bots run without MicrosoftAppId`,
        );
      }
      if (!response.ok)
        throw new Error(`${this.url} answered HTTP ${response.status}: ${await response.text()}`);
      const text = await response.text();
      const parsed = text ? (JSON.parse(text) as { activities?: ActivityJson[] }) : {};
      replies.push(parsed.activities ?? []);
    }
    return {
      replies,
      leadUnavailable:
        'the lead is not compared with --url (a running bot does not return it); replay in-process to compare it',
    };
  }
}
