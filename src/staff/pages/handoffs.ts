import type { Flow } from '../../intake/flows';
import { html, type SafeHtml } from '../../html';
import type { HandoffDocument, HandoffRequest } from '../../ports/handoffs';
import { csrfField, page, type Viewer } from './layout';
import { positionText } from './lead-sections';
import { dateTime, phoneHtml, pill, plural, tableHtml } from './parts';

/** "Talk to a person" requests: those not handled yet first, then the newest. */

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
  const rows = items.map((item) => handoffRow(item, viewer, flow));
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
          : tableHtml(['Asked', 'Lead', 'Name', 'Contact', 'Role', 'Where', 'Language', 'Handled'], rows)
      }`,
    flash,
  );
}

function handoffRow(
  { doc, latest, leadReference, leadContact }: HandoffListItem,
  viewer: Viewer,
  flow: Flow,
): SafeHtml {
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
}
