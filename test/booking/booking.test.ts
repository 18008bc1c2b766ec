import { sign } from '../../src/booking/signature';
import { startServer } from '../../src/server';
import { IntakeEngine } from '../../src/intake/conversation';
import { intraCompanyWorker } from '../support/answers';
import { converse, flows, typeUntilReview } from '../support/talk';
import { tempConfig } from '../support/temp-data';
import type { Answers } from '../../src/intake/steps';
import { ask } from '../support/http-bot';
import { typedAnswer } from '../support/talk';
import { addStaff, StaffClient, type Running } from '../staff/support';

/** Drives an intake over HTTP and returns the text of the bot's answer to "confirm". */
async function submitIntakeText(server: Running, conversationId: string): Promise<string> {
  const en = flows()['en-CA'];
  const answers: Answers = intraCompanyWorker;
  await ask(server.url, conversationId, 'hello');
  await ask(server.url, conversationId, 'yes');
  await ask(server.url, conversationId, en.steps.role.choices![answers.role as string]!);
  for (const step of server.engine.reviewSteps(answers))
    await ask(server.url, conversationId, typedAnswer(step, answers[step as keyof Answers], en));
  return (await ask(server.url, conversationId, 'confirm')).map((a) => a.text ?? '').join('\n');
}

const SECRET = 'calendly-signing-key-for-tests';
const BOOKING_URL = 'https://calendly.com/harbourside/consultation';

/** A Calendly v2 `invitee.created` delivery (the fields the route reads, and a few it does not). */
function calendlyDelivery(reference: string, startTime: string) {
  return {
    event: 'invitee.created',
    created_at: '2026-12-07T17:00:00.000000Z',
    payload: {
      email: 'ana@example.com',
      name: 'Ana Pérez',
      questions_and_answers: [{ question: 'Your reference number', answer: reference, position: 0 }],
      scheduled_event: { start_time: startTime, end_time: startTime, name: 'Consultation' },
      tracking: {},
    },
  };
}

describe('after submitting, the prospect is offered the booking page (engine)', () => {
  it('shows the booking page prefilled with name, email and reference, in both languages', () => {
    for (const locale of ['en-CA', 'fr-CA'] as const) {
      const engine = new IntakeEngine(flows(), {
        bookingLink: (p) => `https://calendly.com/firm/x?email=${p.email}&a1=${p.reference}`,
      });
      const conversation = converse(engine, locale);
      conversation.say(locale === 'en-CA' ? 'yes' : 'oui');
      typeUntilReview(conversation, intraCompanyWorker, flows()[locale]);
      const done = conversation.say(locale === 'en-CA' ? 'confirm' : 'confirmer');
      const reference = done.submitted!.submission.reference;
      const link = `https://calendly.com/firm/x?email=${intraCompanyWorker.contactEmail}&a1=${reference}`;
      expect(done.replies[0]!.text).toContain(`](${link})`);
      expect(done.submitted!.bookingLink).toBe(link);
    }
  });

  it('says the firm calls within FIRM_RESPONSE_HOURS when there is no booking page', () => {
    for (const [locale, words] of [
      ['en-CA', 'within 24 hours'],
      ['fr-CA', 'dans les 24 heures'],
    ] as const) {
      const conversation = converse(new IntakeEngine(flows(), { responseHours: 24 }), locale);
      conversation.say(locale === 'en-CA' ? 'yes' : 'oui');
      typeUntilReview(conversation, intraCompanyWorker, flows()[locale]);
      const done = conversation.say(locale === 'en-CA' ? 'confirm' : 'confirmer');
      expect(done.replies[0]!.text).toContain(words);
      expect(done.submitted!.bookingLink).toBeUndefined();
    }
  });
});

describe('booking the consultation, end to end (BOOKING_URL and the signed webhook)', () => {
  const config = tempConfig({ BOOKING_URL, BOOKING_WEBHOOK_SECRET: SECRET });
  let server: Running;
  let staff: StaffClient;
  let reference: string;
  let lastReply: string;

  beforeAll(async () => {
    server = await startServer(config);
    lastReply = await submitIntakeText(server, 'booking-1');
    reference = /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(lastReply)![0];
    await addStaff(config.DATA_DIR);
    staff = new StaffClient(server.url);
    await staff.login();
  }, 60_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  const leadPage = async () => {
    const lead = (await server.leads.all()).find((l) => l.reference === reference)!;
    return (await staff.get(`/staff/leads/${lead.id}`)).text();
  };
  const deliver = (body: string, signature?: string) =>
    fetch(`${server.url}/booking/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'calendly-webhook-signature': signature } : {}),
      },
      body,
    });
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it('the link in the chat carries the prefilled name, email and reference', () => {
    const link = new URL(/\]\((https:\/\/calendly\.com[^)]+)\)/.exec(lastReply)![1]!);
    expect(link.origin + link.pathname).toBe(BOOKING_URL);
    expect(Object.fromEntries(link.searchParams)).toEqual({
      name: intraCompanyWorker.contactName,
      email: intraCompanyWorker.contactEmail,
      a1: reference,
    });
  });

  it('the staff lead shows "booking link sent"', async () => {
    const page = await leadPage();
    expect(page).toContain('booking link sent');
    expect(page).not.toContain('Consultation booked for');
  });

  it('refuses an unsigned, a forged and a stale delivery, and changes nothing', async () => {
    const body = JSON.stringify(calendlyDelivery(reference, '2026-12-10T18:00:00.000000Z'));
    expect((await deliver(body)).status).toBe(401);
    expect((await deliver(body, sign('not-the-secret-key', body, nowSeconds()))).status).toBe(401);
    expect((await deliver(body, sign(SECRET, body, nowSeconds() - 600))).status).toBe(401);
    const forgedBody = body.replace('18:00', '19:00');
    expect((await deliver(forgedBody, sign(SECRET, body, nowSeconds()))).status).toBe(401);
    expect(await leadPage()).not.toContain('Consultation booked for');
  });

  it('a signed invitee.created records the time and moves the lead to "Consultation booked"', async () => {
    const body = JSON.stringify(calendlyDelivery(reference, '2026-12-10T18:00:00.000000Z'));
    const response = await deliver(body, sign(SECRET, body, nowSeconds()));
    expect(response.status).toBe(200);
    const lead = (await server.leads.all()).find((l) => l.reference === reference)!;
    const record = await server.staff.stores.workflow.get(lead.id);
    expect(record?.status).toBe('consultation-booked');
    expect(record?.booking).toEqual(
      expect.objectContaining({ startsAt: '2026-12-10T18:00:00.000Z', linkSentAt: expect.any(String) }),
    );
    expect(record?.history.at(-1)).toEqual(
      expect.objectContaining({ by: 'scheduler', action: 'status', to: 'consultation-booked' }),
    );
    expect((await server.staff.stores.index.get(lead.id))?.status).toBe('consultation-booked');
    const page = await leadPage();
    expect(page).toContain('Consultation booked for');
  });

  it('answers 404 for a reference no lead has, and ignores other events', async () => {
    const unknown = JSON.stringify(calendlyDelivery('IMP-2026-ZZZZ-ZZZZ', '2026-12-10T18:00:00Z'));
    expect((await deliver(unknown, sign(SECRET, unknown, nowSeconds()))).status).toBe(404);
    const canceled = JSON.stringify({ event: 'invitee.canceled', payload: {} });
    const response = await deliver(canceled, sign(SECRET, canceled, nowSeconds()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ignored: 'invitee.canceled' });
  });
});
