import { InProcessBot } from '../../src/bot/in-process-bot';
import type { ConversationRun, ReplayDriver } from './runner';
import type { ActivityJson } from './script';

/** Replays conversations through the whole bot in this process (conversations and leads in memory). */
export class InProcessDriver implements ReplayDriver {
  readonly description = 'in-process';
  private conversations = 0;

  constructor(readonly bot: InProcessBot = new InProcessBot()) {}

  async converse(sends: ActivityJson[], conversation: { channelId: string }): Promise<ConversationRun> {
    const target = { channelId: conversation.channelId, id: `replay-${++this.conversations}` };
    this.bot.resetClock();
    const replies: ActivityJson[][] = [];
    for (const activity of sends) replies.push((await this.bot.send(activity, target)) as ActivityJson[]);
    const lead = await this.bot.leadOf(target);
    await this.bot.forget(target);
    return { replies, lead };
  }
}
