import { html, type SafeHtml } from '../../html';
import type { LeadRow } from '../../ports/lead-list';
import { displayPhone, formatInZone } from '../triage';
import { statusLabels } from '../workflow';

/** Small pieces several pages show: times, counts, phones, pills, "same person as". */

/** A time in the firm's zone, the zone named: "2026-11-27 14:05 PST". */
export const dateTime = (iso: string, timeZone: string) => formatInZone(iso, timeZone);

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** A phone number formatted, as a tel: link when it is a valid number. */
export function phoneHtml(phone: string | undefined): SafeHtml {
  if (!phone) return html`<span class="muted">not given</span>`;
  const shown = displayPhone(phone);
  return shown.href ? html`<a href="${shown.href}">${shown.text}</a>` : html`${shown.text}`;
}

/** A table with a header row of `columns` (column headers) and these rows (each a `<tr>`). */
export function tableHtml(columns: string[], rows: SafeHtml[] | SafeHtml): SafeHtml {
  return html`<table>
    <thead>
      <tr>
        ${columns.map((column) => html`<th scope="col">${column}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

export function pill(text: string, tone: string): SafeHtml {
  return html`<span class="pill ${tone}">${text}</span>`;
}

export const priorityPill = (level: string) => pill(level, level);
export const urgencyPill = (level: string) => pill(level, level);

export function statusPill(status: keyof typeof statusLabels): SafeHtml {
  const tone = status === 'retained' ? 'good' : status === 'new' ? 'warn' : '';
  return pill(statusLabels[status], tone);
}

/** The other leads from the same person (same email or phone), as links. */
export function duplicatesHtml(
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
