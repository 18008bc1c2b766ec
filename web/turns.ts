/**
 * Which question is the current one, so the buttons of earlier ones do nothing. Every question the
 * bot asks carries its turn (`channelData.intake.turn`, see src/intake/binding.ts) and its buttons
 * send it back. The page remembers the latest turn across a reload: while Web Chat rebuilds the
 * history, the earlier questions arrive again, and they come without their buttons, and without
 * moving the progress line back. The bot refuses a stale button anyway; this keeps it from showing.
 */

interface Attachment {
  contentType?: string;
  content?: unknown;
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export class Turns {
  constructor(
    private current: number,
    private readonly remember: (turn: number) => void,
  ) {}

  /** False for a message of a question older than the latest one the page has seen. */
  isCurrent(turn: number | undefined): boolean {
    return turn === undefined || turn >= this.current;
  }

  /**
   * A message of the bot as it arrives: one of an earlier question loses its buttons; a newer one
   * becomes the current question, and the cards already on screen go inert.
   */
  arrived<T extends { suggestedActions?: unknown; attachments?: Attachment[] }>(
    activity: T,
    turn: number | undefined,
  ): T {
    if (turn === undefined) return activity;
    if (turn < this.current) {
      const { suggestedActions: _old, ...rest } = activity;
      return { ...rest, attachments: activity.attachments?.map(withoutActions) } as T;
    }
    if (turn > this.current) {
      this.current = turn;
      this.remember(turn);
      disableCardsOnScreen();
    }
    return activity;
  }

  /** Whether a button's value may be sent: not when it is bound to an earlier question. */
  allows(value: unknown): boolean {
    const turn = (value as { turn?: unknown } | null | undefined)?.turn;
    return typeof turn !== 'number' || turn >= this.current;
  }
}

function withoutActions(attachment: Attachment): Attachment {
  if (attachment.contentType !== ADAPTIVE_CARD || typeof attachment.content !== 'object') return attachment;
  return { ...attachment, content: { ...attachment.content, actions: [] } };
}

/** The cards rendered so far all belong to earlier questions: their buttons and lists are switched off. */
function disableCardsOnScreen(): void {
  for (const control of document.querySelectorAll<HTMLButtonElement | HTMLSelectElement>(
    '#webchat .ac-adaptiveCard button, #webchat .ac-adaptiveCard select',
  ))
    control.disabled = true;
}
