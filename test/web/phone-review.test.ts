import type { Locator, Page } from 'playwright-core';
import { employer, intraCompanyWorker } from '../support/answers';
import { flows } from '../support/talk';
import {
  answerUntilReview,
  newPage,
  openChat,
  phone,
  referenceIn,
  withBrowserAndSite,
} from './support/browser';

/** True when the middle of `target` is `target` or inside it: nothing covers it. */
const uncovered = (target: Locator) =>
  target.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    if (y < 0 || y > window.innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === element || element.contains(hit));
  });

/** The words of `root`'s text that the layout broke across two lines (after a hyphen is a fair break). */
const brokenWords = (root: Locator) =>
  root.evaluate((element) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of (node.textContent ?? '').matchAll(/[^\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });

async function toReview(page: Page, url: string) {
  const chat = await openChat(page, url);
  await answerUntilReview(chat, { consent: true, role: 'employer', ...employer } as never, flows()['en-CA']);
  return chat;
}

describe('the review and the end of the intake on a 360×740 phone', () => {
  const world = withBrowserAndSite();

  it('shows the review as a summary by section, with one Confirm and one Change and no word broken', async () => {
    const en = flows()['en-CA'];
    const page = await newPage(world.browser, phone);
    const chat = await toReview(page, world.site.url);
    const card = chat.card();
    await card.waitFor();
    for (const section of [
      en.sections.company,
      en.sections.position,
      en.sections.worker,
      en.sections.contact,
    ])
      await expect(card.innerText()).resolves.toContain(section);
    // On screen: the transcript and the suggested actions (not Web Chat's screen-reader copy).
    const onScreen = page.locator(
      '#webchat :is(.webchat__basic-transcript__transcript, .webchat__suggested-actions) button:visible',
    );
    const titles = await onScreen.allInnerTexts();
    expect(titles.filter((t) => t.trim() === en.buttons.confirm)).toHaveLength(1);
    expect(titles.filter((t) => t.trim() === en.buttons.change)).toHaveLength(1);
    expect(await brokenWords(card)).toEqual([]);
    const height = (await card.boundingBox())!.height;
    console.log(`review card at 360×740: ${Math.round(height)} px, ${(height / 740).toFixed(2)} screens`);
    await page.context().close();
  }, 180_000);

  it("breaks no word of a worker's longer review, admissibility labels included", async () => {
    const en = flows()['en-CA'];
    const page = await newPage(world.browser, phone);
    const chat = await openChat(page, world.site.url);
    await answerUntilReview(chat, { consent: true, role: 'worker', ...intraCompanyWorker } as never, en);
    const card = chat.card();
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain(en.steps.immigrationHistory.label);
    expect(await brokenWords(card)).toEqual([]);
    const height = (await card.boundingBox())!.height;
    console.log(
      `worker review card at 360×740: ${Math.round(height)} px, ${(height / 740).toFixed(2)} screens`,
    );
    await page.context().close();
  }, 180_000);

  it('keeps the thank-you and the whole reference in view, and adds what is typed after to the lead', async () => {
    const en = flows()['en-CA'];
    const page = await newPage(world.browser, phone);
    const chat = await toReview(page, world.site.url);
    await chat.card().getByRole('button', { name: en.buttons.confirm }).tap();
    await chat.waitForStep('submitted');
    const reference = referenceIn(await chat.lastBotText())!;
    const line = page.locator('#chat-resume');
    await expect(line.innerText()).resolves.toContain('Thank you, your information has been sent.');
    const code = line.locator('.chat-panel__reference-code');
    await expect(code.innerText()).resolves.toBe(reference);
    expect(await brokenWords(line)).toEqual([]);
    await page.locator('#webchat .webchat__basic-transcript__scrollable').evaluate((e) => e.scrollTo(0, 1e6));
    expect(await uncovered(line)).toBe(true);

    await expect(chat.sendBox().getAttribute('placeholder')).resolves.toBe('Add a message for the firm');
    await chat.type('I forgot to mention my wife is a nurse');
    await page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('#webchat .webchat__bubble__content')].some((e) =>
          e.textContent?.includes(expected),
        ),
      'added this to your intake',
    );
    const lead = (await world.site.server.leads.all()).find((l) => l.reference === reference);
    // read as stored, whatever the Lead type of the code under test says
    expect((lead as { additions?: { text: string }[] } | undefined)?.additions?.map((a) => a.text)).toEqual([
      'I forgot to mention my wife is a nurse',
    ]);
    await page.context().close();
  }, 180_000);

  it("keeps the resume code's Continue clear of the chat button, wherever the page is scrolled", async () => {
    for (const locale of ['en-CA', 'fr-CA']) {
      const page = await newPage(world.browser, { ...phone, locale });
      await page.goto(`${world.site.url}/`);
      const resume = page.locator('form[data-resume-form]:visible button[type="submit"]');
      // Continue at the very bottom of the screen, where the chat button floats.
      await resume.evaluate((button) => {
        const box = button.getBoundingClientRect();
        window.scrollBy(0, box.bottom - window.innerHeight + 2);
      });
      expect({ locale, uncovered: await uncovered(resume) }).toEqual({ locale, uncovered: true });
      await resume.tap({ trial: true });
      await page.context().close();
    }
  }, 60_000);
});
