import type { Flow } from '../../intake/flows';
import { formatAnswer } from '../../intake/format';
import type { Catalogue } from '../../intake/machine';
import { sections, stepCatalogue, stepIds } from '../../intake/steps';
import { html, type SafeHtml } from '../../html';
import { targetLabels } from '../../notify/outbox';
import type { HandoffDocument } from '../../ports/handoffs';
import type { OutboxEntry } from '../../ports/outbox';
import { describeEach } from '../../documents/describe';
import type { DocumentInfo } from '../../documents/vault';
import type { AccessEntry } from '../../ports/lead-access';
import type { WorkflowRecord } from '../../ports/workflow';
import type { Lead } from '../../screening/lead';
import { markdownToHtml } from '../markdown';
import { statusLabels } from '../workflow';
import { csrfField, type Viewer } from './layout';
import { dateTime, pill, plural, tableHtml } from './parts';

/** The parts of a lead's page below the summary: answers, notifications, handoff, history, transcript. */

export interface TranscriptLine {
  from: 'user' | 'bot';
  at?: string;
  text: string;
}

export function answersHtml(lead: Lead, flow: Flow): SafeHtml {
  const answers = lead.answers as Record<string, unknown>;
  const catalogue: Catalogue = stepCatalogue;
  const groups = sections.map((section) => {
    const steps = stepIds.filter((id) => stepCatalogue[id].section === section && answers[id] !== undefined);
    if (steps.length === 0) return '';
    return html`<h3>${flow.sections[section]}</h3>
      <dl class="answers">
        ${steps.map(
          (id) =>
            html`<dt>${flow.steps[id].label}</dt>
              <dd>${formatAnswer(id, answers[id], flow, catalogue)}</dd>`,
        )}
      </dl>`;
  });
  return html`${groups}`;
}

function deliveryStatusText(entry: OutboxEntry, zone: string): SafeHtml {
  switch (entry.status) {
    case 'delivered':
      return html`${pill('delivered', 'good')} ${entry.deliveredAt ? dateTime(entry.deliveredAt, zone) : ''}`;
    case 'not-configured':
      return html`${pill('not configured', '')}`;
    case 'cancelled':
      return html`${pill('cancelled', '')}`;
    case 'retrying':
      return html`${pill('failed, will retry', 'bad')}
      ${entry.nextAttemptAt ? html`<span class="muted">next try ${dateTime(entry.nextAttemptAt, zone)}</span>` : ''}`;
    default:
      return html`${pill(entry.status, 'warn')}`;
  }
}

export function deliveriesHtml(viewer: Viewer, entries: OutboxEntry[]): SafeHtml {
  if (entries.length === 0) return html`<p class="muted">No notification was queued for this lead.</p>`;
  return tableHtml(
    ['What', 'Target', 'Status', 'Attempts', 'Last error', ''],
    entries.map(
      (e) =>
        html`<tr>
          <td>${e.kind === 'lead' ? 'New lead' : 'Talk to a person'}</td>
          <td>${targetLabels[e.target]}</td>
          <td>${deliveryStatusText(e, viewer.timeZone)}</td>
          <td>
            ${e.attempts}${e.lastAttemptAt ? html`<br /><span class="muted">last ${dateTime(e.lastAttemptAt, viewer.timeZone)}</span>` : ''}
          </td>
          <td>${e.lastError ?? ''}</td>
          <td>
            ${
              e.status === 'retrying'
                ? html`<form method="post" action="/staff/deliveries/${e.id}/retry">
                    ${csrfField(viewer)}<button class="secondary" type="submit">Retry now</button>
                  </form>`
                : ''
            }
          </td>
        </tr>`,
    ),
  );
}

/** Where in the intake a prospect asked for a person, in the words of the questionnaire. */
export function positionText(position: string, answeredCount: number, flow: Flow): string {
  if (position === 'submitted') return 'after submitting';
  if (position === 'review') return `at the review, ${plural(answeredCount, 'answer')} given`;
  const label = (flow.steps as Record<string, { label?: string } | undefined>)[position]?.label;
  return `at “${label ?? position}”, ${plural(answeredCount, 'answer')} given`;
}

export function handoffHtml(
  lead: Lead,
  handoff: HandoffDocument | undefined,
  flow: Flow,
  zone: string,
): SafeHtml {
  const requests = handoff?.requests ?? [];
  if (!lead.handoffRequested && requests.length === 0)
    return html`<p>The prospect did not ask to talk to a person.</p>`;
  return html`<p>
      ${pill('asked to talk to a person', 'warn')}
      ${handoff?.handled ? html` ${pill('handled', 'good')} by ${handoff.handled.by}, ${dateTime(handoff.handled.at, zone)}` : ''}
    </p>
    ${
      requests.length > 0
        ? html`<ul>
            ${requests.map((r) => html`<li>${dateTime(r.requestedAt, zone)}, ${positionText(r.position, r.answeredCount, flow)}</li>`)}
          </ul>`
        : ''
    }`;
}

