import { html, type SafeHtml } from '../../html';
import type { Flow } from '../../intake/flows';
import type { DocumentInfo } from '../../documents/vault';
import type { AccessEntry } from '../../ports/lead-access';
import type { LeadRow } from '../../ports/lead-list';
import type { HandoffDocument } from '../../ports/handoffs';
import type { OutboxEntry } from '../../ports/outbox';
import {
  NOTE_MAX_LENGTH,
  workflowStatuses,
  type WorkflowRecord,
  type WorkflowStatus,
} from '../../ports/workflow';
import type { Lead } from '../../screening/lead';
import { describeSource } from '../../screening/source';
import { statusLabels } from '../workflow';
import { csrfField, page, type Viewer } from './layout';
import {
  accessHtml,
  additionsHtml,
  answersHtml,
  bookingHtml,
  documentsHtml,
  deliveriesHtml,
  handoffHtml,
  historyHtml,
  transcriptHtml,
  type TranscriptLine,
} from './lead-sections';
import { dateTime, duplicatesHtml, phoneHtml, statusPill } from './parts';
import { screeningHtml } from './screening';

/** A lead's page: contact, workflow forms, summary, screening, and everything recorded about it. */

export interface DetailOptions {
  lead: Lead;
  /** Other leads from the same person (same email or phone). */
  duplicates: Pick<LeadRow, 'id' | 'reference'>[];
  /** Staff members who can own a lead (emails). */
  staff: string[];
  workflow: WorkflowRecord | undefined;
  handoff: HandoffDocument | undefined;
  deliveries: OutboxEntry[];
  transcript: TranscriptLine[] | 'unavailable';
  /** The prospect's documents; 'off' without DOCUMENTS_KEY. */
  documents: DocumentInfo[] | 'off';
  /** Who viewed the lead and downloaded its documents, oldest first. */
  access: AccessEntry[];
  flow: Flow;
  flash?: { notice?: string; error?: string };
}

export function leadDetailPage(viewer: Viewer, options: DetailOptions): string {
  const { lead, workflow, flow } = options;
  const status = workflow?.status ?? 'new';
  const { contact } = lead;
  const content = html`<p><a href="/staff/leads">← All leads</a></p>
    <h1>${lead.reference} — ${contact.name}</h1>
    <p>
      ${statusPill(status)} ${lead.role} · received ${dateTime(lead.createdAt, viewer.timeZone)} ·
      ${lead.locale}
    </p>
    ${options.duplicates.length > 0 ? html`<p class="notice">${duplicatesHtml(options.duplicates)}: same email or phone.</p>` : ''}
    <div class="grid">
      ${contactCard(lead)}
      <section class="card" aria-labelledby="h-status">
        <h2 id="h-status">Workflow</h2>
        ${bookingHtml(workflow, viewer.timeZone)} ${statusForm(viewer, lead, status)}
        ${assignForm(viewer, lead, workflow, options.staff)}
      </section>
    </div>
    <section class="card" aria-labelledby="h-documents">
      <h2 id="h-documents">Documents</h2>
      ${documentsHtml(lead, options.documents, viewer.timeZone)}
    </section>
    <section class="card" aria-labelledby="h-summary">
      <h2 id="h-summary">Summary</h2>
      <pre class="summary">${lead.summary.text}</pre>
    </section>
    ${additionsHtml(lead, viewer.timeZone)} ${screeningHtml(lead)}
    <section class="card" aria-labelledby="h-handoff">
      <h2 id="h-handoff">Handoff request</h2>
      ${handoffHtml(lead, options.handoff, flow, viewer.timeZone)}
    </section>
    <section class="card" aria-labelledby="h-notify">
      <h2 id="h-notify">Notifications</h2>
      ${deliveriesHtml(viewer, options.deliveries)}
    </section>
    <section class="card" aria-labelledby="h-answers">
      <h2 id="h-answers">Every answer</h2>
      ${answersHtml(lead, flow)}
    </section>
    <section class="card" aria-labelledby="h-transcript">
      <h2 id="h-transcript">Conversation transcript</h2>
      ${transcriptHtml(options.transcript, viewer.timeZone)}
    </section>
    <section class="card" aria-labelledby="h-history">
      <h2 id="h-history">History</h2>
      ${historyHtml(workflow, viewer.timeZone)}
    </section>
    <section class="card" aria-labelledby="h-access">
      <h2 id="h-access">Who viewed this lead</h2>
      ${accessHtml(lead, options.access, viewer.timeZone)}
    </section>
    <section class="card" aria-labelledby="h-delete">
      <h2 id="h-delete">Delete on a privacy request</h2>
      ${deleteForm(viewer, lead)}
    </section>`;
  return page(viewer, 'leads', `${lead.reference}`, content, options.flash);
}

