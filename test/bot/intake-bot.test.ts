import type { Activity } from '@microsoft/agents-activity';
import { ReplyKeepingAdapter } from '../../src/bot/in-process-bot';
import { assemble } from '../../src/server';
import { employer } from '../support/answers';
import { flows, typedAnswer } from '../support/talk';
import { tempConfig } from '../support/temp-data';

const en = () => flows()['en-CA'];

describe('the bot over the Bot Framework protocol (the Agents SDK, in process)', () => {
  let config: ReturnType<typeof tempConfig>;
  beforeEach(() => {
    config = tempConfig();
  });
  const assembled: ReturnType<typeof assemble>[] = [];
  afterEach(async () => {
    // the staff side's first load of the lead list writes into the data folder: done before it goes
    await Promise.all(assembled.splice(0).map((parts) => parts.staff.stop()));
    config.cleanup();
  });

  function adapterFor() {
    const parts = assemble(config);
    assembled.push(parts);
    const adapter = new ReplyKeepingAdapter((context) => parts.bot.run(context));
    return { parts, adapter };
  }

  it('welcomes the prospect on their first message and asks for consent as a question activity', async () => {
    const { adapter } = adapterFor();
    const [activity] = await adapter.send('hello');
    expect(activity!.text).toMatch(/not legal advice/i);
    expect(activity!.inputHint).toBe('expectingInput');
    expect(activity!.suggestedActions?.actions.map((a) => a.title)).toEqual([en().yesno.yes, en().yesno.no]);
    expect(activity!.channelData).toEqual({
      intake: {
        step: 'consent',
        section: 'welcome',
        input: 'yesno',
        choices: ['yes', 'no'],
        progress: { index: 0, total: 0 },
        turn: 1,
      },
    });
    // Each button sends its title, as if typed, bound to the question it belongs to.
    expect(activity!.suggestedActions?.actions[0]).toMatchObject({
      type: 'messageBack',
      text: en().yesno.yes,
      displayText: en().yesno.yes,
      value: { step: 'consent', turn: 1 },
    });
  });

  it('starts the welcome when the user joins the conversation', async () => {
    const { adapter } = adapterFor();
    const join: Partial<Activity> = {
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user', name: 'User' }],
      recipient: { id: 'bot', name: 'Bot' },
    };
    const [activity] = await adapter.send(join);
    expect(activity?.channelData.intake.step).toBe('consent');
  });

  it.each<[string, Partial<Activity>]>([
    ['the bot joining', { type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'Bot' }] }],
    ['typing', { type: 'typing' }],
    ['an invoke', { type: 'invoke', name: 'adaptiveCard/action', value: {} }],
    ['an event', { type: 'event', name: 'webchat/join' }],
    ['members leaving', { type: 'conversationUpdate', membersRemoved: [{ id: 'user', name: 'User' }] }],
  ])('leaves %s unanswered and stores nothing', async (_name, activity) => {
    const { adapter, parts } = adapterFor();
    expect(await adapter.send({ recipient: { id: 'bot', name: 'Bot' }, ...activity })).toEqual([]);
    const keys: string[] = [];
    for await (const key of parts.storage.conversations.keys()) keys.push(key);
    expect(keys).toEqual([]);
  });

  it('refuses a turn whose activity has no type', async () => {
    const { parts } = adapterFor();
    await expect(parts.bot.run({ activity: {} } as never)).rejects.toThrow(/no activity type/);
  });

  it('takes an employer from welcome to a stored lead with a reference number', async () => {
    const { adapter, parts } = adapterFor();
    const [welcome] = await adapter.send('hi');
    expect(welcome?.channelData.intake.step).toBe('consent');
    const script: [string, string][] = [];
    // Ask the engine which questions an employer gets, then type the answers in order.
    const order = parts.engine.reviewSteps(employer);
    script.push(['consent', 'yes'], ['role', en().steps.role.choices!.employer!]);
    for (const step of order)
      script.push([step, typedAnswer(step, employer[step as keyof typeof employer], en())]);
    for (const [index, [, text]] of script.entries()) {
      const expected = index + 1 < script.length ? script[index + 1]![0] : 'review';
      const [reply] = await adapter.send(text);
      expect(reply?.channelData.intake.step).toBe(expected);
    }
    const [submitted] = await adapter.send('confirm');
    const reference = /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(submitted?.text ?? '')?.[0] ?? '';
    expect(reference).not.toBe('');
    expect(submitted?.channelData.intake.step).toBe('submitted');
    const leads = await parts.leads.all();
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      reference,
      role: 'employer',
      contact: { name: 'Dana Whitfield', email: 'dana@lionsgaterobotics.example' },
      // not the website: the channel is the source
      source: { channel: 'test', category: 'other' },
    });
  });

  it('re-prompts an invalid answer with the reason and the same step', async () => {
    const { adapter } = adapterFor();
    await adapter.send('hi');
    const [reprompt] = await adapter.send('maybe');
    expect(reprompt?.channelData.intake.step).toBe('consent');
    expect(reprompt?.text).toContain(en().errors.yesno.slice(0, 12));
  });
});
