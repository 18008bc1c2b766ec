import { Activity, ActivityTypes, type ConversationReference } from '@microsoft/agents-activity';
import type { Middleware, TurnContext } from '@microsoft/agents-hosting';

/**
 * "Typing…" while a message's turn takes longer than half a second, again every two seconds until
 * it ends (the Agents SDK has no such middleware outside its AgentApplication; this is the
 * behaviour of botbuilder's ShowTypingMiddleware, which the bot had before). Not for expectReplies
 * callers: they get every reply at once in the response, where a typing activity would only be
 * noise. The typing activity goes straight to the adapter, past the transcript and `responded`.
 */
export class TypingIndicator implements Middleware {
  constructor(
    private readonly delayMs = 500,
    private readonly periodMs = 2000,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message || activity.deliveryMode === 'expectReplies') return next();
    const relatesTo = activity.relatesTo;
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const schedule = (delay: number) => {
      timer = setTimeout(() => {
        void this.send(context, activity, relatesTo).then(() => {
          if (!finished) schedule(this.periodMs);
        });
      }, delay);
    };
    schedule(this.delayMs);
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }

  private async send(
    context: TurnContext,
    incoming: Activity,
    relatesTo: ConversationReference | undefined,
  ): Promise<void> {
    const adapter = context.adapter;
    try {
      const typing = Activity.fromObject({ type: ActivityTypes.Typing, relatesTo });
      await adapter.sendActivities(context, [
        typing.applyConversationReference(incoming.getConversationReference()),
      ]);
    } catch (error) {
      // outside any request: the turn error handler logs it and never throws
      await adapter.onTurnError(context, error instanceof Error ? error : new Error(String(error)));
    }
  }
}
