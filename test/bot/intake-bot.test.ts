import { TestAdapter, type Activity } from 'botbuilder';
import { assemble } from '../../src/server';
import { employer } from '../support/answers';
import { flows, typedAnswer } from '../support/talk';
import { tempConfig } from '../support/temp-data';

const en = () => flows()['en-CA'];

describe('the bot over the Bot Framework protocol (TestAdapter)', () => {
  let config: ReturnType<typeof tempConfig>;
  beforeEach(() => {
    config = tempConfig();
  });
  afterEach(() => config.cleanup());

  function adapterFor() {
    const parts = assemble(config);
    const adapter = new TestAdapter((context) => parts.bot.run(context));
    return { parts, adapter };
  }

  it('welcomes the prospect on their first message and asks for consent as a question activity', async () => {
    const { adapter } = adapterFor();
    await adapter.send('hello').assertReply((activity: Partial<Activity>) => {
      expect(activity.text).toMatch(/not legal advice/i);
      expect(activity.inputHint).toBe('expectingInput');
      expect(activity.suggestedActions?.actions.map((a) => a.title)).toEqual([en().yesno.yes, en().yesno.no]);
      expect(activity.channelData).toEqual({
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
      expect(activity.suggestedActions?.actions[0]).toMatchObject({
        type: 'messageBack',
        text: en().yesno.yes,
        displayText: en().yesno.yes,
        value: { step: 'consent', turn: 1 },
      });
    });
  });

  it('starts the welcome when the user joins the conversation', async () => {
    const { adapter } = adapterFor();
    const join: Partial<Activity> = {
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user', name: 'User' }],
      recipient: { id: 'bot', name: 'Bot' },
    };
    await adapter.send(join).assertReply((activity: Partial<Activity>) => {
      expect(activity.channelData.intake.step).toBe('consent');
    });
  });

  it.each<[string, Partial<Activity>]>([
    ['the bot joining', { type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'Bot' }] }],
    ['typing', { type: 'typing' }],
    ['an invoke', { type: 'invoke', name: 'adaptiveCard/action', value: {} }],
    ['an event', { type: 'event', name: 'webchat/join' }],
    ['members leaving', { type: 'conversationUpdate', membersRemoved: [{ id: 'user', name: 'User' }] }],
  ])('leaves %s unanswered and stores nothing', async (_name, activity) => {
    const { adapter, parts } = adapterFor();
    await adapter.processActivity({ recipient: { id: 'bot', name: 'Bot' }, ...activity } as Activity);
    expect(adapter.activeQueue).toEqual([]);
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
    let flow = adapter
      .send('hi')
      .assertReply((a: Partial<Activity>) => expect(a.channelData.intake.step).toBe('consent'));
    const script: [string, string][] = [];
    // Ask the engine which questions an employer gets, then type the answers in order.
    const order = parts.engine.reviewSteps(employer);
    script.push(['consent', 'yes'], ['role', en().steps.role.choices!.employer!]);
    for (const step of order)
      script.push([step, typedAnswer(step, employer[step as keyof typeof employer], en())]);
    script.forEach(([, text], index) => {
      const expected = index + 1 < script.length ? script[index + 1]![0] : 'review';
      flow = flow
        .send(text)
        .assertReply((a: Partial<Activity>) => expect(a.channelData.intake.step).toBe(expected));
    });
    let reference = '';
    await flow.send('confirm').assertReply((a: Partial<Activity>) => {
      reference = /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(a.text ?? '')?.[0] ?? '';
      expect(reference).not.toBe('');
      expect(a.channelData.intake.step).toBe('submitted');
    });
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
    await adapter
      .send('hi')
      .assertReply(() => undefined)
      .send('maybe')
      .assertReply((a: Partial<Activity>) => {
        expect(a.channelData.intake.step).toBe('consent');
        expect(a.text).toContain(en().errors.yesno.slice(0, 12));
      });
  });
});
