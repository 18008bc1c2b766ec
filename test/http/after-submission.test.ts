import { toActivity } from '../../src/bot/intake-bot';
import { IntakeEngine } from '../../src/intake/conversation';
import { answersCopy } from '../../src/notify/answers-copy';
import { buildLead } from '../../src/screening/lead';
import { startServer } from '../../src/server';
import { employer, intraCompanyWorker } from '../support/answers';
import { startSmtp } from '../support/smtp';
import { ask } from '../support/http-bot';
import { converse, flows, typeUntilReview } from '../support/talk';
import { tempConfig } from '../support/temp-data';
import { addStaff, StaffClient, submitIntake, type Running } from '../staff/support';

const en = () => flows()['en-CA'];
const forgot = 'I forgot to mention my wife is a nurse';

describe('a message after submitting, over /api/messages', () => {
  const config = tempConfig();
  let server: Running;
  beforeAll(async () => {
    server = await startServer(config);
    await addStaff(config.DATA_DIR);
  }, 30_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  it('is added to the lead with its time, staff are told, and the prospect hears it was added', async () => {
    const reference = await submitIntake(server, 'after-1', employer);
    const [lead] = await server.leads.all();
    const before = Date.now();
    const replies = await ask(server.url, 'after-1', forgot);

    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toBe(en().messages.addedAfterSubmission.replace('{reference}', reference));
    const stored = await server.leads.get(lead!.id);
    expect(stored!.additions).toHaveLength(1);
    expect(stored!.additions![0]!.text).toBe(forgot);
    expect(Date.parse(stored!.additions![0]!.at)).toBeGreaterThanOrEqual(before - 1000);
    const deliveries = await server.staff.notifier.deliveriesOf(lead!.id);
    expect(
      deliveries
        .filter((d) => d.kind === 'addition')
        .map((d) => d.target)
        .sort(),
    ).toEqual(['email', 'webhook']);

    const client = new StaffClient(server.url);
    await client.login();
    const page = await (await client.get(`/staff/leads/${lead!.id}`)).text();
    expect(page).toContain('Added after submission');
    expect(page).toContain(forgot);

    // A privacy deletion's forget finds the addition's deliveries too.
    await server.staff.notifier.forget(lead!.id);
    expect(await server.staff.notifier.deliveriesOf(lead!.id)).toEqual([]);
  });

  it('still starts a new intake on "restart"', async () => {
    await submitIntake(server, 'after-2', employer);
    const replies = await ask(server.url, 'after-2', 'restart');
    expect(replies.at(-1)?.channelData?.intake?.step).toBe('consent');
  });
});

describe('the copy of their answers, with email configured', () => {
  let config: ReturnType<typeof tempConfig>;
  let server: Running;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    config = tempConfig({ SMTP_URL: smtp.url, STAFF_EMAIL: 'team@firm.example' });
    server = await startServer(config);
  }, 30_000);
  afterAll(async () => {
    await server.close();
    await smtp.close();
    config.cleanup();
  });

  const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));
  /** The message's text, quoted-printable soft breaks and escapes undone (ASCII is enough here). */
  const textOf = (raw: string) =>
    raw
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));

  it('is offered at submission and emailed when asked, without the admissibility answers', async () => {
    const reference = await submitIntake(server, 'copy-1', intraCompanyWorker);
    const replies = await ask(server.url, 'copy-1', en().yesno.yes);
    const email = intraCompanyWorker.contactEmail!;
    expect(replies[0]!.text).toBe(en().messages.copyWillBeSent.replace('{email}', email));
    const [mail] = mailsTo(email);
    expect(mail).toBeDefined();
    const text = textOf(mail!.raw);
    expect(text).toContain(reference);
    expect(text).toContain(`${en().steps.offerJobTitle.label}: ${intraCompanyWorker.offerJobTitle}`);
    for (const step of ['criminalHistory', 'medicalCondition', 'immigrationHistory'] as const)
      expect(text).not.toContain(en().steps[step].label);
    expect(text).not.toContain(en().sections.admissibility);
    // Nothing was added to the lead: "yes" answered the offer.
    const lead = (await server.leads.all()).find((l) => l.reference === reference);
    expect(lead?.additions).toBeUndefined();
  });

  it('sends nothing to a prospect who says no', async () => {
    await submitIntake(server, 'copy-2', { ...employer, contactEmail: 'no-copy@example.com' });
    const replies = await ask(server.url, 'copy-2', en().yesno.no);
    expect(replies[0]!.text).toBe(en().messages.copyNotSent);
    expect(mailsTo('no-copy@example.com')).toEqual([]);
  });
});

describe('the copy in French', () => {
  it('is in French, by section, without the admissibility section', () => {
    const fr = flows()['fr-CA'];
    const lead = buildLead({
      id: 'fr-1',
      reference: 'IMP-2026-TEST-0001',
      createdAt: '2026-11-25T17:00:00.000Z',
      locale: 'fr-CA',
      answers: intraCompanyWorker,
      handoffRequested: false,
    });
    const copy = answersCopy(lead, flows());
    expect(copy.subject).toContain('IMP-2026-TEST-0001');
    expect(copy.subject).toContain('Vos réponses');
    expect(copy.text).toContain(fr.sections.qualifications);
    expect(copy.text).toContain(`${fr.steps.offerJobTitle.label}: ${intraCompanyWorker.offerJobTitle}`);
    expect(copy.text).not.toContain(fr.sections.admissibility);
    expect(copy.text).not.toContain(fr.steps.criminalHistory.label);
  });
});

describe('the copy of the answers and the booking page', () => {
  const lead = () =>
    buildLead({
      id: 'en-1',
      reference: 'IMP-2026-TEST-0002',
      createdAt: '2026-11-25T17:00:00.000Z',
      locale: 'en-CA',
      answers: intraCompanyWorker,
      handoffRequested: false,
    });

  it('gives the booking page, prefilled for the prospect, where BOOKING_URL is set', () => {
    const copy = answersCopy(lead(), flows(), undefined, 'https://calendly.com/firm/consultation');
    const url = /https:\/\/calendly\.com\/\S+/.exec(copy.text)?.[0];
    expect(url).toBeDefined();
    const params = new URL(url!).searchParams;
    expect(params.get('a1')).toBe('IMP-2026-TEST-0002');
    expect(params.get('email')).toBe(intraCompanyWorker.contactEmail);
    expect(params.get('name')).toBe(intraCompanyWorker.contactName);
  });

  it('names no booking page where none is set', () => {
    expect(answersCopy(lead(), flows()).text).not.toMatch(/calendly|book your consultation/i);
  });
});

describe('the copy offer as an activity', () => {
  it('asks with bound Yes/No buttons while the channel data says the intake is submitted', () => {
    const conversation = converse(new IntakeEngine(flows(), { offerCopy: true }));
    conversation.say('yes');
    conversation.say(en().steps.role.choices!.employer!);
    typeUntilReview(conversation, employer);
    const result = conversation.say('confirm');
    expect(result.position.kind).toBe('submitted');
    const activity = toActivity(result.replies[0]!, result, { from: { id: 'prospect', name: '' } });
    expect(activity.text).toContain(en().messages.copyOffer.replace('{email}', employer.contactEmail!));
    expect(activity.channelData.intake).toMatchObject({ step: 'submitted', turn: result.state.turn });
    expect(activity.suggestedActions?.actions.map((a) => [a.title, a.value])).toEqual([
      [en().yesno.yes, { step: 'emailCopy', turn: result.state.turn }],
      [en().yesno.no, { step: 'emailCopy', turn: result.state.turn }],
    ]);
  });
});
