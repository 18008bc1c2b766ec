import { ActionTypes, ActivityTypes, InputHints, type Activity } from '@microsoft/agents-activity';
import { CardFactory, type TurnContext } from '@microsoft/agents-hosting';
import { bindingOf, type ChoiceBinding } from '../intake/binding';
import type { Choice, Reply, ReviewItem, TurnResult } from '../intake/conversation';
import { matchLocale } from '../intake/flows';
import { log, logRef } from '../logger';
import { sourceFrom } from '../screening/source';
import type { AttachDocuments } from '../service/attach-documents';
import type { IntakeService, TurnOptions } from '../service/intake-service';
import type { AttachmentFetcher } from './attachment-fetch';
import { documentTurn } from './documents';
import { ownActivity } from './own-activities';

/**
 * Translates Bot Framework activities to intake turns and replies back to activities.
 * Everything the bot says is decided by the engine; this class only speaks the protocol.
 */
export interface IntakeBotOptions {
  /**
   * Honour `channelData.testTraffic` (set by `npm run replay -- --url … --allow-writes`): only
   * where /api/messages is unauthenticated, the one setup such replays can reach. With a
   * Microsoft App ID the flag is ignored, so no channel client can hide a real intake.
   */
  acceptTestTraffic?: boolean;
  /** The prospect's documents (with DOCUMENTS_KEY): acknowledges what a channel's upload kept. */
  documents?: AttachDocuments;
  /** Fetches other channels' attachments, from their hosts only. */
  attachments?: AttachmentFetcher;
}

/**
 * A plain turn handler rather than botbuilder's ActivityHandler: the bot answers two kinds of
 * activity, and ActivityHandler's chain of promise-wrapped dispatch steps cost about 80 µs of CPU
 * a turn (measured in-process on an echo bot: 95 µs through ActivityHandler, 17 µs through a plain
 * handler), as much as the whole conversation engine. Other activity types (typing, invoke,
 * reactions…) are left unanswered, as ActivityHandler leaves them; an unanswered invoke gets the
 * adapter's 501, as before.
 */
export class IntakeBot {
  private readonly acceptTestTraffic: boolean;
  private readonly documents: AttachDocuments | undefined;
  private readonly attachments: AttachmentFetcher | undefined;

  constructor(
    private readonly intake: IntakeService,
    options: IntakeBotOptions = {},
  ) {
    this.acceptTestTraffic = options.acceptTestTraffic === true;
    this.documents = options.documents;
    this.attachments = options.attachments;
  }

  /** Handles one turn: the adapter's turn logic callback (`adapter.process(req, res, (c) => bot.run(c))`). */
  async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!activity?.type) throw new Error('the turn has no activity type');
    if (activity.type === ActivityTypes.Message) await this.onMessage(context);
    else if (activity.type === ActivityTypes.ConversationUpdate) await this.onConversationUpdate(context);
  }

  /** How the turn is marked, and how its replies go back: as activities in this turn's context. */
  private turnOptions(context: TurnContext): TurnOptions {
    const activity = context.activity;
    const channelData = activity.channelData as { testTraffic?: unknown; source?: unknown } | undefined;
    return {
      testTraffic: this.acceptTestTraffic && channelData?.testTraffic === true,
      // untrusted: checked field by field, a bad one dropped, never an error for the prospect
      source: sourceFrom(activity.channelId, channelData?.source),
      binding: bindingOf(activity.value),
      deliver: (result) => sendTurn(context, result),
    };
  }

  private async onConversationUpdate(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    const prospectJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
    if (!prospectJoined) return;
    const key = conversationKeyOf(context.activity);
    await this.intake.open(key, matchLocale(context.activity.locale), this.turnOptions(context));
  }

  private async onMessage(context: TurnContext): Promise<void> {
    const key = conversationKeyOf(context.activity);
    if (await documentTurn(context, key, this.documents, this.attachments)) return;
    const result = await this.intake.receive(
      key,
      messageText(context.activity),
      matchLocale(context.activity.locale),
      this.turnOptions(context),
    );
    if (log.enabled('info'))
      log.info('turn', {
        ref: logRef(key),
        channel: context.activity.channelId,
        position: result.position.kind === 'step' ? result.position.step : result.position.kind,
      });
  }
}

export function conversationKeyOf(activity: Partial<Activity>): string {
  return `${activity.channelId}/conversations/${activity.conversation?.id}`;
}

