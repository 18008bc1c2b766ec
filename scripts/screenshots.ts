import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { loadFlows } from '../src/intake/flows';
import type { Answers } from '../src/intake/steps';
import { projectRoot } from '../src/paths';
import { buildLead, type Lead } from '../src/screening/lead';
import { summarize } from '../src/screening/summary';
import { startServer } from '../src/server';
import { StaffDirectory } from '../src/staff/accounts';
import { openFileStorage } from '../src/storage/file';
import { employer, intraCompanyWorker, spouseOfWorker } from '../tools/support/answers';
import { tempConfig } from '../tools/support/temp-data';
import { answerFor, Chat } from '../tools/support/chat';
import { buildWeb } from './build-web';

/**
 * `npm run screenshots`: pictures of the product for the README, so a firm can see it before
 * installing it: the phone chat (360×740, English and French), the desktop chat, the lead list
 * and a lead's detail, into docs/screenshots/. Runs a server on a free port with a temporary data
 * folder and demo leads; needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */

const outDir = path.join(projectRoot, 'docs', 'screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EMAIL = 'paralegal@harbourside.example';
const PASSWORD = 'screenshots only, never used again';

function demoLeads(): Lead[] {
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const lead = (
    answers: Answers,
    id: string,
    createdAt: string,
    contact: Partial<Pick<Answers, 'contactName' | 'contactEmail' | 'contactPhone'>> = {},
    edit?: (lead: Lead) => void,
  ): Lead => {
    const built = buildLead({
      id,
      reference: `IMP-2026-DEMO-${id.toUpperCase().padStart(4, '0').slice(-4)}`,
      createdAt,
      locale: 'en-CA',
      answers: { ...answers, ...contact },
      handoffRequested: edit !== undefined,
    });
    if (!edit) return built;
    // The demo's urgent case: what the screening says of an expiring status and a conviction.
    edit(built);
    return { ...built, summary: summarize(built) };
  };
  const expiry = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const lena = { contactName: 'Lena Fischer', contactEmail: 'lena.f@example.com' };
  return [
    lead(intraCompanyWorker, 'a1', day(1)),
    lead(spouseOfWorker, 'a2', day(2)),
    lead(employer, 'a3', day(3)),
    lead(
      intraCompanyWorker,
      'a4',
      day(5),
      { contactName: 'Arjun Mehta', contactEmail: 'arjun.mehta@example.com', contactPhone: '+16045550142' },
      (l) => {
        l.screening.urgency = {
          level: 'urgent',
          deadline: expiry,
          reason: `status expires ${expiry} (in 40 days)`,
        };
        l.screening.admissibility.flags = [
          { ground: 'criminality', serious: true, note: 'IRPA A36(1) — to confirm' },
        ];
        l.screening.admissibility.needsLawyerReview = true;
      },
    ),
    lead(spouseOfWorker, 'a5', day(6), lena),
    lead(spouseOfWorker, 'a6', day(8), lena),
  ];
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(outDir, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

async function phoneChat(
  browser: Browser,
  url: string,
  locale: 'en-CA' | 'fr-CA',
  name: string,
  options: BrowserContextOptions,
) {
  const flows = loadFlows();
  const context = await browser.newContext({ locale, ...options });
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.locator('#chat-launcher').click();
  const chat = new Chat(page);
  await chat.waitForStep('consent');
  const answers = { consent: true, role: 'worker', ...intraCompanyWorker } as Answers;
  // A few questions in, up to the province list (a long list of choices).
  for (let step = (await chat.step())!, asked = 0; step !== 'offerProvince' && asked < 40; asked++) {
    const answer = answerFor(step, answers, flows[locale]);
    if (answer.button) await chat.suggestedAction(answer.button).click();
    else await chat.type(answer.text!);
    step = await chat.waitForStepAfter(step, answer.button ?? answer.text!);
  }
  await page.waitForTimeout(600); // the transcript's scroll animation settles (a picture, not a test)
  await shoot(page, name);
  await context.close();
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  await buildWeb(undefined, { quiet: true });
  const config = tempConfig({ DIRECT_LINE_MESSAGES_PER_MINUTE: '60000' });
  const storage = openFileStorage(config.DATA_DIR);
  for (const lead of demoLeads()) await storage.leads.create(lead.id, lead);
  await new StaffDirectory(storage.staffDirectory, { bcryptRounds: 4 }).setPassword(EMAIL, PASSWORD);
  const server = await startServer(config);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox'],
  });
  try {
    const phone = {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    };
    await phoneChat(browser, server.url, 'en-CA', 'phone-chat-en', phone);
    await phoneChat(browser, server.url, 'fr-CA', 'phone-chat-fr', phone);
    await phoneChat(browser, server.url, 'en-CA', 'desktop-chat', { viewport: { width: 1280, height: 800 } });

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/staff/login`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/staff/leads');
    await shoot(page, 'staff-lead-list');
    await page.goto(`${server.url}/staff/leads/a4`);
    await shoot(page, 'staff-lead-detail');
    await context.close();
  } finally {
    await browser.close();
    await server.close();
    config.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
