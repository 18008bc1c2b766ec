import { randomBytes } from 'node:crypto';
import { employer } from '../support/answers';
import { flows } from '../support/talk';
import { startClamd, type TestClamd } from '../support/clamd';
import { addStaff, STAFF_EMAIL, StaffClient } from '../staff/support';
import { pdfBytes } from '../documents/samples';
import type { Browser } from 'playwright-core';
import { startSite } from '../channel/support';
import { answerUntilReview, launchBrowser, newPage, openChat, phone, referenceIn } from './support/browser';

describe('a document attached on a phone (issue 25 acceptance)', () => {
  let clamd: TestClamd;
  const world = {} as { browser: Browser; site: Awaited<ReturnType<typeof startSite>> };
  beforeAll(async () => {
    clamd = await startClamd();
    world.browser = await launchBrowser();
    world.site = await startSite({
      DIRECT_LINE_MESSAGES_PER_MINUTE: '60000',
      DOCUMENTS_KEY: randomBytes(32).toString('base64'),
      CLAMD_SOCKET: clamd.socket,
    });
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.site?.stop();
    await clamd?.stop();
  });

  it("attaches a PDF through Web Chat's upload button; staff download the same bytes; the audit shows it", async () => {
    const en = flows()['en-CA'];
    const page = await newPage(world.browser, phone);
    const chat = await openChat(page, world.site.url);
    await answerUntilReview(chat, { consent: true, role: 'employer', ...employer } as never, en);
    await chat.card().getByRole('button', { name: en.buttons.confirm }).click();
    await chat.waitForStep('submitted');
    const reference = referenceIn(await chat.lastBotText())!;

    // Web Chat's upload button (a file input behind the paper-clip)
    const upload = page.locator('#webchat .webchat__upload-button');
    await expect(upload.isVisible()).resolves.toBe(true);
    await page
      .locator('#webchat input[type="file"]')
      .setInputFiles({ name: 'offer-letter.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
    // the file waits in the send box (Web Chat's default): the prospect says what it is and sends
    await chat.type('offer letter');
    await page
      .locator('#webchat .webchat__bubble__content')
      .filter({ hasText: /^Received: offer letter, PDF, 1 kB\./ })
      .waitFor({ timeout: 20_000 });
    await page.context().close();

    const lead = (await world.site.server.leads.all()).find((l) => l.reference === reference)!;
    await addStaff(world.site.config.DATA_DIR);
    const staff = new StaffClient(world.site.url);
    await staff.login();
    const leadPage = await (await staff.get(`/staff/leads/${lead.id}`)).text();
    const link = /href="(\/staff\/leads\/[^"]+\/documents\/[^"]+)"/.exec(leadPage)![1]!;
    const downloaded = await staff.get(link);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(pdfBytes)).toBe(true);
    const after = await (await staff.get(`/staff/leads/${lead.id}`)).text();
    expect(after).toMatch(new RegExp(`${STAFF_EMAIL.replace('.', '\\.')} ·\\s+downloaded document`));
  }, 180_000);
});
