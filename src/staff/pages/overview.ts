import { html } from '../../html';
import { barChart, columnChart, type Datum } from '../charts';
import { page, type Viewer } from './layout';

/** The overview: leads per week, and by status, role, urgency, priority, stream and source. */

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
