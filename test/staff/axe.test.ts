import type { Browser } from 'playwright-core';
import { startServer } from '../../src/server';
import { employer, intraCompanyWorker } from '../support/answers';
import { tempConfig } from '../support/temp-data';
import { seriousViolations } from '../web/support/axe';
import { launchBrowser, newPage } from '../web/support/browser';
import { addStaff, STAFF_EMAIL, STAFF_PASSWORD, submitIntake, type Running } from './support';

describe('the dashboard for every staff member (axe-core)', () => {
  const config = tempConfig();
  let server: Running;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer(config);
    await submitIntake(server, 'axe-1', intraCompanyWorker);
    await submitIntake(server, 'axe-2', employer, { handoffAtReview: true });
    await addStaff(config.DATA_DIR);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    config.cleanup();
  });

  it('has no serious or critical violation on any page', async () => {
    // bypassCSP: the dashboard's policy (rightly) refuses the injected axe-core script.
    const page = await newPage(browser, { bypassCSP: true });
    await page.goto(`${server.url}/staff/login`);
    const found: Record<string, string[]> = { login: await seriousViolations(page) };
    await page.getByLabel('Email').fill(STAFF_EMAIL);
    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/staff/leads');
    const leadId = (await server.leads.all())[0]!.id;
    for (const path of [
      '/staff/leads',
      '/staff/leads?sort=received&dir=asc',
      `/staff/leads/${leadId}`,
      '/staff/overview',
      '/staff/handoffs',
      '/staff/deletions',
    ]) {
      await page.goto(`${server.url}${path}`);
      found[path] = await seriousViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
    await page.context().close();
  }, 120_000);
});
