import type { LeadFilter } from '../filters';
import { queryOf } from '../filters';
import { html, type SafeHtml } from '../../html';
import type { LeadPage, LeadRow } from '../../ports/lead-list';
import { isDue, naturalDirection, type SortKey } from '../../ports/lead-order';
import { workflowStatuses } from '../../ports/workflow';
import { sourceCategories, sourceCategoryLabels } from '../../screening/source';
import { shortDay, whyPhrases } from '../triage';
import { statusLabels } from '../workflow';
import { page, type Viewer } from './layout';
import { dateTime, duplicatesHtml, phoneHtml, priorityPill, statusPill, urgencyPill } from './parts';

/** The lead list: views, status tabs, filters, the table (sortable columns) and the pager. */

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

/** A filter's drop-down: "Any" and the choices. */
function select(name: string, label: string, current: string | undefined, choices: [string, string][]) {
  return html`<label
    >${label}
    <select name="${name}">
      <option value="">Any</option>
      ${choices.map(([value, title]) => html`<option value="${value}" ${value === current ? html`selected` : ''}>${title}</option>`)}
    </select></label
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
  return page(
    viewer,
    'leads',
    'Leads',
    html`<h1>Leads</h1>
      ${viewTabs(filter, viewer)}${statusTabs(filter, result)}${filtersForm(filter, options.streamCodes)}${exportLinks(filter, result)}${leadTable(options, viewer)}${pager(filter, result)}`,
    options.flash,
  );
}

/** Everyone's leads, mine, the follow-ups due. */
function viewTabs(filter: LeadFilter, viewer: Viewer) {
  return html`<ul class="tabs" aria-label="Views">
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
}

/** A tab per status, with its count under the other filters. */
function statusTabs(filter: LeadFilter, result: LeadPage) {
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  return html`<ul class="tabs" aria-label="Leads by status">
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
}

/** The search box and the filters (the view, status and order carried along). */
function filtersForm(filter: LeadFilter, streamCodes: string[]) {
  return html`<form class="filters" method="get" action="/staff/leads" role="search">
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
      streamCodes.map((code) => [code, code]),
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
}

/** How many leads match, and the exports of them. */
function exportLinks(filter: LeadFilter, result: LeadPage) {
  return html`<p class="actions">
    <span>${result.total} lead${result.total === 1 ? '' : 's'}</span>
    <a href="/staff/export.csv${queryOf(filter)}" download>Export CSV</a>
    <a href="/staff/export.json${queryOf(filter)}" download>Export JSON</a>
  </p>`;
}

/** The table of this page's rows, or a line saying none matches. */
function leadTable(options: ListOptions, viewer: Viewer) {
  const { filter, result } = options;
  return result.rows.length === 0
    ? html`<p class="card">No lead matches these filters.</p>`
    : html`<table>
          <thead>
            <tr>
              ${sortHeader(filter, undefined, 'Reference')} ${sortHeader(filter, 'name', 'Prospect')}
              ${sortHeader(filter, 'action', 'Why (needs action first)')}
              ${sortHeader(filter, 'urgency', 'Urgency')} ${sortHeader(filter, 'priority', 'Priority')}
              ${sortHeader(filter, 'received', 'Received')} ${sortHeader(filter, undefined, 'Role, best fit')}
              ${sortHeader(filter, undefined, 'Source')} ${sortHeader(filter, undefined, 'Status')}
              ${sortHeader(filter, 'follow-up', 'Owner, follow-up')}
            </tr>
          </thead>
          <tbody>
            ${result.rows.map((row) => rowHtml(row, options, viewer))}
          </tbody>
        </table>
        <p class="muted">Times are in the firm's time zone (${viewer.timeZone}).</p>`;
}

/** Previous and next, when there is more than one page. */
function pager(filter: LeadFilter, result: LeadPage) {
  return result.pages > 1
    ? html`<nav class="pager" aria-label="Pages">
        ${result.page > 1 ? html`<a href="/staff/leads${queryOf(filter, { page: result.page - 1 })}" rel="prev">Previous</a>` : ''}
        <span>Page ${result.page} of ${result.pages}</span>
        ${result.page < result.pages ? html`<a href="/staff/leads${queryOf(filter, { page: result.page + 1 })}" rel="next">Next</a>` : ''}
      </nav>`
    : '';
}
