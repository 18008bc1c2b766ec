import { html, type SafeHtml } from '../html';

/**
 * Server-rendered SVG charts: no script, no library, nothing for the CSP to allow. Each chart has
 * an SVG title and description, and its numbers in a table, for screen readers and for copying.
 */

export interface Datum {
  label: string;
  value: number;
}

const PALETTE = ['#0b5cad', '#2f8f5b', '#b8651b', '#7b4fa3', '#a3303f', '#3f7f8f', '#6b6b2f', '#5b6470'];

function dataTable(caption: string, data: Datum[], valueHeading: string): SafeHtml {
  return html`<details>
    <summary>Show the numbers</summary>
    <table>
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${caption}</th>
          <th scope="col">${valueHeading}</th>
        </tr>
      </thead>
      <tbody>
        ${data.map(
          (d) =>
            html`<tr>
              <td>${d.label}</td>
              <td>${d.value}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

function describe(data: Datum[]): string {
  if (data.length === 0) return 'No data.';
  return data.map((d) => `${d.label}: ${d.value}`).join('; ');
}

/** One horizontal bar per category, with its value at the end. */
export function barChart(id: string, title: string, data: Datum[], valueHeading = 'Leads'): SafeHtml {
  const labelWidth = 190;
  const barArea = 330;
  const rowHeight = 26;
  const height = Math.max(1, data.length) * rowHeight + 8;
  const max = Math.max(1, ...data.map((d) => d.value));
  const bars = data.map((d, i) => {
    const y = 4 + i * rowHeight;
    const width = d.value === 0 ? 0 : Math.max(2, Math.round((d.value / max) * barArea));
    return html`<g>
      <text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" font-size="13" fill="#1b1f24"
        >${d.label}</text
      >
      <rect
        x="${labelWidth}"
        y="${y + 3}"
        width="${width}"
        height="${rowHeight - 8}"
        rx="2"
        fill="${PALETTE[i % PALETTE.length]!}"
      ></rect>
      <text x="${labelWidth + width + 6}" y="${y + 16}" font-size="13" fill="#1b1f24">${d.value}</text>
    </g>`;
  });
  const body =
    data.length === 0 ? html`<text x="8" y="20" font-size="13" fill="#5b6470">No leads yet.</text>` : bars;
  return chartFigure({ id, title, data, valueHeading, width: labelWidth + barArea + 50, height }, body);
}

/** Vertical columns over time (e.g. leads per week), labelled under each column. */
export function columnChart(id: string, title: string, data: Datum[], valueHeading = 'Leads'): SafeHtml {
  const columnWidth = 44;
  const plotHeight = 150;
  const top = 18;
  const width = Math.max(1, data.length) * columnWidth + 20;
  const height = top + plotHeight + 34;
  const max = Math.max(1, ...data.map((d) => d.value));
  const columns = data.map((d, i) => {
    const x = 10 + i * columnWidth;
    const h = d.value === 0 ? 0 : Math.max(2, Math.round((d.value / max) * plotHeight));
    const y = top + plotHeight - h;
    return html`<g>
      <rect x="${x + 6}" y="${y}" width="${columnWidth - 12}" height="${h}" rx="2" fill="#0b5cad"></rect>
      <text x="${x + columnWidth / 2}" y="${y - 4}" text-anchor="middle" font-size="12" fill="#1b1f24"
        >${d.value}</text
      >
      <text
        x="${x + columnWidth / 2}"
        y="${top + plotHeight + 16}"
        text-anchor="middle"
        font-size="11"
        fill="#5b6470"
        >${d.label}</text
      >
    </g>`;
  });
  return chartFigure(
    { id, title, data, valueHeading, width, height },
    html`<line
        x1="8"
        y1="${top + plotHeight}"
        x2="${width - 8}"
        y2="${top + plotHeight}"
        stroke="#d8dde3"
      ></line>
      ${columns}`,
  );
}

/** An accessible SVG chart: titled and described for screen readers, with its data as a table. */
function chartFigure(
  chart: { id: string; title: string; data: Datum[]; valueHeading: string; width: number; height: number },
  body: SafeHtml | SafeHtml[],
): SafeHtml {
  const { id, title, data, valueHeading, width, height } = chart;
  return html`<figure class="chart">
    <figcaption id="${id}-caption">${title}</figcaption>
    <svg
      viewBox="0 0 ${width} ${height}"
      width="${width}"
      height="${height}"
      role="img"
      aria-labelledby="${id}-title ${id}-desc"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="${id}-title">${title}</title>
      <desc id="${id}-desc">${describe(data)}</desc>
      ${body}
    </svg>
    ${dataTable(title, data, valueHeading)}
  </figure>`;
}
