import { startServer } from '../../src/server';
import { prospectMessage } from '../support/activities';
import { employer } from '../support/answers';
import { ask, startReceiver } from '../support/http-bot';
import { flows, typedAnswer } from '../support/talk';
import { tempConfig } from '../support/temp-data';

const en = () => flows()['en-CA'];
type Running = Awaited<ReturnType<typeof startServer>>;

describe('POST /api/messages on a listening server', () => {
  let config: ReturnType<typeof tempConfig>;
  let server: Running;
  beforeEach(async () => {
    config = tempConfig();
    server = await startServer(config);
  });
  afterEach(async () => {
    await server.close();
    config.cleanup();
  });

  const stepOf = (replies: { channelData?: { intake?: { step: string } } }[]) =>
    replies.at(-1)?.channelData?.intake?.step;

  it('answers in the response body with deliveryMode expectReplies', async () => {
    const replies = await ask(server.url, 'c1', 'hello');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'message', inputHint: 'expectingInput' });
    expect(stepOf(replies)).toBe('consent');
  });

  it('writes the expectReplies answer as JSON (UTF-8, its length), with no ETag a POST never uses', async () => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        prospectMessage({
          conversation: { id: 'c-json' },
          text: 'bonjour, ça va ?',
          locale: 'fr-CA',
          deliveryMode: 'expectReplies',
        }),
      ),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('etag')).toBeNull();
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    const body = JSON.parse(bytes.toString('utf8')) as { activities: { text: string }[] };
    expect(body.activities[0]!.text).toMatch(/é/); // the French welcome, multi-byte characters whole
  });

  it('completes an employer intake and stores a lead with the reference it announced', async () => {
    await ask(server.url, 'c2', 'hello');
    await ask(server.url, 'c2', 'yes');
    await ask(server.url, 'c2', en().steps.role.choices!.employer!);
    for (const step of server.engine.reviewSteps(employer)) {
      await ask(server.url, 'c2', typedAnswer(step, employer[step as keyof typeof employer], en()));
    }
    const done = await ask(server.url, 'c2', 'confirm');
    const reference = /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(done[0]!.text ?? '')?.[0];
    expect(reference).toBeDefined();
    const leads = await server.leads.all();
    expect(leads.map((l) => l.reference)).toEqual([reference]);
  });

  it('delivers replies to the channel serviceUrl in normal delivery', async () => {
    const receiver = await startReceiver();
    try {
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: 'incoming-1',
          channelId: 'emulator',
          serviceUrl: receiver.url,
          conversation: { id: 'c3' },
          from: { id: 'prospect' },
          recipient: { id: 'bot' },
          text: 'hi',
        }),
      });
      expect(response.status).toBe(200);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.path).toBe('/v3/conversations/c3/activities/incoming-1');
      expect(receiver.received[0]!.activity.channelData?.intake?.step).toBe('consent');
    } finally {
      await receiver.close();
    }
  });

  it.each([
    ['a body that is not JSON', '{"type":', /JSON/],
    [
      'an activity without a type',
      JSON.stringify({ channelId: 'x', conversation: { id: 'c' }, deliveryMode: 'expectReplies' }),
      /type/,
    ],
    [
      'an activity without a conversation',
      JSON.stringify({ type: 'message', channelId: 'x', from: { id: 'u' }, deliveryMode: 'expectReplies' }),
      /conversation/,
    ],
    [
      'an activity without a usable serviceUrl',
      JSON.stringify({
        type: 'message',
        channelId: 'x',
        conversation: { id: 'c' },
        from: { id: 'u' },
        serviceUrl: 'nope',
      }),
      /serviceUrl/,
    ],
  ])('answers 400 with a reason to %s', async (_name, body, reason) => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { reason: string }).reason).toMatch(reason);
  });

  it('resumes at the same step with every answer after a restart of the server', async () => {
    await ask(server.url, 'c4', 'hello');
    await ask(server.url, 'c4', 'yes');
    await ask(server.url, 'c4', en().steps.role.choices!.employer!);
    await ask(server.url, 'c4', 'Acme Inc.');
    await server.close();
    server = await startServer(config);
    const replies = await ask(server.url, 'c4', 'BC');
    expect(stepOf(replies)).toBe('employerCompliance');
    const record = await server.intake.load('test/conversations/c4');
    expect((record?.snapshot as unknown as { context: { answers: object } }).context.answers).toMatchObject({
      employerCompany: 'Acme Inc.',
      employerProvince: 'BC',
    });
  });

  it('records nothing for a button of an earlier question, and asks the current one again', async () => {
    await ask(server.url, 'c6', 'hello');
    await ask(server.url, 'c6', 'yes');
    await ask(server.url, 'c6', en().steps.role.choices!.worker!);
    let replies: Awaited<ReturnType<typeof ask>> = [];
    for (const text of ['India', 'no', 'India', en().steps.goalType.choices!.temporary!])
      replies = await ask(server.url, 'c6', text);
    expect(stepOf(replies)).toBe('familyComing');
    const yes = replies.at(-1)!.suggestedActions!.actions.find((a) => a.title === en().yesno.yes)!;
    expect(yes).toMatchObject({ type: 'messageBack', text: en().yesno.yes });
    expect(yes.value).toEqual({ step: 'familyComing', turn: replies.at(-1)!.channelData!.intake!.turn });
    await ask(server.url, 'c6', yes.text!, 'en-CA', { value: yes.value });
    const answersOf = async () =>
      (
        (await server.intake.load('test/conversations/c6'))?.snapshot as unknown as {
          context: { answers: Record<string, unknown> };
        }
      ).context.answers;
    const before = await answersOf();
    expect(before.familyComing).toBe(true);

    const stale = await ask(server.url, 'c6', yes.text!, 'en-CA', { value: yes.value });
    expect(stale).toHaveLength(1);
    expect(stale[0]!.text).toContain(en().messages.staleChoice);
    expect(stepOf(stale)).toBe('hasJobOffer');
    expect(await answersOf()).toEqual(before);
  });

  it('serializes two messages of one conversation arriving at once: no answer is lost', async () => {
    await ask(server.url, 'c5', 'hello');
    await ask(server.url, 'c5', 'yes');
    await ask(server.url, 'c5', en().steps.role.choices!.worker!);
    for (const text of ['India', 'no', 'India', en().steps.goalType.choices!.temporary!])
      await ask(server.url, 'c5', text);
    // Two yes/no questions in a row (family coming, job offer), answered at once.
    await Promise.all([ask(server.url, 'c5', 'yes'), ask(server.url, 'c5', 'no')]);
    const record = await server.intake.load('test/conversations/c5');
    expect(['offerJobTitle', 'spouseInCanada']).toContain(record?.position);
    const answers = (record?.snapshot as unknown as { context: { answers: Record<string, boolean> } }).context
      .answers;
    expect([answers.familyComing, answers.hasJobOffer].sort()).toEqual([false, true]);
  });

  // the server takes the turns that arrive together in batches (src/http/turn-batches.ts)
  it("answers each prospect's own turn, whatever else arrived with it", async () => {
    const conversations = Array.from({ length: 24 }, (_, i) => ({
      id: `together-${i}`,
      locale: i % 3 === 0 ? 'fr-CA' : 'en-CA',
      consents: i % 2 === 0,
    }));
    const opened = await Promise.all(conversations.map((c) => ask(server.url, c.id, 'hello', c.locale)));
    opened.forEach((replies, i) => {
      expect(replies.map((r) => (r.conversation as { id: string }).id)).toEqual([conversations[i]!.id]);
      expect(replies[0]!.locale).toBe(conversations[i]!.locale);
      expect(replies[0]!.channelData?.intake?.step).toBe('consent');
    });

    const answered = await Promise.all(
      conversations.map((c) =>
        ask(server.url, c.id, c.consents ? (c.locale === 'fr-CA' ? 'oui' : 'yes') : 'no', c.locale),
      ),
    );
    answered.forEach((replies, i) => {
      const conversation = conversations[i]!;
      expect(replies.every((r) => (r.conversation as { id: string }).id === conversation.id)).toBe(true);
      const step = replies.at(-1)!.channelData?.intake?.step;
      if (conversation.consents) expect(step).not.toMatch(/^(consent|declined)$/);
      else expect(step).toBe('declined');
      expect(replies.at(-1)!.locale).toBe(conversation.locale);
    });
  });
});

describe('POST /api/messages with a Microsoft App ID configured', () => {
  it('refuses an activity that carries no channel token', async () => {
    const config = tempConfig({
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
    const server = await startServer(config);
    try {
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          channelId: 'webchat',
          serviceUrl: 'https://example.invalid/',
          conversation: { id: 'auth-1' },
          from: { id: 'someone' },
          text: 'hello',
        }),
      });
      expect(response.status).toBe(401);
      expect(await server.intake.load('webchat/conversations/auth-1')).toBeUndefined();
    } finally {
      await server.close();
      config.cleanup();
    }
  });
});
