import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { webBuildDir, webSourceDir } from '../../../src/channel/website';
import { answerFor, answerUntilReview, Chat } from '../../../tools/support/chat';
import { startSite } from '../../channel/support';

export { answerFor, answerUntilReview, Chat };

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

/** A 360×740 phone with touch, in English: the prospect the issues describe. */
export const phone: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  locale: 'en-CA',
};

/** Opens the chat as a prospect does (the page, then a tap on the launcher) and waits for the consent question. */
export async function openChat(page: Page, siteUrl: string): Promise<Chat> {
  await page.goto(`${siteUrl}/`);
  await page.locator('#chat-launcher').tap();
  const chat = new Chat(page);
  await chat.waitForStep('consent');
  return chat;
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
