import type { Flow } from '../intake/flows';
import { formatAnswer } from '../intake/format';
import type { Catalogue } from '../intake/machine';
import { sections, stepCatalogue, stepIds } from '../intake/steps';
import { targetLabels, type OutboxEntry } from '../notify/outbox';
import type { Lead } from '../screening/lead';
import { barChart, columnChart, type Datum } from './charts';
import type { DeletionEntry } from './audit';
import { queryOf, type LeadFilter } from './filters';
import type { HandoffDocument, HandoffRequest } from './handoffs';
import { html, type SafeHtml } from '../html';
import type { LeadPage, LeadRow } from './lead-index';
import { NOTE_MAX_LENGTH, statusLabels, workflowStatuses, type WorkflowRecord } from './workflow';

/** Server-rendered pages of the dashboard. Every value goes through `html`, which escapes it. */

export interface Viewer {
  email: string;
  csrfToken: string;
}

type Section = 'leads' | 'overview' | 'handoffs' | 'deletions';

const navItems: [Section, string, string][] = [
  ['leads', 'Leads', '/staff/leads'],
  ['overview', 'Overview', '/staff/overview'],
  ['handoffs', 'Handoff requests', '/staff/handoffs'],
  ['deletions', 'Deletions', '/staff/deletions'],
];

export function csrfField(viewer: Viewer): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${viewer.csrfToken}" />`;
}

