import { forgetSession, loadSession, type ChatSession } from './session';
import { pageSource } from './source';
import type { StringKey } from './strings';

/**
 * Getting a conversation from the token endpoint: small and free of Web Chat, so it runs while
 * Web Chat is still downloading.
 */

export class TokenRequestError extends Error {
  constructor(readonly problem: StringKey) {
    super(problem);
  }
}

/** A started conversation: Web Chat joins it. */
export interface Connection {
  session: ChatSession;
}

async function requestSession(body: { resumeCode?: string }): Promise<ChatSession> {
  let response: Response;
  try {
    response = await fetch('/api/webchat/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new TokenRequestError('unavailable');
  }
  if (!response.ok) {
    const code = ((await response.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code;
    const problems: Record<string, StringKey> = {
      ResumeCodeUnknown: 'resumeCodeUnknown',
      ConversationGone: 'conversationGone',
      TooManyAttempts: 'tooManyAttempts',
    };
    throw new TokenRequestError(problems[code ?? ''] ?? 'unavailable');
  }
  const data = (await response.json()) as Omit<ChatSession, 'open'> & { resumed: boolean };
  return { ...data, open: true };
}

/**
 * Starts a new conversation (Direct Line's POST /conversations, what Web Chat would do), so the
 * bot's greeting is ready by the time Web Chat has loaded; Web Chat then joins it.
 */
async function startConversation(session: ChatSession, locale: string): Promise<ChatSession> {
  const domain = session.domain ?? `${location.origin}/v3/directline`;
  try {
    const response = await fetch(`${domain}/conversations`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `Bearer ${session.token}`,
      },
      body: JSON.stringify({ user: {}, locale, channelData: { source: pageSource() } }),
    });
    if (!response.ok) throw new Error(String(response.status));
    const { token } = (await response.json()) as { token?: string };
    return token ? { ...session, token } : session;
  } catch {
    throw new TokenRequestError('unavailable');
  }
}

/**
 * A conversation for this tab, started: the resume code's, the one this tab had, or a new one
 * (in `locale`).
 */
export async function connectChat(locale: string, resumeCode?: string): Promise<Connection> {
  if (resumeCode) return { session: await requestSession({ resumeCode }) };
  const stored = loadSession();
  const fresh = async () => ({
    session: await startConversation(await requestSession({}), locale),
  });
  if (!stored) return fresh();
  try {
    const session = await requestSession({ resumeCode: stored.resumeCode });
    return { session: { ...session, reference: stored.reference, turn: stored.turn } };
  } catch (error) {
    if (!(error instanceof TokenRequestError) || error.problem === 'unavailable') throw error;
    forgetSession();
    return fresh();
  }
}

interface PreviewActivity {
  type?: string;
  text?: string;
  from?: { id?: string; role?: string };
}

/**
 * The bot's latest message in a started conversation, read over Direct Line's REST API: the page
 * shows it while Web Chat is still loading on a slow connection. Undefined if there is none yet.
 */
export async function latestBotMessage(session: ChatSession, attempts = 5): Promise<string | undefined> {
  const domain = session.domain ?? `${location.origin}/v3/directline`;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 400));
    try {
      const response = await fetch(
        `${domain}/conversations/${encodeURIComponent(session.conversationId)}/activities`,
        {
          headers: { accept: 'application/json', authorization: `Bearer ${session.token}` },
        },
      );
      if (!response.ok) return undefined;
      const { activities = [] } = (await response.json()) as { activities?: PreviewActivity[] };
      const fromBot = activities.filter(
        (a) => a.type === 'message' && a.text && a.from?.role !== 'user' && a.from?.id !== session.userId,
      );
      const last = fromBot[fromBot.length - 1];
      if (last?.text) return last.text;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