/** The prospect's documents: what they called each, its real type and size, and a download link. */
export function documentsHtml(lead: Lead, documents: DocumentInfo[] | 'off', zone: string): SafeHtml {
  if (documents === 'off') return html`<p class="muted">Document uploads are off (no DOCUMENTS_KEY).</p>`;
  if (documents.length === 0) return html`<p class="muted">No documents attached.</p>`;
  return html`<ul class="documents">
    ${documents.map(
      (d) =>
        html`<li>
          <a href="/staff/leads/${encodeURIComponent(lead.id)}/documents/${encodeURIComponent(d.id)}" download
            >${describeEach([d])}</a
          >
          · ${dateTime(d.addedAt, zone)}
        </li>`,
    )}
  </ul>`;
}

/** The audit trail: every view of the lead and download of its documents, newest first. */
export function accessHtml(lead: Lead, entries: AccessEntry[], zone: string): SafeHtml {
  const csv = html`<p><a href="/staff/leads/${encodeURIComponent(lead.id)}/access.csv">Export as CSV</a></p>`;
  if (entries.length === 0)
    return html`<p class="muted">Nobody yet.</p>
      ${csv}`;
  return html`<ol class="access">
      ${[...entries]
        .reverse()
        .slice(0, 200)
        .map(
          (e) =>
            html`<li>
              ${dateTime(e.at, zone)} · ${e.by} ·
              ${
                e.action === 'viewed'
                  ? 'viewed the lead'
                  : e.action === 'exported'
                    ? 'exported the lead (CSV or JSON)'
                    : html`downloaded document ${e.documentId ?? ''} (${e.kind ?? ''})`
              }
            </li>`,
        )}
    </ol>
    ${entries.length > 200 ? html`<p class="muted">The 200 latest of ${entries.length}; the export has them all.</p>` : ''}
    ${csv}`;
}

/** The consultation: "booking link sent" and the time the scheduler reported. */
export function bookingHtml(workflow: WorkflowRecord | undefined, zone: string): SafeHtml {
  const booking = workflow?.booking;
  if (!booking) return html``;
  return html`<p class="booking">
    ${booking.linkSentAt ? html`${pill('booking link sent', '')} ` : ''}
    ${booking.startsAt ? html`Consultation booked for <strong>${dateTime(booking.startsAt, zone)}</strong>` : ''}
  </p>`;
}

export function historyHtml(workflow: WorkflowRecord | undefined, zone: string): SafeHtml {
  if (!workflow) return html`<p class="muted">No change recorded yet.</p>`;
  return html`<ol>
    ${[...workflow.history].reverse().map((entry) => {
      const what =
        entry.action === 'created'
          ? 'Lead received'
          : entry.action === 'status'
            ? `Status: ${entry.from ? statusLabels[entry.from] : '?'} → ${entry.to ? statusLabels[entry.to] : '?'}`
            : entry.action === 'owner'
              ? entry.owner
                ? `Assigned to ${entry.owner}`
                : 'Owner removed'
              : entry.action === 'follow-up'
                ? entry.followUp
                  ? `Follow-up set for ${entry.followUp}`
                  : 'Follow-up cleared'
                : 'Note';
      return html`<li>
        <strong>${what}</strong> — ${entry.by},
        ${dateTime(entry.at, zone)}${entry.note ? html`<br /><span class="note">${entry.note}</span>` : ''}
      </li>`;
    })}
  </ol>`;
}

export function transcriptHtml(transcript: TranscriptLine[] | 'unavailable', zone: string): SafeHtml {
  if (transcript === 'unavailable')
    return html`<p class="muted">No transcript is recorded on this server.</p>`;
  if (transcript.length === 0)
    return html`<p class="muted">No transcript was found for this conversation.</p>`;
  return html`<details>
    <summary>Show the conversation (${transcript.length} messages)</summary>
    <ol class="transcript">
      ${transcript.map(
        (line) =>
          html`<li class="${line.from}">
            <span class="meta"
              >${line.from === 'user' ? 'Prospect' : 'Assistant'}${line.at ? ` · ${dateTime(line.at, zone)}` : ''}</span
            >
            <div class="text">${line.from === 'bot' ? markdownToHtml(line.text) : line.text}</div>
          </li>`,
      )}
    </ol>
  </details>`;
}

/** What the prospect wrote after submitting, in their words, oldest first. */
export function additionsHtml(lead: Lead, zone: string): SafeHtml | string {
  const additions = lead.additions ?? [];
  if (additions.length === 0) return '';
  return html`<section class="card" aria-labelledby="h-additions">
    <h2 id="h-additions">Added after submission</h2>
    <ul class="additions">
      ${additions.map(
        (addition) =>
          html`<li>
            <p><strong>Added after submission</strong>, ${dateTime(addition.at, zone)}</p>
            <p class="addition-text">${addition.text}</p>
          </li>`,
      )}
    </ul>
  </section>`;
}
