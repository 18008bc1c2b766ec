import type { Transporter } from 'nodemailer';
import { fill, type Flows } from '../intake/flows';
import { formatAnswer } from '../intake/format';
import { relevantSteps } from '../intake/relevance';
import { openingSteps, stepCatalogue, type Catalogue, type StepId } from '../intake/steps';
import { log } from '../logger';
import type { Lead } from '../screening/lead';
import type { Documents } from '../ports/store';
import { bookingLink } from '../booking/link';
import { smtpTransport } from './smtp';

/**
 * The copy of their answers a prospect asked for at submission: plain text, in their language,
 * by section, and without the admissibility section: those answers go to the lawyer only, never
 * into a mailbox the firm does not control.
 */

/** The section whose answers never leave the firm by email. */
const WITHHELD = 'admissibility';

export function answersCopy(
  lead: Lead,
  flows: Flows,
  catalogue: Catalogue = stepCatalogue,
  bookingUrl?: string,
) {
  const flow = flows[lead.locale];
  const values = {
    firmName: flow.firm.name,
    firmPhone: flow.firm.phone,
    reference: lead.reference,
  };
  const lines: string[] = [];
  let section: string | undefined;
  for (const step of relevantSteps(lead.answers)) {
    const definition = catalogue[step];
    const value = lead.answers[step];
    if (!definition || value === undefined || openingSteps.includes(step) || definition.section === WITHHELD)
      continue;
    if (definition.section !== section) {
      section = definition.section;
      lines.push('', flow.sections[definition.section]);
    }
    lines.push(`- ${flow.steps[step as StepId].label}: ${formatAnswer(step, value, flow, catalogue)}`);
  }
  return {
    subject: fill(flow.messages.copySubject, values),
    text: [
      fill(flow.messages.copyIntro, values),
      ...(bookingUrl
        ? ['', fill(flow.messages.copyBooking, { bookingUrl: bookingLinkOf(lead, bookingUrl) })]
        : []),
      ...lines,
    ].join('\n'),
  };
}

export class AnswersCopyMailer {
  private readonly transport: Transporter;

  constructor(
    /** With `bookingUrl` (BOOKING_URL), the copy also gives the firm's booking page, prefilled. */
    private readonly settings: { smtpUrl: string; from: string; bookingUrl?: string },
    private readonly leads: Documents<Lead>,
    private readonly flows: Flows,
  ) {
    this.transport = smtpTransport(settings.smtpUrl);
  }

  /** Sends the copy to the lead's email; a failure is logged (ids only), never the prospect's problem. */
  async send(leadId: string): Promise<void> {
    const lead = await this.leads.get(leadId);
    if (!lead) return;
    const { subject, text } = answersCopy(lead, this.flows, stepCatalogue, this.settings.bookingUrl);
    try {
      await this.transport.sendMail({ from: this.settings.from, to: lead.contact.email, subject, text });
      log.info('answers-copy-sent', { lead: leadId });
    } catch (error) {
      log.warn('answers-copy-failed', {
        lead: leadId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** The booking page prefilled for this lead's contact (the same link the chat offered). */
const bookingLinkOf = (lead: Lead, bookingUrl: string) =>
  bookingLink(bookingUrl, { name: lead.contact.name, email: lead.contact.email, reference: lead.reference });
