import type { Flow } from '../intake/flows';
import { formatAnswer } from '../intake/format';
import type { Catalogue } from '../intake/machine';
import { sections, stepCatalogue, stepIds } from '../intake/steps';
import { targetLabels, type OutboxEntry } from '../notify/outbox';
import type { Lead } from '../screening/lead';
import { describeSource, sourceCategories, sourceCategoryLabels } from '../screening/source';
import { barChart, columnChart, type Datum } from './charts';
import type { DeletionEntry } from './audit';
import { queryOf, type LeadFilter } from './filters';
import type { HandoffDocument, HandoffRequest } from './handoffs';
import { html, type SafeHtml } from '../html';
import type { LeadPage, LeadRow } from './lead-index';
import { markdownToHtml } from './markdown';
import {
  displayPhone,
  formatInZone,
  isDue,
  naturalDirection,
  shortDay,
  whyPhrases,
  type SortKey,
} from './triage';
import { NOTE_MAX_LENGTH, statusLabels, workflowStatuses, type WorkflowRecord } from './workflow';

/** Server-rendered pages of the dashboard. Every value goes through `html`, which escapes it. */

export interface Viewer {
  email: string;
  csrfToken: string;
  /** The firm's time zone (FIRM_TIME_ZONE): every time on the dashboard is shown in it. */
  timeZone: string;
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
        <link rel="icon" href="/staff/assets/favicon.svg" type="image/svg+xml" />
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

/** A time in the firm's zone, the zone named: "2026-11-27 14:05 PST". */
const dateTime = (iso: string, timeZone: string) => formatInZone(iso, timeZone);

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** A phone number formatted, as a tel: link when it is a valid number. */
function phoneHtml(phone: string | undefined): SafeHtml {
  if (!phone) return html`<span class="muted">not given</span>`;
  const shown = displayPhone(phone);
  return shown.href ? html`<a href="${shown.href}">${shown.text}</a>` : html`${shown.text}`;
}

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
  /** The other leads from the same person (same email or phone), by lead id. */
  duplicates: Map<string, Pick<LeadRow, 'id' | 'reference'>[]>;
  /** Today in the firm's time zone (YYYY-MM-DD). */
  today: string;
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

function duplicatesHtml(
  others: Pick<LeadRow, 'id' | 'reference'>[] | undefined,
  lead = 'lead',
): SafeHtml | '' {
  if (!others?.length) return '';
  return html`<span class="dup"
    >Same person as
    ${others.map(
      (other, i) =>
        html`${i > 0 ? ', ' : ''}<a href="/staff/leads/${encodeURIComponent(other.id)}"
            >${other.reference}</a
          >`,
    )}
    (${plural(others.length, `other ${lead}`)})</span
  >`;
}

function rowHtml(row: LeadRow, options: ListOptions, viewer: Viewer): SafeHtml {
  const why = whyPhrases(
    { ...row.attention, handoff: row.handoff, followUp: row.followUp, status: row.status },
    options.today,
  );
  return html`<tr>
    <td class="nowrap"><a href="/staff/leads/${encodeURIComponent(row.id)}">${row.reference}</a></td>
    <td>
      ${row.name}<br /><span class="muted">${row.email}</span
      >${row.phone ? html`<br />${phoneHtml(row.phone)}` : ''}
      ${duplicatesHtml(options.duplicates.get(row.id))}
    </td>
    <td>
      ${
        why.length > 0
          ? html`<ul class="why">
              ${why.map((phrase) => html`<li>${phrase}</li>`)}
            </ul>`
          : html`<span class="muted">—</span>`
      }
    </td>
    <td>
      ${urgencyPill(row.urgency)}${row.deadline ? html`<br /><span class="muted">by ${shortDay(row.deadline, options.today)}</span>` : ''}
    </td>
    <td>${priorityPill(row.priority)}</td>
    <td>${dateTime(row.createdAt, viewer.timeZone)}</td>
    <td>
      ${row.role}<br /><span class="muted">${row.streams.slice(0, 3).join(', ') || 'no stream evident'}</span>
    </td>
    <td>${row.source ? sourceCategoryLabels[row.source] : html`<span class="muted">—</span>`}</td>
    <td>${statusPill(row.status)}</td>
    <td>
      ${row.owner ? (row.owner === viewer.email ? 'me' : row.owner) : html`<span class="muted">nobody</span>`}
      ${row.followUp ? html`<br /><span class="${isDue(row, options.today) ? 'due' : 'muted'}">follow up ${shortDay(row.followUp, options.today)}</span>` : ''}
    </td>
  </tr>`;
}

/** A column header that sorts the list by `key` (again: the other way). */
function sortHeader(filter: LeadFilter, key: SortKey | undefined, label: string): SafeHtml {
  if (!key) return html`<th scope="col">${label}</th>`;
  const current = (filter.sort ?? 'action') === key;
  const dir = current ? (filter.dir ?? naturalDirection[key]) : undefined;
  const next = current ? (dir === 'asc' ? 'desc' : 'asc') : naturalDirection[key];
  const ariaSort = dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined;
  return html`<th scope="col" ${ariaSort ? html`aria-sort="${ariaSort}"` : ''}>
    <a href="/staff/leads${queryOf({ ...filter, sort: key, dir: next })}"
      >${label}${dir ? html`<span aria-hidden="true">${dir === 'asc' ? ' ▲' : ' ▼'}</span>` : ''}</a
    >
  </th>`;
}

export function leadListPage(viewer: Viewer, options: ListOptions): string {
  const { filter, result } = options;
  const views = html`<ul class="tabs" aria-label="Views">
    <li>
      <a href="/staff/leads" ${!filter.owner && !filter.due ? html`aria-current="true"` : ''}
        >Everyone's leads</a
      >
    </li>
    <li>
      <a
        href="/staff/leads${queryOf({ owner: viewer.email })}"
        ${filter.owner === viewer.email ? html`aria-current="true"` : ''}
        >My leads</a
      >
    </li>
    <li>
      <a href="/staff/leads${queryOf({ due: '1' })}" ${filter.due ? html`aria-current="true"` : ''}
        >Follow-ups due</a
      >
    </li>
  </ul>`;
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
    ${(['status', 'owner', 'due', 'sort', 'dir'] as const).map((key) =>
      filter[key] ? html`<input type="hidden" name="${key}" value="${filter[key]}" />` : '',
    )}
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
    ${select(
      'source',
      'Source',
      filter.source,
      sourceCategories.map((category) => [category, sourceCategoryLabels[category]]),
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
                ${sortHeader(filter, undefined, 'Reference')} ${sortHeader(filter, 'name', 'Prospect')}
                ${sortHeader(filter, 'action', 'Why (needs action first)')}
                ${sortHeader(filter, 'urgency', 'Urgency')} ${sortHeader(filter, 'priority', 'Priority')}
                ${sortHeader(filter, 'received', 'Received')}
                ${sortHeader(filter, undefined, 'Role, best fit')} ${sortHeader(filter, undefined, 'Source')}
                ${sortHeader(filter, undefined, 'Status')}
                ${sortHeader(filter, 'follow-up', 'Owner, follow-up')}
              </tr>
            </thead>
            <tbody>
              ${result.rows.map((row) => rowHtml(row, options, viewer))}
            </tbody>
          </table>
          <p class="muted">Times are in the firm's time zone (${viewer.timeZone}).</p>`;
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
      ${views}${tabs}${filters}${exportLinks}${table}${pager}`,
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
  /** Other leads from the same person (same email or phone). */
  duplicates: Pick<LeadRow, 'id' | 'reference'>[];
  /** Staff members who can own a lead (emails). */
  staff: string[];
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
      )}
    </tbody>
  </table>`;
}

/** Where in the intake a prospect asked for a person, in the words of the questionnaire. */
export function positionText(position: string, answeredCount: number, flow: Flow): string {
  if (position === 'submitted') return 'after submitting';
  if (position === 'review') return `at the review, ${plural(answeredCount, 'answer')} given`;
  const label = (flow.steps as Record<string, { label?: string } | undefined>)[position]?.label;
  return `at “${label ?? position}”, ${plural(answeredCount, 'answer')} given`;
}

function handoffHtml(lead: Lead, handoff: HandoffDocument | undefined, flow: Flow, zone: string): SafeHtml {
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

function bookingHtml(workflow: WorkflowRecord | undefined, zone: string): SafeHtml {
  const booking = workflow?.booking;
  if (!booking) return html``;
  return html`<p class="booking">
    ${booking.linkSentAt ? html`${pill('booking link sent', '')} ` : ''}
    ${booking.startsAt ? html`Consultation booked for <strong>${dateTime(booking.startsAt, zone)}</strong>` : ''}
  </p>`;
}

function historyHtml(workflow: WorkflowRecord | undefined, zone: string): SafeHtml {
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

function transcriptHtml(transcript: TranscriptLine[] | 'unavailable', zone: string): SafeHtml {
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
  const assignForm = html`<form
    class="stack"
    method="post"
    action="/staff/leads/${encodeURIComponent(lead.id)}/assign"
  >
    ${csrfField(viewer)}
    <label
      >Owner
      <select name="owner">
        <option value="">Nobody</option>
        ${[...new Set([...options.staff, ...(workflow?.owner ? [workflow.owner] : [])])].map(
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
    <p>
      ${statusPill(status)} ${lead.role} · received ${dateTime(lead.createdAt, viewer.timeZone)} ·
      ${lead.locale}
    </p>
    ${options.duplicates.length > 0 ? html`<p class="notice">${duplicatesHtml(options.duplicates)}: same email or phone.</p>` : ''}
    <div class="grid">
      <section class="card" aria-labelledby="h-contact">
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
      </section>
      <section class="card" aria-labelledby="h-status">
        <h2 id="h-status">Workflow</h2>
        ${bookingHtml(workflow, viewer.timeZone)} ${statusForm} ${assignForm}
      </section>
    </div>
    <section class="card" aria-labelledby="h-summary">
      <h2 id="h-summary">Summary</h2>
      <pre class="summary">${lead.summary.text}</pre>
    </section>
    ${screeningHtml(lead)}
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
  bySource: Datum[];
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
        <section class="card">${barChart('by-source', 'Leads by source', data.bySource)}</section>
      </div>`,
  );
}

// ---------- handoffs and deletions ----------

export interface HandoffListItem {
  doc: HandoffDocument;
  latest: HandoffRequest;
  leadReference?: string;
  /** The submitted lead's contact, when there is one: it wins over what the request knew. */
  leadContact?: { name: string; email: string; phone?: string };
}

export function handoffsPage(
  viewer: Viewer,
  items: HandoffListItem[],
  flow: Flow,
  flash?: { notice?: string; error?: string },
): string {
  const rows = items.map(({ doc, latest, leadReference, leadContact }) => {
    const name = leadContact?.name || latest.contact.name;
    const email = leadContact?.email || latest.contact.email;
    const phone = leadContact?.phone ?? latest.contact.phone;
    return html`<tr>
      <td>${dateTime(latest.requestedAt, viewer.timeZone)}</td>
      <td>
        ${leadReference ? html`<a href="/staff/leads/${encodeURIComponent(doc.intakeId)}">${leadReference}</a>` : pill('intake not finished', 'warn')}
      </td>
      <td>${name ?? html`<span class="muted">no name given</span>`}</td>
      <td>
        ${email ?? html`<span class="muted">no email given</span>`}${phone ? html`<br />${phoneHtml(phone)}` : ''}
      </td>
      <td>${latest.role ?? ''}</td>
      <td>
        ${positionText(latest.position, latest.answeredCount, flow)}${doc.requests.length > 1 ? html`<br /><span class="muted">asked ${plural(doc.requests.length, 'time')}</span>` : ''}
      </td>
      <td>${latest.locale}</td>
      <td>
        ${
          doc.handled
            ? html`${pill('handled', 'good')}<br /><span class="muted"
                  >${doc.handled.by}, ${dateTime(doc.handled.at, viewer.timeZone)}</span
                >`
            : html`<form method="post" action="/staff/handoffs/${encodeURIComponent(doc.intakeId)}/handled">
                ${csrfField(viewer)}<button class="secondary" type="submit">Mark handled</button>
              </form>`
        }
      </td>
    </tr>`;
  });
  return page(
    viewer,
    'handoffs',
    'Handoff requests',
    html`<h1>Handoff requests</h1>
      <p>
        Prospects who typed “talk to a person”: those not handled yet first, then the newest. Those who had
        not finished the intake may have left no contact details: they were told how to reach the firm.
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
                  <th scope="col">Handled</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      }`,
    flash,
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
                      <td>${dateTime(e.at, viewer.timeZone)}</td>
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
