/** Server-rendered pages of the dashboard, one file per page. Every value goes through `html`, which escapes it. */
export { csrfField, errorPage, loginPage, page, type Viewer } from './layout';
export { deletionsPage } from './deletions';
export { handoffsPage, type HandoffListItem } from './handoffs';
export { leadDetailPage, type DetailOptions } from './lead-detail';
export { leadListPage, type ListOptions } from './lead-list';
export { positionText, type TranscriptLine } from './lead-sections';
export { overviewPage, type OverviewData } from './overview';
