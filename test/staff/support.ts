import type { Answers } from '../../src/intake/steps';
import type { startServer } from '../../src/server';
import { StaffDirectory } from '../../src/staff/accounts';
import { openFileStorage } from '../../src/storage/file';
import { ask } from '../support/http-bot';
import { flows, typedAnswer } from '../support/talk';

export type Running = Awaited<ReturnType<typeof startServer>>;

export const STAFF_EMAIL = 'partner@firm.example';
export const STAFF_PASSWORD = 'correct horse battery staple';

/** A staff account, hashed with few bcrypt rounds so tests stay fast. */
export async function addStaff(dataDir: string, email = STAFF_EMAIL, password = STAFF_PASSWORD) {
  await new StaffDirectory(openFileStorage(dataDir).staffDirectory, { bcryptRounds: 4 }).setPassword(
    email,
    password,
  );
}

/** Drives a whole intake over HTTP, the way a prospect would; returns the reference announced. */
export async function submitIntake(
  server: Running,
  conversationId: string,
  answers: Answers,
  options: { handoffAtReview?: boolean } = {},
): Promise<string> {
  const en = flows()['en-CA'];
  await ask(server.url, conversationId, 'hello');
  await ask(server.url, conversationId, 'yes');
  await ask(server.url, conversationId, en.steps.role.choices![answers.role as string]!);
  for (const step of server.engine.reviewSteps(answers)) {
    await ask(server.url, conversationId, typedAnswer(step, answers[step as keyof Answers], en));
  }
  if (options.handoffAtReview) await ask(server.url, conversationId, 'talk to a person');
  const done = await ask(server.url, conversationId, 'confirm');
  const reference = /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(done.map((a) => a.text ?? '').join('\n'))?.[0];
  if (!reference) throw new Error(`no reference announced: ${done.map((a) => a.text).join(' | ')}`);
  return reference;
}

/** A cookie jar for one staff member's browser-less session. */
export class StaffClient {
  private cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** The hidden CSRF token of the last page read. */
  static csrfOf(html: string): string {
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error('no CSRF token on the page');
    return token;
  }

  async login(email = STAFF_EMAIL, password = STAFF_PASSWORD): Promise<Response> {
    const form = await this.get('/staff/login');
    const token = StaffClient.csrfOf(await form.text());
    return this.post('/staff/login', { _csrf: token, email, password });
  }

  /** Reads a page and returns its CSRF token, for a form post that follows. */
  async csrf(path = '/staff/leads'): Promise<string> {
    return StaffClient.csrfOf(await (await this.get(path)).text());
  }
}
