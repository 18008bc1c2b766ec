import { Notifier } from '../../src/notify';
import type { HandoffRequest } from '../../src/ports/handoffs';
import { intraCompanyWorker } from '../support/answers';
import { startSmtp } from '../support/smtp';
import { tempConfig } from '../support/temp-data';
import { xssPayloads } from '../staff/xss';
import { eventually, leadOf, storesIn } from './support';

/** The decoded text of a MIME part of a message (nodemailer uses quoted-printable or base64). */
function part(raw: string, type: 'text/plain' | 'text/html'): string {
  const start = raw.indexOf(`Content-Type: ${type}`);
  if (start < 0) throw new Error(`no ${type} part`);
  const headerEnd = raw.indexOf('\r\n\r\n', start);
  const headers = raw.slice(start, headerEnd);
  const end = raw.indexOf('\r\n--', headerEnd);
  const body = raw.slice(headerEnd + 4, end);
  let decoded = body;
  if (/base64/i.test(headers)) decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (/quoted-printable/i.test(headers)) {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    decoded = Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return decoded.replace(/\r\n/g, '\n');
}

function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header.replace(/\r\n[ \t]/g, ' ');
}

describe('email notifications through a real SMTP server', () => {
  let config: ReturnType<typeof tempConfig>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let notifier: Notifier | undefined;

  const start = (url: string) => {
    const { leads, handoffs, outbox } = storesIn(config.DATA_DIR);
    notifier = new Notifier(
      {
        ...config,
        SMTP_URL: url,
        STAFF_EMAIL: 'intake-team@firm.example',
        MAIL_FROM: 'IMP intake <noreply@firm.example>',
        PUBLIC_URL: 'https://intake.firm.example',
      },
      outbox,
      leads,
      handoffs,
      { baseDelayMs: 50, pollMs: 20 },
    );
    notifier.worker.start();
    return { notifier, leads, handoffs };
  };

  beforeEach(() => {
    config = tempConfig();
  });
  afterEach(async () => {
    await notifier?.worker.stop();
    await smtp.close();
    config.cleanup();
  });

  it('mails the lead to staff with priority, urgency and reference in the subject', async () => {
    smtp = await startSmtp();
    const { notifier, leads } = start(smtp.url);
    const lead = leadOf(intraCompanyWorker);
    await leads.create(lead.id, lead);
    await notifier.enqueueLead(lead.id, new Date());

    const [mail] = await eventually(() => smtp.mails.length > 0 && smtp.mails);
    expect(mail!.to).toEqual(['intake-team@firm.example']);
    expect(mail!.from).toBe('noreply@firm.example');
    expect(subjectOf(mail!.raw)).toBe(
      `New IMP lead ${lead.reference}: priority ${lead.screening.priority.level.toUpperCase()}, urgency ${lead.screening.urgency.level.toUpperCase()}`,
    );
    expect(mail!.raw).toMatch(new RegExp(`Message-ID: <lead-${lead.id}-email@imp-intake>`, 'i'));
    const text = part(mail!.raw, 'text/plain');
    expect(text).toContain(lead.summary.text);
    expect(text).toContain(`https://intake.firm.example/staff/leads/${lead.id}`);
    const html = part(mail!.raw, 'text/html');
    expect(html).toContain('Priya Raman');
    const entry = await eventually(async () => {
      const e = await notifier.outbox.get(`lead-${lead.id}-email`);
      return e?.status === 'delivered' && e;
    });
    expect(entry.attempts).toBe(1);
  });

  it('keeps admissibility answers out of the email: only the flags', async () => {
    smtp = await startSmtp();
    const { notifier, leads } = start(smtp.url);
    const lead = leadOf({
      ...intraCompanyWorker,
      criminalHistory: true,
      immigrationHistory: true,
      previousRefusal: true,
      overstay: false,
    });
    expect(lead.screening.admissibility.flags.length).toBeGreaterThan(0);
    await leads.create(lead.id, lead);
    await notifier.enqueueLead(lead.id, new Date());
    const [mail] = await eventually(() => smtp.mails.length > 0 && smtp.mails);
    const text = part(mail!.raw, 'text/plain');
    for (const flag of lead.screening.admissibility.flags) expect(text).toContain(flag.note);
    // the body is the staff summary (flags only) and a link: no answer is added to it
    expect(text.split('\n\nOpen in the dashboard')[0]).toBe(lead.summary.text);
  });

  it('renders every free-text answer inert in the HTML email', async () => {
    smtp = await startSmtp();
    const { notifier, leads } = start(smtp.url);
    const lead = leadOf({
      ...intraCompanyWorker,
      contactName: xssPayloads[0]!,
      offerJobTitle: `${xssPayloads[1]!} at ${xssPayloads[2]!}`,
    });
    await leads.create(lead.id, lead);
    await notifier.enqueueLead(lead.id, new Date());
    const [mail] = await eventually(() => smtp.mails.length > 0 && smtp.mails);
    const html = part(mail!.raw, 'text/html');
    for (const payload of xssPayloads.slice(0, 5)) expect(html).not.toContain(payload);
    expect(html).not.toMatch(/<(script|img|svg|iframe|style|textarea)\b|<[^>]*\bon\w+=|href="javascript/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('retries when the SMTP server refuses for a while', async () => {
    smtp = await startSmtp({ rejectFirst: 1 });
    const { notifier, leads } = start(smtp.url);
    const lead = leadOf(intraCompanyWorker);
    await leads.create(lead.id, lead);
    await notifier.enqueueLead(lead.id, new Date());
    const entry = await eventually(async () => {
      const e = await notifier.outbox.get(`lead-${lead.id}-email`);
      return e?.status === 'delivered' && e;
    });
    expect(entry.attempts).toBe(2);
    expect(smtp.mails).toHaveLength(1);
  });

  it('mails a handoff that came before any contact details, clearly marked', async () => {
    smtp = await startSmtp();
    const { notifier, handoffs } = start(smtp.url);
    const request: HandoffRequest = {
      id: 'intake-5-x1',
      intakeId: 'intake-5',
      requestedAt: '2026-11-25T17:00:00.000Z',
      locale: 'en-CA',
      position: 'offerWage',
      role: 'worker',
      contact: {},
      answeredCount: 12,
    };
    await handoffs.add('test/conversations/c5', request);
    await notifier.enqueueHandoff(request.id, request.intakeId, new Date());
    const [mail] = await eventually(() => smtp.mails.length > 0 && smtp.mails);
    expect(subjectOf(mail!.raw)).toBe(
      'Talk to a person: prospect waiting, no contact details yet (intake not finished)',
    );
    const text = part(mail!.raw, 'text/plain');
    expect(text).toContain('NO contact details were given yet');
    expect(text).toContain('Email: not given yet');
    expect(text).toMatch(/Where: at “.+” \(offerWage\), 12 answers given/);
  });
});
