import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import { createBotEndpoint } from '../../src/bot/adapter';
import { ReplyKeepingAdapter } from '../../src/bot/in-process-bot';
import type { IntakeBot } from '../../src/bot/intake-bot';
import { assemble } from '../../src/server';
import { employer } from '../support/answers';
import { startReceiver } from '../support/http-bot';
import { flows, typedAnswer } from '../support/talk';
import { tempConfig } from '../support/temp-data';

interface Card {
  body: { type: string; items: { type: string; text: string; wrap?: boolean }[] }[];
  actions: {
    type: string;
    title: string;
    data?: unknown;
    card?: { body: { choices: { title: string; value: string }[] }[] };
  }[];
}

describe('the review as an Adaptive Card', () => {
  it('lists every answer by section with one set of buttons, which send what a prospect would type', async () => {
    const config = tempConfig();
    const parts = assemble(config);
    try {
      const adapter = new ReplyKeepingAdapter((context) => parts.bot.run(context));
      const fr = flows()['fr-CA'];
      let review: Partial<Activity> | undefined;
      const say = async (activity: Record<string, unknown>) => {
        review = (await adapter.send({ type: 'message', locale: 'fr-CA', ...activity }))[0];
        return review;
      };
      await say({ text: 'bonjour' });
      await say({ text: 'oui' });
      await say({ text: fr.steps.role.choices!.employer! });
      for (const step of parts.engine.reviewSteps(employer)) {
        await say({ text: typedAnswer(step, employer[step as keyof typeof employer], fr) });
      }
      expect(review?.channelData?.intake?.step).toBe('review');
      // The text still carries everything, for channels without cards.
      expect(review?.text).toContain('Dana Whitfield');
      // The card's Confirm and Change are the only ones: no suggested actions beside them.
      expect(review?.suggestedActions).toBeUndefined();
      const card = review?.attachments?.[0];
      expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      const content = card!.content as Card;
      // One container per section: its title, then one wrapping line per answer.
      expect(content.body.map((section) => section.items[0]!.text)).toEqual([
        fr.sections.company,
        fr.sections.position,
        fr.sections.worker,
        fr.sections.contact,
      ]);
      const lines = content.body.flatMap((section) => section.items.slice(1));
      expect(lines).toHaveLength(parts.engine.reviewSteps(employer).length);
      expect(lines.every((line) => line.type === 'TextBlock' && line.wrap)).toBe(true);
      expect(lines[0]!.text).toBe(`1\\. **${fr.steps.employerCompany.label}:** Lions Gate Robotics Inc.`);
      const turn = review?.channelData?.intake?.turn as number;
      expect(content.actions[0]).toMatchObject({
        type: 'Action.Submit',
        title: fr.buttons.confirm,
        data: { text: 'confirm', step: 'review', turn },
      });
      expect(content.actions.map((action) => action.title)).toEqual([fr.buttons.confirm, fr.buttons.change]);
      const change = content.actions[1]!;
      expect(change).toMatchObject({ type: 'Action.ShowCard', title: fr.buttons.change });
      expect(change.card!.body[0]!.choices[2]).toEqual({
        title: `3. ${fr.steps.employerCompliance.label}`,
        value: 'change 3',
      });

      // What Web Chat posts for the card's buttons: a message with a value and no text.
      expect((await say({ value: { text: 'change 1' } }))?.channelData?.intake?.step).toBe('employerCompany');
      expect((await say({ text: 'Lions Gate Robotics Inc.' }))?.channelData?.intake?.step).toBe('review');
      expect((await say({ value: { text: 'confirm' } }))?.channelData?.intake?.step).toBe('submitted');
    } finally {
      // the staff side's first load of the lead list writes into the data folder: done before it goes
      await parts.staff.stop();
      config.cleanup();
    }
  });
});

describe('the typing indicator', () => {
  /** A bot whose turn lasts until `working` resolves (at once when there is none). */
  async function serve(working?: () => Promise<unknown>) {
    const slowBot = {
      run: async (context: TurnContext) => {
        await working?.();
        await context.sendActivity('done');
      },
    } as unknown as IntakeBot;
    const endpoint = createBotEndpoint(slowBot, {});
    const app = express();
    app.post('/api/messages', express.json(), (req, res) => endpoint.handle(req, res));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
  }

  const message = (serviceUrl: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      type: 'message',
      id: 'm1',
      channelId: 'directline',
      serviceUrl,
      conversation: { id: 'c1' },
      from: { id: 'prospect' },
      recipient: { id: 'bot' },
      text: 'hi',
      ...extra,
    });

  it('shows "typing" while a turn takes longer than half a second', async () => {
    const receiver = await startReceiver();
    // the turn goes on until the channel has been told the bot is typing
    const typingShown = async () => {
      while (!receiver.received.some((r) => r.activity.type === 'typing'))
        await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const bot = await serve(typingShown);
    try {
      await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: message(receiver.url),
      });
      expect(receiver.received.map((r) => r.activity.type)).toEqual(['typing', 'message']);
    } finally {
      bot.close();
      await receiver.close();
    }
  });

  it('sends no typing activity to expectReplies callers, nor for quick turns', async () => {
    // longer than the half second before "typing": a typing activity would be among the replies
    const bot = await serve(() => new Promise((resolve) => setTimeout(resolve, 700)));
    const quick = await serve();
    const receiver = await startReceiver();
    try {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: message(receiver.url, { deliveryMode: 'expectReplies' }),
      });
      const body = (await response.json()) as { activities: { type: string }[] };
      expect(body.activities.map((a) => a.type)).toEqual(['message']);
      await fetch(`${quick.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: message(receiver.url),
      });
      expect(receiver.received.map((r) => r.activity.type)).toEqual(['message']);
    } finally {
      bot.close();
      quick.close();
      await receiver.close();
    }
  });
});
