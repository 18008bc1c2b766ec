import { DirectLine, type Activity, type Message } from 'botframework-directlinejs';
import XMLHttpRequest from 'xhr2';
import WebSocket from 'ws';
import { flows, typedAnswer } from '../support/talk';
import { employer, spouseOfWorker } from '../support/answers';
import type { Answers } from '../../src/intake/steps';
import { eventually, requestChat, startSite, type ChatSessionJson } from './support';

// botframework-directlinejs in Node, as its README says: XMLHttpRequest from xhr2, WebSocket from ws.
const globals = globalThis as unknown as { XMLHttpRequest?: unknown; WebSocket?: unknown };
globals.XMLHttpRequest = XMLHttpRequest;

type Site = Awaited<ReturnType<typeof startSite>>;
type IntakeActivity = Activity & {
  channelData?: { intake?: { step: string } };
  locale?: string;
  replyToId?: string;
};

/** A prospect using the unmodified Direct Line client: posts text, waits for the bot's answer to it. */
function client(
  site: Site,
  chat: ChatSessionJson,
  options: { webSocket: boolean; resume?: boolean; locale?: string; source?: Record<string, unknown> },
) {
  // What the page adds to the first message it posts (web/chat.ts): where the visitor came from.
  let channelData: Record<string, unknown> | undefined = options.source
    ? { source: options.source }
    : undefined;
  const line = new DirectLine({
    // Used only when `webSocket` is on; directlinejs reads it either way.
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    token: chat.token,
    domain: `${site.url}/v3/directline`,
    webSocket: options.webSocket,
    pollingInterval: 200,
    conversationId: options.resume ? chat.conversationId : undefined,
    conversationStartProperties: options.locale ? { locale: options.locale } : undefined,
  } as ConstructorParameters<typeof DirectLine>[0]);
  const received: IntakeActivity[] = [];
  const subscription = line.activity$.subscribe((activity) => received.push(activity as IntakeActivity));
  const fromBot = () =>
    received.filter((a) => a.type === 'message' && a.from.id !== chat.userId) as (Message & IntakeActivity)[];
  return {
    line,
    received,
    fromBot,
    step: () => fromBot().at(-1)?.channelData?.intake?.step,
    async say(text: string): Promise<Message & IntakeActivity> {
      const id = await new Promise<string>((resolve, reject) =>
        line
          .postActivity({ type: 'message', from: { id: chat.userId }, text, channelData } as Message)
          .subscribe(resolve, reject),
      );
      channelData = undefined;
      return eventually(() => fromBot().find((a) => a.replyToId === id), `the answer to "${text}"`);
    },
    end() {
      subscription.unsubscribe();
      line.end();
    },
  };
}

async function completeIntake(
  prospect: ReturnType<typeof client>,
  answers: Answers,
  locale: 'en-CA' | 'fr-CA',
) {
  const flow = flows()[locale];
  await eventually(() => prospect.step(), 'the welcome');
  for (let turns = 0; prospect.step() !== 'review'; turns++) {
    const step = prospect.step()!;
    if (!(step in answers)) throw new Error(`asked "${step}", which this prospect has no answer for`);
    const reply = await prospect.say(typedAnswer(step, answers[step as keyof Answers], flow));
    if (reply.channelData?.intake?.step === step) throw new Error(`"${step}" was asked again: ${reply.text}`);
    if (turns > 120) throw new Error('the intake does not end');
  }
  return prospect.say(flow.commands.confirm[0]!);
}

describe('botframework-directlinejs against the built-in channel', () => {
  let site: Site;
  beforeAll(async () => {
    // Scripted prospects answer far faster than people: lift the per-conversation message limit.
    site = await startSite({ DIRECT_LINE_MESSAGES_PER_MINUTE: '60000' });
  });
  afterAll(() => site.stop());

  it('completes an employer intake by polling, and the lead is stored with the source its page told', async () => {
    const chat = (await requestChat(site.url)).body;
    const source = { referrerHost: 'www.linkedin.com', landingPath: '/employers' };
    const prospect = client(site, chat, { webSocket: false, source });
    try {
      const done = await completeIntake(prospect, employer, 'en-CA');
      const reference = /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(done.text ?? '')?.[0];
      expect(reference).toBeDefined();
      const leads = await site.server.leads.all();
      const lead = leads.find((l) => l.reference === reference);
      expect(lead?.source).toEqual({ channel: 'directline', website: source, category: 'social' });
      expect(lead?.summary.text).toContain(
        'Source: social media — via www.linkedin.com, landed on /employers',
      );
    } finally {
      prospect.end();
    }
  }, 60_000);

  it('completes a worker intake in French over the WebSocket stream', async () => {
    globals.WebSocket = WebSocket;
    const chat = (await requestChat(site.url)).body;
    const prospect = client(site, chat, { webSocket: true, locale: 'fr-CA' });
    try {
      const done = await completeIntake(prospect, spouseOfWorker, 'fr-CA');
      expect(done.text).toMatch(/numéro de référence/);
      expect(done.locale).toBe('fr-CA');
      const reference = /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(done.text ?? '')![0];
      const lead = (await site.server.leads.all()).find((l) => l.reference === reference);
      expect(lead).toMatchObject({ locale: 'fr-CA' });
    } finally {
      prospect.end();
      delete globals.WebSocket;
    }
  }, 60_000);

  it('reconnects with a resume code: the history comes back and the intake goes on where it was', async () => {
    const chat = (await requestChat(site.url)).body;
    const first = client(site, chat, { webSocket: false });
    await eventually(() => first.step(), 'the welcome');
    await first.say('yes');
    await first.say(flows()['en-CA'].steps.role.choices!.employer!);
    first.end();

    const again = (await requestChat(site.url, { resumeCode: chat.resumeCode })).body;
    const second = client(site, again, { webSocket: false, resume: true });
    try {
      await eventually(() => (second.fromBot().length >= 3 ? true : undefined), 'the history');
      expect(second.step()).toBe('employerCompany');
      expect(second.received.filter((a) => a.type === 'message').map((a) => a.text)).toContain('yes');
      const next = await second.say('Lions Gate Robotics Inc.');
      expect(next.channelData?.intake?.step).toBe('employerProvince');
    } finally {
      second.end();
    }
  }, 30_000);
});