function document(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${title} — IMP intake staff</title>
        <link rel="stylesheet" href="/staff/assets/staff.css" />
      </head>
      <body>
        ${body}
      </body>
    </html>`.value;
}

export function page(
  viewer: Viewer,
  current: Section | undefined,
  title: string,
  content: SafeHtml,
  flash?: { notice?: string; error?: string },
): string {
  return document(
    title,
    html`<header class="top">
        <span class="brand">IMP intake — staff</span>
        <nav aria-label="Dashboard">
          ${navItems.map(
            ([id, label, href]) =>
              html`<a href="${href}" ${id === current ? html`aria-current="page"` : ''}>${label}</a>`,
          )}
        </nav>
        <span class="muted">${viewer.email}</span>
        <form method="post" action="/staff/logout">
          ${csrfField(viewer)}<button class="secondary" type="submit">Sign out</button>
        </form>
      </header>
      <main>
        ${flash?.notice ? html`<p class="notice" role="status">${flash.notice}</p>` : ''}
        ${flash?.error ? html`<p class="error" role="alert">${flash.error}</p>` : ''} ${content}
      </main>`,
  );
}

export function loginPage(options: {
  formToken: string;
  hasAccounts: boolean;
  email?: string;
  next?: string;
  error?: string;
  notice?: string;
}): string {
  return document(
    'Sign in',
    html`<main class="login">
      <h1>Staff sign-in</h1>
      ${options.notice ? html`<p class="notice" role="status">${options.notice}</p>` : ''}
      ${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
      ${
        options.hasAccounts
          ? ''
          : html`<p class="notice">
              No staff account exists yet. On the server, create one with
              <code>npm run staff:add -- you@yourfirm.ca</code> (it asks for a password).
            </p>`
      }
      <form class="stack card" method="post" action="/staff/login">
        <input type="hidden" name="_csrf" value="${options.formToken}" />
        ${options.next ? html`<input type="hidden" name="next" value="${options.next}" />` : ''}
        <label
          >Email
          <input type="email" name="email" autocomplete="username" required value="${options.email ?? ''}"
        /></label>
        <label
          >Password <input type="password" name="password" autocomplete="current-password" required
        /></label>
        <button type="submit">Sign in</button>
      </form>
    </main>`,
  );
}

export function errorPage(
  viewer: Viewer | undefined,
  status: number,
  title: string,
  message: string,
): string {
  const body = html`<h1>${title}</h1>
    <p>${message}</p>
    <p><a href="/staff/leads">Back to the leads</a></p>`;
  return viewer ? page(viewer, undefined, title, body) : document(title, html`<main>${body}</main>`);
}

// ---------- formatting ----------

const dateTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

function pill(text: string, tone: string): SafeHtml {
  return html`<span class="pill ${tone}">${text}</span>`;
}

const priorityPill = (level: string) => pill(level, level);
const urgencyPill = (level: string) => pill(level, level);

function statusPill(status: keyof typeof statusLabels): SafeHtml {
  const tone = status === 'retained' ? 'good' : status === 'new' ? 'warn' : '';
  return pill(statusLabels[status], tone);
}

// ---------- lead list ----------

export interface ListOptions {
  filter: LeadFilter;
  result: LeadPage;
  streamCodes: string[];
  flash?: { notice?: string; error?: string };
}

function select(name: string, label: string, current: string | undefined, choices: [string, string][]) {
  return html`<label
    >${label}
    <select name="${name}">
      <option value="">Any</option>
      ${choices.map(([value, title]) => html`<option value="${value}" ${value === current ? html`selected` : ''}>${title}</option>`)}
    </select></label
  >`;
}

function rowHtml(row: LeadRow): SafeHtml {
  return html`<tr>
    <td>${dateTime(row.createdAt)}</td>
    <td class="nowrap"><a href="/staff/leads/${encodeURIComponent(row.id)}">${row.reference}</a></td>
    <td>${row.name}<br /><span class="muted">${row.email}</span></td>
    <td>${row.role}</td>
    <td>${priorityPill(row.priority)}</td>
    <td>
      ${urgencyPill(row.urgency)}${row.deadline ? html`<br /><span class="muted">by ${row.deadline}</span>` : ''}
    </td>
    <td>${row.streams.slice(0, 3).join(', ') || html`<span class="muted">none evident</span>`}</td>
    <td>${statusPill(row.status)}</td>
    <td>
      ${row.handoff ? pill('asked for a person', 'warn') : ''}${row.flags > 0 ? html` ${pill(`${row.flags} flag${row.flags > 1 ? 's' : ''}`, 'bad')}` : ''}
    </td>
  </tr>`;
}

export function leadListPage(viewer: Viewer, options: ListOptions): string {
  const { filter, result } = options;
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  const tabs = html`<ul class="tabs" aria-label="Leads by status">
    <li>
      <a
        href="/staff/leads${queryOf({ ...filter, status: undefined })}"
        ${filter.status ? '' : html`aria-current="true"`}
        >All (${total})</a
      >
    </li>
    ${workflowStatuses.map(
      (status) =>
        html`<li>
          <a
            href="/staff/leads${queryOf({ ...filter, status })}"
            ${filter.status === status ? html`aria-current="true"` : ''}
            >${statusLabels[status]} (${result.counts[status]})</a
          >
        </li>`,
    )}
  </ul>`;
  const filters = html`<form class="filters" method="get" action="/staff/leads" role="search">
    ${filter.status ? html`<input type="hidden" name="status" value="${filter.status}" />` : ''}
    <label
      >Name, email or reference <input type="search" name="q" value="${filter.q ?? ''}" maxlength="200"
    /></label>
    ${select('role', 'Role', filter.role, [
      ['worker', 'Worker'],
      ['employer', 'Employer'],
    ])}
    ${select('priority', 'Priority', filter.priority, [
      ['high', 'High'],
      ['medium', 'Medium'],
      ['low', 'Low'],
    ])}
    ${select('urgency', 'Urgency', filter.urgency, [
      ['urgent', 'Urgent'],
      ['soon', 'Soon'],
      ['normal', 'Normal'],
    ])}
    ${select(
      'stream',
      'Stream',
      filter.stream,
      options.streamCodes.map((code) => [code, code]),
    )}
    <label>Received from <input type="date" name="from" value="${filter.from ?? ''}" /></label>
    <label>to <input type="date" name="to" value="${filter.to ?? ''}" /></label>
    <button type="submit">Filter</button>
    <a href="/staff/leads">Clear</a>
  </form>`;
  const exportLinks = html`<p class="actions">
    <span>${result.total} lead${result.total === 1 ? '' : 's'}</span>
    <a href="/staff/export.csv${queryOf(filter)}" download>Export CSV</a>
    <a href="/staff/export.json${queryOf(filter)}" download>Export JSON</a>
  </p>`;
  const table =
    result.rows.length === 0
      ? html`<p class="card">No lead matches these filters.</p>`
      : html`<table>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Reference</th>
              <th scope="col">Prospect</th>
              <th scope="col">Role</th>
              <th scope="col">Priority</th>
              <th scope="col">Urgency</th>
              <th scope="col">Best fit</th>
              <th scope="col">Status</th>
              <th scope="col">Attention</th>
            </tr>
          </thead>
          <tbody>
            ${result.rows.map(rowHtml)}
          </tbody>
        </table>`;
  const pager =
    result.pages > 1
      ? html`<nav class="pager" aria-label="Pages">
          ${result.page > 1 ? html`<a href="/staff/leads${queryOf(filter, { page: result.page - 1 })}" rel="prev">Previous</a>` : ''}
          <span>Page ${result.page} of ${result.pages}</span>
          ${result.page < result.pages ? html`<a href="/staff/leads${queryOf(filter, { page: result.page + 1 })}" rel="next">Next</a>` : ''}
        </nav>`
      : '';
  return page(
    viewer,
    'leads',
    'Leads',
    html`<h1>Leads</h1>
      ${tabs}${filters}${exportLinks}${table}${pager}`,
    options.flash,
  );
}

// ---------- lead detail ----------

export interface TranscriptLine {
  from: 'user' | 'bot';
  at?: string;
  text: string;
}

export interface DetailOptions {
  lead: Lead;
  workflow: WorkflowRecord | undefined;
  handoff: HandoffDocument | undefined;
  deliveries: OutboxEntry[];
  transcript: TranscriptLine[] | 'unavailable';
  flow: Flow;
  flash?: { notice?: string; error?: string };
}

function answersHtml(lead: Lead, flow: Flow): SafeHtml {
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

function screeningHtml(lead: Lead): SafeHtml {
  const { streams, admissibility, pathways, urgency, priority, noExemptStreamEvident, rulesVersion } =
    lead.screening;
  return html`<div class="grid">
      <section class="card" aria-labelledby="h-priority">
        <h2 id="h-priority">
          Priority ${priorityPill(priority.level)} · Urgency ${urgencyPill(urgency.level)}
        </h2>
        <ul>
          ${priority.reasons.map((reason) => html`<li>${reason}</li>`)}
        </ul>
        ${urgency.deadline || urgency.reason ? html`<p><strong>Urgency:</strong> ${urgency.deadline ? `deadline ${urgency.deadline}` : ''}${urgency.deadline && urgency.reason ? ' — ' : ''}${urgency.reason ?? ''}</p>` : ''}
      </section>
      <section class="card" aria-labelledby="h-flags">
        <h2 id="h-flags">Admissibility</h2>
        ${
          admissibility.flags.length === 0
            ? html`<p>No flag raised by the screeners.</p>`
            : html`<p>${admissibility.needsLawyerReview ? pill('lawyer review needed', 'bad') : ''}</p>
                <ul>
                  ${admissibility.flags.map((flag) => html`<li><strong>${flag.ground}</strong>${flag.serious ? ' (serious)' : ''}: ${flag.note}</li>`)}
                </ul>`
        }
      </section>
    </div>
    <section class="card" aria-labelledby="h-streams">
      <h2 id="h-streams">Streams</h2>
      ${noExemptStreamEvident ? html`<p class="error">No LMIA-exempt stream is evident: an LMIA-based work permit may be needed.</p>` : ''}
      ${
        streams.length === 0
          ? html`<p class="muted">No stream assessed.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">Stream</th>
                  <th scope="col">Fit</th>
                  <th scope="col">Why</th>
                  <th scope="col">Missing</th>
                  <th scope="col">Reference</th>
                </tr>
              </thead>
              <tbody>
                ${streams.map(
                  (s) =>
                    html`<tr>
                      <td><strong>${s.code}</strong> ${s.name}</td>
                      <td>
                        ${pill(s.fit, s.fit === 'likely' ? 'good' : s.fit === 'possible' ? 'warn' : '')}
                      </td>
                      <td>
                        <ul>
                          ${s.reasons.map((r) => html`<li>${r}</li>`)}
                        </ul>
                      </td>
                      <td>
                        <ul>
                          ${s.missing.map((m) => html`<li>${m}</li>`)}
                        </ul>
                      </td>
                      <td>${s.ref}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
    <section class="card" aria-labelledby="h-pathways">
      <h2 id="h-pathways">PR pathways</h2>
      ${
        pathways.length === 0
          ? html`<p class="muted">None assessed.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">Program</th>
                  <th scope="col">Fit</th>
                  <th scope="col">Why</th>
                  <th scope="col">Missing</th>
                </tr>
              </thead>
              <tbody>
                ${pathways.map(
                  (p) =>
                    html`<tr>
                      <td>${p.program}${p.stream ? ` ${p.stream}` : ''}</td>
                      <td>${p.fit}</td>
                      <td>
                        <ul>
                          ${p.reasons.map((r) => html`<li>${r}</li>`)}
                        </ul>
                      </td>
                      <td>
                        <ul>
                          ${p.missing.map((m) => html`<li>${m}</li>`)}
                        </ul>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <p class="muted">
        Rules ${rulesVersion}. Automated first triage, not legal advice: a lawyer confirms every point.
      </p>
    </section>`;
}

function deliveryStatusText(entry: OutboxEntry): SafeHtml {
  switch (entry.status) {
    case 'delivered':
      return html`${pill('delivered', 'good')} ${entry.deliveredAt ? dateTime(entry.deliveredAt) : ''}`;
    case 'not-configured':
      return html`${pill('not configured', '')}`;
    case 'cancelled':
      return html`${pill('cancelled', '')}`;
    case 'retrying':
      return html`${pill('failed, will retry', 'bad')}
      ${entry.nextAttemptAt ? html`<span class="muted">next try ${dateTime(entry.nextAttemptAt)}</span>` : ''}`;
    default:
      return html`${pill(entry.status, 'warn')}`;
  }
}

function deliveriesHtml(viewer: Viewer, entries: OutboxEntry[]): SafeHtml {
  if (entries.length === 0) return html`<p class="muted">No notification was queued for this lead.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th scope="col">What</th>
        <th scope="col">Target</th>
        <th scope="col">Status</th>
        <th scope="col">Attempts</th>
        <th scope="col">Last error</th>
        <th scope="col"></th>
      </tr>
    </thead>
    <tbody>
      ${entries.map(
        (e) =>
          html`<tr>
            <td>${e.kind === 'lead' ? 'New lead' : 'Talk to a person'}</td>
            <td>${targetLabels[e.target]}</td>
            <td>${deliveryStatusText(e)}</td>
            <td>
              ${e.attempts}${e.lastAttemptAt ? html`<br /><span class="muted">last ${dateTime(e.lastAttemptAt)}</span>` : ''}
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
      )}
    </tbody>
  </table>`;
}

function handoffHtml(lead: Lead, handoff: HandoffDocument | undefined): SafeHtml {
  const requests = handoff?.requests ?? [];
  if (!lead.handoffRequested && requests.length === 0)
    return html`<p>The prospect did not ask to talk to a person.</p>`;
  return html`<p>${pill('asked to talk to a person', 'warn')}</p>
    ${
      requests.length > 0
        ? html`<ul>
            ${requests.map((r) => html`<li>${dateTime(r.requestedAt)}, ${r.position === 'submitted' ? 'after submitting' : `at “${r.position}”, ${r.answeredCount} answers given`}</li>`)}
          </ul>`
        : ''
    }`;
}

function historyHtml(workflow: WorkflowRecord | undefined): SafeHtml {
  if (!workflow) return html`<p class="muted">No change recorded yet.</p>`;
  return html`<ol>
    ${[...workflow.history].reverse().map((entry) => {
      const what =
        entry.action === 'created'
          ? 'Lead received'
          : entry.action === 'status'
            ? `Status: ${entry.from ? statusLabels[entry.from] : '?'} → ${entry.to ? statusLabels[entry.to] : '?'}`
            : 'Note';
      return html`<li>
        <strong>${what}</strong> — ${entry.by},
        ${dateTime(entry.at)}${entry.note ? html`<br /><span class="note">${entry.note}</span>` : ''}
      </li>`;
    })}
  </ol>`;
}

function transcriptHtml(transcript: TranscriptLine[] | 'unavailable'): SafeHtml {
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
              >${line.from === 'user' ? 'Prospect' : 'Assistant'}${line.at ? ` · ${dateTime(line.at)}` : ''}</span
            >
            <span class="text">${line.text}</span>
          </li>`,
      )}
    </ol>
  </details>`;
}

export function leadDetailPage(viewer: Viewer, options: DetailOptions): string {
  const { lead, workflow, flow } = options;
  const status = workflow?.status ?? 'new';
  const { contact } = lead;
  const statusForm = html`<form
    class="stack"
    method="post"
    action="/staff/leads/${encodeURIComponent(lead.id)}/status"
  >
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
  const deleteForm = html`<form
    class="stack"
    method="post"
    action="/staff/leads/${encodeURIComponent(lead.id)}/delete"
  >
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
  const content = html`<p><a href="/staff/leads">← All leads</a></p>
    <h1>${lead.reference} — ${contact.name}</h1>
    <p>${statusPill(status)} ${lead.role} · received ${dateTime(lead.createdAt)} · ${lead.locale}</p>
    <div class="grid">
      <section class="card" aria-labelledby="h-contact">
        <h2 id="h-contact">Contact</h2>
        <dl class="answers">
          <dt>Name</dt>
          <dd>${contact.name}</dd>
          <dt>Email</dt>
          <dd><a href="mailto:${contact.email}">${contact.email}</a></dd>
          <dt>Phone</dt>
          <dd>${contact.phone ?? html`<span class="muted">not given</span>`}</dd>
          <dt>Prefers</dt>
          <dd>${contact.preferredContact}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="h-status">
        <h2 id="h-status">Workflow</h2>
        ${statusForm}
      </section>
    </div>
    <section class="card" aria-labelledby="h-summary">
      <h2 id="h-summary">Summary</h2>
      <pre class="summary">${lead.summary.text}</pre>
    </section>
    ${screeningHtml(lead)}
    <section class="card" aria-labelledby="h-handoff">
      <h2 id="h-handoff">Handoff request</h2>
      ${handoffHtml(lead, options.handoff)}
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
      ${transcriptHtml(options.transcript)}
    </section>
    <section class="card" aria-labelledby="h-history">
      <h2 id="h-history">History</h2>
      ${historyHtml(workflow)}
    </section>
    <section class="card" aria-labelledby="h-delete">
      <h2 id="h-delete">Delete on a privacy request</h2>
      ${deleteForm}
    </section>`;
  return page(viewer, 'leads', `${lead.reference}`, content, options.flash);
}

// ---------- overview ----------

export interface OverviewData {
  perWeek: Datum[];
  byRole: Datum[];
  byStream: Datum[];
  byStatus: Datum[];
  byUrgency: Datum[];
  byPriority: Datum[];
  total: number;
}

export function overviewPage(viewer: Viewer, data: OverviewData): string {
  return page(
    viewer,
    'overview',
    'Overview',
    html`<h1>Overview</h1>
      <p>${data.total} lead${data.total === 1 ? '' : 's'} in total.</p>
      <div class="grid charts">
        <section class="card">
          ${columnChart('per-week', 'Leads per week (last 12 weeks, weeks start Monday, UTC)', data.perWeek)}
        </section>
        <section class="card">${barChart('by-status', 'Leads by status', data.byStatus)}</section>
        <section class="card">${barChart('by-role', 'Leads by role', data.byRole)}</section>
        <section class="card">${barChart('by-urgency', 'Leads by urgency', data.byUrgency)}</section>
        <section class="card">${barChart('by-priority', 'Leads by priority', data.byPriority)}</section>
        <section class="card">${barChart('by-stream', 'Leads by best-fit stream', data.byStream)}</section>
      </div>`,
  );
}

// ---------- handoffs and deletions ----------

export interface HandoffListItem {
  doc: HandoffDocument;
  latest: HandoffRequest;
  leadReference?: string;
}

export function handoffsPage(viewer: Viewer, items: HandoffListItem[]): string {
  const rows = items.map(({ doc, latest, leadReference }) => {
    const c = latest.contact;
    return html`<tr>
      <td>${dateTime(latest.requestedAt)}</td>
      <td>
        ${leadReference ? html`<a href="/staff/leads/${encodeURIComponent(doc.intakeId)}">${leadReference}</a>` : pill('intake not finished', 'warn')}
      </td>
      <td>${c.name ?? html`<span class="muted">no name yet</span>`}</td>
      <td>${c.email ?? html`<span class="muted">no email yet</span>`}<br />${c.phone ?? ''}</td>
      <td>${latest.role ?? ''}</td>
      <td>${latest.position} (${latest.answeredCount} answers)</td>
      <td>${latest.locale}</td>
    </tr>`;
  });
  return page(
    viewer,
    'handoffs',
    'Handoff requests',
    html`<h1>Handoff requests</h1>
      <p>
        Prospects who typed “talk to a person”, newest first. Those who had not finished the intake may have
        left no contact details: they were told how to reach the firm.
      </p>
      ${
        items.length === 0
          ? html`<p class="card">No handoff request.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">Asked</th>
                  <th scope="col">Lead</th>
                  <th scope="col">Name</th>
                  <th scope="col">Contact</th>
                  <th scope="col">Role</th>
                  <th scope="col">Where</th>
                  <th scope="col">Language</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }`,
  );
}

export function deletionsPage(viewer: Viewer, entries: DeletionEntry[]): string {
  return page(
    viewer,
    'deletions',
    'Deletions',
    html`<h1>Deletion log</h1>
      <p>Leads deleted on a privacy request or by the retention schedule. The log keeps no personal data.</p>
      ${
        entries.length === 0
          ? html`<p class="card">No deletion yet.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Reference</th>
                  <th scope="col">Lead id</th>
                  <th scope="col">Reason</th>
                  <th scope="col">By</th>
                </tr>
              </thead>
              <tbody>
                ${entries.map(
                  (e) =>
                    html`<tr>
                      <td>${dateTime(e.at)}</td>
                      <td>${e.reference ?? ''}</td>
                      <td>${e.leadId ?? ''}</td>
                      <td>${e.reason}</td>
                      <td>${e.by}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }`,
  );
}