function contactCard(lead: Lead): SafeHtml {
  const { contact } = lead;
  return html`<section class="card" aria-labelledby="h-contact">
    <h2 id="h-contact">Contact</h2>
    <dl class="answers">
      <dt>Name</dt>
      <dd>${contact.name}</dd>
      <dt>Email</dt>
      <dd><a href="mailto:${contact.email}">${contact.email}</a></dd>
      <dt>Phone</dt>
      <dd>${phoneHtml(contact.phone)}</dd>
      <dt>Prefers</dt>
      <dd>${contact.preferredContact}</dd>
      <dt>Source</dt>
      <dd>${describeSource(lead.source)}</dd>
    </dl>
  </section>`;
}

function statusForm(viewer: Viewer, lead: Lead, status: WorkflowStatus): SafeHtml {
  return html`<form class="stack" method="post" action="/staff/leads/${encodeURIComponent(lead.id)}/status">
    ${csrfField(viewer)}
    <label
      >Status
      <select name="status">
        ${workflowStatuses.map(
          (s) => html`<option value="${s}" ${s === status ? html`selected` : ''}>${statusLabels[s]}</option>`,
        )}
      </select></label
    >
    <label>Note (optional) <textarea name="note" maxlength="${NOTE_MAX_LENGTH}"></textarea></label>
    <div><button type="submit">Save</button></div>
  </form>`;
}

function assignForm(
  viewer: Viewer,
  lead: Lead,
  workflow: WorkflowRecord | undefined,
  staff: string[],
): SafeHtml {
  return html`<form class="stack" method="post" action="/staff/leads/${encodeURIComponent(lead.id)}/assign">
    ${csrfField(viewer)}
    <label
      >Owner
      <select name="owner">
        <option value="">Nobody</option>
        ${[...new Set([...staff, ...(workflow?.owner ? [workflow.owner] : [])])].map(
          (email) =>
            html`<option value="${email}" ${email === workflow?.owner ? html`selected` : ''}>
              ${email === viewer.email ? `${email} (me)` : email}
            </option>`,
        )}
      </select></label
    >
    <label>Follow up on <input type="date" name="followUp" value="${workflow?.followUp ?? ''}" /></label>
    <div><button type="submit">Set owner and follow-up</button></div>
  </form>`;
}

/** The privacy deletion: the reference typed again to confirm. */
function deleteForm(viewer: Viewer, lead: Lead): SafeHtml {
  return html`<form class="stack" method="post" action="/staff/leads/${encodeURIComponent(lead.id)}/delete">
    ${csrfField(viewer)}
    <p>
      On a privacy request, this deletes the lead, its notes, its handoff requests and notification records,
      the conversation and its transcript. Only a line with the lead id and reference stays in the deletion
      log. It cannot be undone.
    </p>
    <label
      >Type the reference <strong>${lead.reference}</strong> to confirm
      <input name="confirm" autocomplete="off" required
    /></label>
    <div><button class="danger" type="submit">Delete permanently</button></div>
  </form>`;
}
