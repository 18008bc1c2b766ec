/** The chat of this tab, kept in sessionStorage so a reload continues it (and closing the tab forgets it). */
export interface ChatSession {
  conversationId: string;
  token: string;
  userId: string;
  /** Azure's Direct Line domain, or undefined for this server's built-in channel. */
  domain?: string;
  resumeCode: string;
  resumeCodeExpiresAt: string;
  open: boolean;
  /** The server takes documents (DOCUMENTS_KEY): Web Chat shows its upload button. */
  documents?: boolean;
  /** The intake's reference number, once it is submitted. */
  reference?: string;
  /** The turn of the latest question seen (see turns.ts): a reload keeps the older ones' buttons off. */
  turn?: number;
}

const KEY = 'imp-intake-chat';

export function loadSession(): ChatSession | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as ChatSession) : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: ChatSession): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Without storage a reload starts over; the resume code still works.
  }
}

export function forgetSession(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
