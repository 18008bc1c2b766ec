import { loadFlows, type Flow } from '../intake/flows';
import type { Lead } from '../screening/lead';
import type { Addition } from '../screening/lead-schema';
import type { HandoffRequest } from '../ports/handoffs';
import { html, type SafeHtml } from '../html';

/**
 * What each target receives, rendered at delivery time from the stored lead or handoff request.
 * Emails carry the lead's staff summary, which shows admissibility only as flags (ground and
 * note), never the prospect's own admissibility answers.
 */

export type Notification =
  | { kind: 'lead'; lead: Lead }
  | { kind: 'handoff'; request: HandoffRequest; reference?: string }
  | { kind: 'addition'; lead: Lead; addition: Addition };

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const CONFIDENTIAL = 'Confidential: personal information of a prospect. Do not forward outside the firm.';

let english: Flow | undefined;
function stepLabel(step: string): string | undefined {
  english ??= loadFlows()['en-CA'];
  return (english.steps as Record<string, { label: string } | undefined>)[step]?.label;
}

export function dashboardLink(publicUrl: string | undefined, leadId: string): string | undefined {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/staff/leads/${encodeURIComponent(leadId)}` : undefined;
}

export function leadEmail(lead: Lead, publicUrl?: string): RenderedEmail {
  const { priority, urgency } = lead.screening;
  const subject =
    `New IMP lead ${lead.reference}: priority ${priority.level.toUpperCase()}, urgency ${urgency.level.toUpperCase()}` +
    (lead.handoffRequested ? ' (asked to talk to a person)' : '');
  const link = dashboardLink(publicUrl, lead.id);
  const text = [lead.summary.text, '', link ? `Open in the dashboard: ${link}` : '', CONFIDENTIAL]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
  const content = html`
    <p>
      <strong>Priority:</strong> ${priority.level.toUpperCase()} &middot;
      <strong>Urgency:</strong> ${urgency.level.toUpperCase()} &middot;
      <strong>Reference:</strong> ${lead.reference}
    </p>
    <pre style="white-space:pre-wrap;font-family:inherit;font-size:14px">${lead.summary.text}</pre>
  `;
  return { subject, text, html: emailPage(subject, content, link) };
}

export interface HandoffFacts {
  title: string;
  lines: [label: string, value: string][];
  complete: boolean;
}

/** A handoff may come before any contact details: everything unknown is said to be unknown. */
export function handoffFacts(request: HandoffRequest, reference?: string): HandoffFacts {
  const notGiven = 'not given yet';
  const where = stepLabel(request.position);
  const complete = Boolean(request.contact.email || request.contact.phone);
  return {
    title: reference
      ? `Lead ${reference} asked to talk to a person`
      : 'A prospect asked to talk to a person (intake not finished)',
    complete,
    lines: [
      ['Requested', request.requestedAt],
      [
        'Where',
        `${where ? `at “${where}” (${request.position})` : request.position}, ${request.answeredCount} answers given`,
      ],
      ['Role', request.role ?? notGiven],
      ['Name', request.contact.name ?? notGiven],
      ['Email', request.contact.email ?? notGiven],
      ['Phone', request.contact.phone ?? notGiven],
      ['Language', request.locale],
    ],
  };
}

export function handoffEmail(request: HandoffRequest, reference?: string, publicUrl?: string): RenderedEmail {
  const facts = handoffFacts(request, reference);
  const warning = reference
    ? undefined
    : facts.complete
      ? 'The intake is not finished: only what the prospect had given so far is below.'
      : 'The intake is not finished and NO contact details were given yet: the prospect may still give them in the chat.';
  const link = reference ? dashboardLink(publicUrl, request.leadId ?? request.intakeId) : undefined;
  const subject = reference
    ? `Talk to a person: lead ${reference}`
    : `Talk to a person: ${facts.complete ? 'prospect waiting' : 'prospect waiting, no contact details yet'} (intake not finished)`;
  const text = [
    facts.title,
    ...(warning ? [warning] : []),
    '',
    ...facts.lines.map(([label, value]) => `${label}: ${value}`),
    '',
    ...(link ? [`Open in the dashboard: ${link}`] : []),
    CONFIDENTIAL,
  ].join('\n');
  const content = html`
    <h1 style="font-size:18px">${facts.title}</h1>
    ${warning ? html`<p style="color:#a00"><strong>${warning}</strong></p>` : ''}
    <table>
      ${facts.lines.map(
        ([label, value]) =>
          html`<tr>
            <th align="left">${label}</th>
            <td>${value}</td>
          </tr>`,
      )}
    </table>
  `;
  return { subject, text, html: emailPage(subject, content, link) };
}

/**
 * The prospect wrote again after submitting. Their words may touch admissibility, so the email only
 * says that they wrote and when; the message itself is read in the dashboard.
 */
export function additionEmail(lead: Lead, addition: Addition, publicUrl?: string): RenderedEmail {
  const subject = `Lead ${lead.reference}: the prospect added a message after submission`;
  const link = dashboardLink(publicUrl, lead.id);
  const said = `${lead.contact.name} wrote again after submitting (${addition.at}). The message is on the lead, marked "added after submission".`;
  const text = [said, '', ...(link ? [`Open in the dashboard: ${link}`] : []), CONFIDENTIAL].join('\n');
  const content = html` <p>${said}</p> `;
  return { subject, text, html: emailPage(subject, content, link) };
}

export function emailOf(notification: Notification, publicUrl?: string): RenderedEmail {
  if (notification.kind === 'addition')
    return additionEmail(notification.lead, notification.addition, publicUrl);
  return notification.kind === 'lead'
    ? leadEmail(notification.lead, publicUrl)
    : handoffEmail(notification.request, notification.reference, publicUrl);
}

/** "Jean-Luc de la Tour" → first "Jean-Luc de la", last "Tour": Clio Grow requires both. */
export function splitName(fullName: string): { first: string; last: string } {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { first: 'Unknown', last: 'Unknown' };
  if (parts.length === 1) return { first: parts[0]!, last: '-' };
  return { first: parts.slice(0, -1).join(' '), last: parts.at(-1)! };
}

export interface ClioInboxLead {
  inbox_lead_token: string;
  inbox_lead: {
    from_first: string;
    from_last: string;
    from_email: string;
    from_phone: string;
    from_message: string;
    referring_url: string;
    from_source: string;
  };
}

export const CLIO_SOURCE = 'IMP intake chatbot';

export function clioPayload(lead: Lead, token: string, publicUrl?: string): ClioInboxLead {
  const { first, last } = splitName(lead.contact.name);
  const link = dashboardLink(publicUrl, lead.id);
  return {
    inbox_lead_token: token,
    inbox_lead: {
      from_first: first,
      from_last: last,
      from_email: lead.contact.email,
      from_phone: lead.contact.phone ?? '',
      from_message: link ? `${lead.summary.text}\n\nDashboard: ${link}` : lead.summary.text,
      referring_url: publicUrl ?? 'imp-intake',
      from_source: CLIO_SOURCE,
    },
  };
}

export interface WebhookMessage {
  event: 'lead.submitted' | 'handoff.requested' | 'lead.added';
  body: string;
}

export function webhookMessage(notification: Notification): WebhookMessage {
  if (notification.kind === 'lead')
    return { event: 'lead.submitted', body: JSON.stringify(notification.lead) };
  if (notification.kind === 'addition') {
    const { lead, addition } = notification;
    return {
      event: 'lead.added',
      body: JSON.stringify({ type: 'addition', leadId: lead.id, reference: lead.reference, ...addition }),
    };
  }
  const { request, reference } = notification;
  return {
    event: 'handoff.requested',
    body: JSON.stringify({
      type: 'handoff',
      ...request,
      ...(reference ? { reference } : {}),
      intakeFinished: Boolean(reference),
      contactDetailsGiven: Boolean(request.contact.email || request.contact.phone),
    }),
  };
}

/** The page every staff email is: its subject as the title, the content, the dashboard link, the notice. */
function emailPage(subject: string, content: SafeHtml, link: string | undefined): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${subject}</title>
      </head>
      <body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a">
        ${content} ${link ? html`<p><a href="${link}">Open the lead in the dashboard</a></p>` : ''}
        <p style="color:#666;font-size:12px">${CONFIDENTIAL}</p>
      </body>
    </html>`.value;
}
