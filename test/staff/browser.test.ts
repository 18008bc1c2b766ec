import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startServer } from '../../src/server';
import { employer, intraCompanyWorker } from '../support/answers';
import { tempConfig } from '../support/temp-data';
import { addStaff, STAFF_EMAIL, STAFF_PASSWORD, submitIntake, type Running } from './support';
import { xssPayloads } from './xss';

const chromiumPath = '/usr/bin/chromium';

describe('the dashboard in a real browser', () => {
  const config = tempConfig();
  let server: Running;
  let browser: Browser;
  let priyaReference: string;

  beforeAll(async () => {
    if (!fs.existsSync(chromiumPath)) {
      throw new Error(`This test needs Debian's chromium at ${chromiumPath} (.ci/run installs it).`);
    }
    server = await startServer(config);
    priyaReference = await submitIntake(server, 'b-1', {
      ...intraCompanyWorker,
      offerJobTitle: xssPayloads[1]!,
    });
    await submitIntake(server, 'b-2', { ...employer, contactName: xssPayloads[0]! });
    await addStaff(config.DATA_DIR);
    browser = await chromium.launch({
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
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    config.cleanup();
  });

  it('signs in, finds a lead, changes its status and exports the list', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });

    await page.goto(`${server.url}/staff`);
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();

    await page.getByLabel('Email').fill(STAFF_EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();

    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Leads' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(2);

    await page.getByLabel('Name, email or reference').fill('priya');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=priya/);
    expect(await page.locator('tbody tr').count()).toBe(1);

    await page.getByRole('link', { name: priyaReference }).click();
    await page.getByRole('heading', { name: `${priyaReference} — Priya Raman` }).waitFor();
    await page.getByLabel('Status').selectOption({ label: 'Contacted' });
    await page.getByLabel('Note (optional)').fill('Left a voicemail, will call back Monday');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByText('Status: New → Contacted').waitFor();
    await page.getByText('Left a voicemail, will call back Monday').waitFor();

    await page.getByRole('link', { name: '← All leads' }).click();
    await page.getByRole('link', { name: 'Contacted (1)' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^imp-leads-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(priyaReference);
    expect(csv).toMatch(new RegExp(`${priyaReference},[^,]+,Contacted,worker,Priya Raman`));

    // the lead whose answers are markup, viewed in full, runs nothing
    await page.goto(`${server.url}/staff/leads?role=employer`);
    await page.locator('tbody a').first().click();
    await page.getByRole('heading', { name: /<script>alert\(1\)<\/script>/ }).waitFor();
    await page.goto(`${server.url}/staff/overview`);
    await page.getByRole('img', { name: /Leads by role/ }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await page.goto(`${server.url}/staff/leads`);
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();

    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
