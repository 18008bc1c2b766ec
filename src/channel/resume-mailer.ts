import type { Transporter } from 'nodemailer';
import { viewOf } from '../intake/conversation';
import { fill, type Flows } from '../intake/flows';
import { log, logRef } from '../logger';
import { smtpTransport } from '../notify/smtp';
import type { ConversationRecord } from '../service/intake-service';
import type { ConversationStore } from '../ports/store';
import type { ResumeCodes } from './resume-codes';

/**
 * Emails a website prospect their resume code once they have left an unfinished intake: when
 * the conversation knows their email and has been quiet for `quietMinutes`. The email holds the
 * code and the page's address only — never an answer. A failed send is retried at the next sweep;
 * a sent one is marked, so a code is emailed once.
 */

export interface ResumeMailerSettings {
  smtpUrl: string;
  from: string;
  publicUrl: string;
  quietMinutes?: number;
}

export class ResumeCodeMailer {
  private readonly transport: Transporter;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly settings: ResumeMailerSettings,
    private readonly codes: ResumeCodes,
    private readonly conversations: ConversationStore,
    private readonly flows: Flows,
    private readonly clock: () => number = Date.now,
  ) {
    this.transport = smtpTransport(settings.smtpUrl);
  }

  /** Sends the codes due now; returns how many were sent. */
  async sweep(): Promise<number> {
    const quietMs = (this.settings.quietMinutes ?? 30) * 60_000;
    let sent = 0;
    for await (const entry of this.codes.awaitingEmail()) {
      const key = `directline/conversations/${entry.conversationId}`;
      const record = (await this.conversations.read([key]))[key] as ConversationRecord | undefined;
      if (!record || record.position === 'submitted' || record.position === 'declined') continue;
      if (this.clock() - Date.parse(record.updatedAt) < quietMs) continue;
      const email = viewOf(record).answers.contactEmail;
      if (!email) continue;
      try {
        await this.send(email, entry.code, entry.expiresAt, record.locale);
        await this.codes.markEmailed(entry.conversationId);
        sent++;
        log.info('resume-code-emailed', { ref: logRef(entry.conversationId) });
      } catch (error) {
        log.warn('resume-code-email-failed', {
          conversation: entry.conversationId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return sent;
  }

  start(everyMs = 5 * 60_000): void {
    this.timer = setInterval(() => void this.sweep(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.transport.close();
  }

  private async send(to: string, code: string, expiresAt: string, locale: ConversationRecord['locale']) {
    const flow = this.flows[locale];
    const values = {
      code,
      expiresOn: expiresAt.slice(0, 10),
      pageUrl: this.settings.publicUrl,
      firmName: flow.firm.name,
      firmPhone: flow.firm.phone,
      firmEmail: flow.firm.email,
    };
    await this.transport.sendMail({
      from: this.settings.from,
      to,
      subject: fill(flow.messages.resumeEmailSubject, values),
      text: fill(flow.messages.resumeEmailBody, values),
    });
  }
}
