import { startServer, type AssembleOptions } from '../../src/server';
import { tempConfig } from '../support/temp-data';

export type Running = Awaited<ReturnType<typeof startServer>>;

export interface ChatSessionJson {
  conversationId: string;
  userId: string;
  token: string;
  expiresIn: number;
  domain?: string;
  resumed: boolean;
  resumeCode: string;
  resumeCodeExpiresAt: string;
}

export interface DirectLineActivity {
  id: string;
  type: string;
  text?: string;
  locale?: string;
  replyToId?: string;
  from: { id: string; role?: string };
  inputHint?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
  suggestedActions?: { actions: { title: string; value: string }[] };
  channelData?: { intake?: { step: string; section?: string; progress?: { index: number; total: number } } };
}

/** A server on a random port with its own data folder; `stop` closes it and removes the folder. */
export async function startSite(overrides: Record<string, string> = {}, options: AssembleOptions = {}) {
  const config = tempConfig(overrides);
  const server = await startServer(config, options);
  return {
    config,
    server,
    url: `http://127.0.0.1:${server.port}`,
    stop: async () => {
      await server.close();
      config.cleanup();
    },
  };
}

/** What the page does when the launcher opens: POST /api/webchat/token. */
export async function requestChat(url: string, body: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/api/webchat/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as ChatSessionJson & { error?: { code: string } },
  };
}

/** One Direct Line REST call with a bearer token. */
export async function directLine(
  url: string,
  token: string | undefined,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${url}/v3/directline${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

/** Posts a message into a conversation, as Web Chat does; `fields` adds to (or replaces) its fields. */
export function postMessage(
  url: string,
  chat: { token: string; conversationId: string },
  text: string,
  fields: Record<string, unknown> = {},
) {
  return directLine(url, chat.token, 'POST', `/conversations/${chat.conversationId}/activities`, {
    type: 'message',
    text,
    ...fields,
  });
}

export const botMessages = (activities: DirectLineActivity[]) =>
  activities.filter((a) => a.type === 'message' && a.from.role === 'bot');

export async function eventually<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
