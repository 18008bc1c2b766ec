import { html, type SafeHtml } from '../../html';

/** The frame of every dashboard page, the sign-in page and the error page. Every value goes through `html`, which escapes it. */

export interface Viewer {
  email: string;
  csrfToken: string;
  /** The firm's time zone (FIRM_TIME_ZONE): every time on the dashboard is shown in it. */
  timeZone: string;
}

export type Section = 'leads' | 'overview' | 'handoffs' | 'deletions';

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
