import { ResumeCodeMailer } from '../../src/channel/resume-mailer';
import { ResumeCodes } from '../../src/channel/resume-codes';
import { openFileStorage } from '../../src/storage/file';
import { startSmtp } from '../support/smtp';
import { flows } from '../support/talk';
import { tempConfig } from '../support/temp-data';

const HOUR = 3_600_000;

describe('emailing a resume code to a prospect who left', () => {
  let config: ReturnType<typeof tempConfig>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let now: number;
  beforeEach(async () => {
    config = tempConfig();
    smtp = await startSmtp();
    now = Date.parse('2026-11-25T18:00:00.000Z');
  });
  afterEach(async () => {
    await smtp.close();
    config.cleanup();
  });

  async function setUp(conversation: {
    position: string;
    locale?: string;
    contactEmail?: string;
    quietHours: number;
  }) {
    const storage = openFileStorage(config.DATA_DIR);
    const { conversations } = storage;
    const codes = new ResumeCodes(storage.resumeCodes, 'test-secret', 7, () => now);
    const { code } = await codes.renew('web-1', 'user-1');
    await conversations.write({
      'directline/conversations/web-1': {
        position: conversation.position,
        locale: conversation.locale ?? 'en-CA',
        updatedAt: new Date(now - conversation.quietHours * HOUR).toISOString(),
        snapshot: { context: { answers: { contactEmail: conversation.contactEmail } } },
      },
    });
    const mailer = new ResumeCodeMailer(
      { smtpUrl: smtp.url, from: 'intake@example.com', publicUrl: 'https://firm.example/' },
      codes,
      conversations,
      flows(),
      () => now,
    );
    return { mailer, code };
  }

  it('sends the code once, to the email the prospect gave, after they have been away a while', async () => {
    const { mailer, code } = await setUp({
      position: 'contactPhone',
      contactEmail: 'ana@example.com',
      quietHours: 2,
    });
    expect(await mailer.sweep()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['ana@example.com']);
    expect(smtp.mails[0]!.raw).toContain(code);
    expect(smtp.mails[0]!.raw).toContain('https://firm.example/');
    expect(await mailer.sweep()).toBe(0);
    expect(smtp.mails).toHaveLength(1);
    mailer.stop();
  });

  it('writes in French to a prospect who chatted in French', async () => {
    const { mailer } = await setUp({
      position: 'contactPhone',
      locale: 'fr-CA',
      contactEmail: 'luc@example.com',
      quietHours: 2,
    });
    await mailer.sweep();
    expect(smtp.mails[0]!.raw).toMatch(/code de reprise/);
    mailer.stop();
  });

  it.each([
    ['is still chatting', { position: 'contactPhone', contactEmail: 'ana@example.com', quietHours: 0.1 }],
    ['has not given an email', { position: 'offerWage', quietHours: 5 }],
    ['has submitted', { position: 'submitted', contactEmail: 'ana@example.com', quietHours: 5 }],
  ])('sends nothing to a prospect who %s', async (_name, conversation) => {
    const { mailer } = await setUp(conversation);
    expect(await mailer.sweep()).toBe(0);
    expect(smtp.mails).toHaveLength(0);
    mailer.stop();
  });

  it('tries again at the next sweep when the mail server refuses', async () => {
    await smtp.close();
    smtp = await startSmtp({ rejectFirst: 1 });
    const { mailer } = await setUp({
      position: 'contactPhone',
      contactEmail: 'ana@example.com',
      quietHours: 2,
    });
    expect(await mailer.sweep()).toBe(0);
    expect(await mailer.sweep()).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    mailer.stop();
  });
});
