import { html, type SafeHtml } from '../../html';
import type { Lead } from '../../screening/lead';
import { noExemptStreamText } from '../../screening/summary';
import { streamShortTitle } from '../../screening/streams/rule';
import { pill, priorityPill, tableHtml, urgencyPill } from './parts';

/** What the screening concluded, on a lead's page: priority and urgency, admissibility, streams, PR pathways. */

type Screening = Lead['screening'];

export function screeningHtml(lead: Lead): SafeHtml {
  const { streams, admissibility, pathways, urgency, priority, noExemptStreamEvident, rulesVersion } =
    lead.screening;
  return html`<div class="grid">${priorityCard(priority, urgency)} ${admissibilityCard(admissibility)}</div>
    ${streamsCard(streams, noExemptStreamEvident ? noExemptStreamText(lead) : undefined)}
    ${pathwaysCard(pathways, rulesVersion)}`;
}

function priorityCard(priority: Screening['priority'], urgency: Screening['urgency']): SafeHtml {
  return html`<section class="card" aria-labelledby="h-priority">
    <h2 id="h-priority">Priority ${priorityPill(priority.level)} · Urgency ${urgencyPill(urgency.level)}</h2>
    ${listHtml(priority.reasons)}
    ${urgency.deadline || urgency.reason ? html`<p><strong>Urgency:</strong> ${urgency.deadline ? `deadline ${urgency.deadline}` : ''}${urgency.deadline && urgency.reason ? ' — ' : ''}${urgency.reason ?? ''}</p>` : ''}
  </section>`;
}

function admissibilityCard(admissibility: Screening['admissibility']): SafeHtml {
  return html`<section class="card" aria-labelledby="h-flags">
    <h2 id="h-flags">Admissibility</h2>
    ${
      admissibility.flags.length === 0
        ? html`<p>No flag raised by the screeners.</p>`
        : html`<p>${admissibility.needsLawyerReview ? pill('lawyer review needed', 'bad') : ''}</p>
            <ul>
              ${admissibility.flags.map((flag) => html`<li><strong>${flag.ground}</strong>${flag.serious ? ' (serious)' : ''}: ${flag.note}</li>`)}
            </ul>`
    }
  </section>`;
}

/** Plain text items as a bulleted list: a reason, a missing fact, a priority's grounds. */
function listHtml(items: string[]): SafeHtml {
  return html`<ul>
    ${items.map((item) => html`<li>${item}</li>`)}
  </ul>`;
}

/** The code in bold and the name; a stream whose code is not confirmed shows its name in bold instead (§10). */
function streamCell(stream: Screening['streams'][number]): SafeHtml {
  const title = streamShortTitle(stream);
  return title === stream.code
    ? html`<strong>${stream.code}</strong> ${stream.name}`
    : html`<strong>${title}</strong>`;
}

/** Every stream assessed, with why and what is missing (a table). */
function streamsCard(streams: Screening['streams'], noExemptStream: string | undefined): SafeHtml {
  return html`<section class="card" aria-labelledby="h-streams">
    <h2 id="h-streams">Streams</h2>
    ${noExemptStream === undefined ? '' : html`<p class="error">${noExemptStream}</p>`}
    ${
      streams.length === 0
        ? html`<p class="muted">No stream assessed.</p>`
        : tableHtml(
            ['Stream', 'Fit', 'Why', 'Missing or to check', 'Reference'],
            streams.map(
              (s) =>
                html`<tr>
                  <td>${streamCell(s)}</td>
                  <td>${pill(s.fit, s.fit === 'likely' ? 'good' : s.fit === 'possible' ? 'warn' : '')}</td>
                  <td>${listHtml(s.reasons)}</td>
                  <td>${listHtml(s.missing)}</td>
                  <td>${s.ref}</td>
                </tr>`,
            ),
          )
    }
  </section>`;
}

/** Every PR pathway assessed (a table). */
function pathwaysCard(pathways: Screening['pathways'], rulesVersion: string): SafeHtml {
  return html`<section class="card" aria-labelledby="h-pathways">
    <h2 id="h-pathways">PR pathways</h2>
    ${
      pathways.length === 0
        ? html`<p class="muted">None assessed.</p>`
        : tableHtml(
            ['Program', 'Fit', 'Why', 'Missing'],
            pathways.map(
              (p) =>
                html`<tr>
                  <td>${p.program}${p.stream ? ` ${p.stream}` : ''}</td>
                  <td>${p.fit}</td>
                  <td>${listHtml(p.reasons)}</td>
                  <td>${listHtml(p.missing)}</td>
                </tr>`,
            ),
          )
    }
    <p class="muted">
      Rules ${rulesVersion}. Automated first triage, not legal advice: a lawyer confirms every point.
    </p>
  </section>`;
}