/** The prospect's words: typed text, or the value of a card or button that carries none. */
function messageText(activity: Activity): string {
  if (typeof activity.text === 'string' && activity.text.trim() !== '') return activity.text;
  const value = activity.value as { text?: unknown; action?: unknown } | string | undefined;
  if (typeof value === 'string') return value;
  if (value && typeof value.text === 'string') return value.text;
  if (value && typeof value.action === 'string') return value.action;
  return '';
}

/** The review items by section, in their order. */
function sectionsOf(items: ReviewItem[]): [string, ReviewItem[]][] {
  const sections = new Map<string, ReviewItem[]>();
  for (const item of items) sections.set(item.section, [...(sections.get(item.section) ?? []), item]);
  return [...sections];
}

const bindingTo = (question: { step: string; turn: number }): ChoiceBinding => ({
  step: question.step,
  turn: question.turn,
});

async function sendTurn(context: TurnContext, result: TurnResult): Promise<void> {
  await context.sendActivities(
    result.replies.map((reply) => toActivity(reply, result, context.activity)) as Activity[],
  );
}

export function toActivity(reply: Reply, result: TurnResult, incoming: Partial<Activity>): Partial<Activity> {
  const question = reply.question;
  const position = result.position.kind === 'step' ? result.position.step : result.position.kind;
  // marked as this bot's own (see own-activities.ts), its keys in the order of the SDK's schema
  return ownActivity({
    type: ActivityTypes.Message,
    text: reply.text,
    textFormat: 'markdown',
    locale: result.locale,
    inputHint: question ? InputHints.ExpectingInput : InputHints.AcceptingInput,
    // A button sends its title, as if typed, and the question it belongs to (see binding.ts).
    // The review card has its own Confirm and Change: one set of buttons, not two.
    suggestedActions:
      question?.choices && !reply.review
        ? {
            to: incoming.from?.id ? [incoming.from.id] : [],
            actions: question.choices.map((choice) => ({
              type: ActionTypes.MessageBack,
              title: choice.title,
              text: choice.title,
              displayText: choice.title,
              value: bindingTo(question),
            })),
          }
        : undefined,
    attachments:
      reply.review && question
        ? [reviewCard(reply.review, question.choices ?? [], bindingTo(question))]
        : undefined,
    channelData: {
      // `step` is where the conversation is: the copy offer after submitting is asked once submitted.
      intake: question
        ? {
            step: position,
            section: question.section,
            input: question.input,
            choices: question.choices?.map((c) => c.value),
            progress: question.progress,
            turn: question.turn,
          }
        : { step: position, turn: result.state.turn ?? 0 },
    },
  });
}

/**
 * The review as an Adaptive Card: the answers as a summary grouped by section, a button to
 * confirm, and a list to pick the answer to change. Each answer is one wrapping line ("3. Label:
 * answer"), not a two-column fact set, whose narrow label column broke words on a phone. Its
 * buttons send what a prospect would type ("confirm", "change 3"), so the conversation does not
 * depend on the card; the text of the activity still carries it all.
 */
export function reviewCard(items: ReviewItem[], choices: Choice[], binding: ChoiceBinding) {
  const title = (value: string) => choices.find((choice) => choice.value === value)?.title ?? value;
  const actions: Record<string, unknown>[] = [
    {
      type: 'Action.Submit',
      title: title('confirm'),
      style: 'positive',
      data: { text: 'confirm', ...binding },
    },
  ];
  if (items.length > 0) {
    actions.push({
      type: 'Action.ShowCard',
      title: title('change'),
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.ChoiceSet',
            id: 'text',
            label: title('change'),
            style: 'compact',
            value: 'change 1',
            choices: items.map((item) => ({
              title: `${item.number}. ${item.label}`,
              value: `change ${item.number}`,
            })),
          },
        ],
        actions: [{ type: 'Action.Submit', title: title('change'), data: binding }],
      },
    });
  }
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    body: sectionsOf(items).map(([section, inSection], index) => ({
      type: 'Container',
      spacing: index === 0 ? 'none' : 'medium',
      items: [
        { type: 'TextBlock', text: section, weight: 'bolder', color: 'accent', wrap: true },
        ...inSection.map((item) => ({
          type: 'TextBlock',
          // Card text is Markdown: "12. Label" alone would render as a numbered list.
          text: `${item.number}\\. **${item.label}:** ${item.answer}`,
          wrap: true,
          spacing: 'small',
        })),
      ],
    })),
    actions,
  });
}
