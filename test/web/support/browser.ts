import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { webBuildDir, webSourceDir } from '../../../src/channel/website';
import type { Flow } from '../../../src/intake/flows';
import type { Answers } from '../../../src/intake/steps';
import { answerFor, Chat } from '../../../tools/support/chat';
import { startSite } from '../../channel/support';

export { answerFor, Chat };

export const chromiumPath = '/usr/bin/chromium';

/** Debian's chromium, headless. Missing chromium fails the test: CI installs it (.ci/run). */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath))
    throw new Error(
      `Browser tests need Debian's chromium at ${chromiumPath}: run "apt-get install -y chromium" (.ci/run does).`,
    );
  assertBundleFresh();
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The page serves public/build: it must be built from the current web/ sources (npm test does it). */
function assertBundleFresh(): void {
  const bundle = path.join(webBuildDir, 'manifest.json');
  if (!fs.existsSync(bundle)) throw new Error('The web bundle is missing: run "npm run build:web" first.');
  const built = fs.statSync(bundle).mtimeMs;
  const stale = fs
    .readdirSync(webSourceDir)
    .filter((file) => fs.statSync(path.join(webSourceDir, file)).mtimeMs > built && file !== 'index.html');
  if (stale.length > 0)
    throw new Error(`The web bundle is older than web/${stale[0]}: run "npm run build:web" first.`);
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

/** Answers every question until the review, with buttons and typing; `pause` runs before each answer. */
export async function answerUntilReview(
  chat: Chat,
  answers: Answers,
  flow: Flow,
  pause?: (step: string, asked: number) => Promise<void>,
): Promise<string[]> {
  const asked: string[] = [];
  for (let step = (await chat.step())!; step !== 'review';) {
    if (!(step in answers)) throw new Error(`asked "${step}", which this prospect has no answer for`);
    await pause?.(step, asked.length);
    asked.push(step);
    const answer = answerFor(step, answers, flow);
    if (answer.button) await chat.suggestedAction(answer.button).click();
    else await chat.type(answer.text!);
    step = await chat.waitForStepAfter(step, answer.button ?? answer.text!);
    if (asked.length > 120) throw new Error('the intake does not end');
  }
  return asked;
}

export const referenceIn = (text: string) => /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(text)?.[0];

type Site = Awaited<ReturnType<typeof startSite>>;

/**
 * One Chromium and one website (a server on a free port, temp data) for a describe block, closed
 * after it. Returns a holder whose fields are set once `beforeAll` has run.
 */
export function withBrowserAndSite(
  overrides: Record<string, string> = { DIRECT_LINE_MESSAGES_PER_MINUTE: '60000' },
): { browser: Browser; site: Site } {
  const holder = {} as { browser: Browser; site: Site };
  beforeAll(async () => {
    holder.browser = await launchBrowser();
    holder.site = await startSite(overrides);
  });
  afterAll(async () => {
    await holder.browser?.close();
    await holder.site?.stop();
  });
  return holder;
}
