import { html } from '../../html';
import type { DeletionEntry } from '../../ports/deletions';
import { page, type Viewer } from './layout';
import { dateTime, tableHtml } from './parts';

/** The deletion log: ids and reasons only. */

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
          : tableHtml(
              ['When', 'Reference', 'Lead id', 'Reason', 'By'],
              entries.map(
                (e) =>
                  html`<tr>
                    <td>${dateTime(e.at, viewer.timeZone)}</td>
                    <td>${e.reference ?? ''}</td>
                    <td>${e.leadId ?? ''}</td>
                    <td>${e.reason}</td>
                    <td>${e.by}</td>
                  </tr>`,
              ),
            )
      }`,
  );
}
