import type { Locator, Page } from 'playwright-core';
import { employer } from '../support/answers';
import { flows } from '../support/talk';
import {
  answerFor,
  answerUntilReview,
  newPage,
  openChat,
  phone,
  referenceIn,
  withBrowserAndSite,
} from './support/browser';
import type { StepId } from '../../src/intake/steps';

/** True when the point at the middle of `box`'s given row is `target` or inside it (nothing covers it). */
async function uncovered(
  page: Page,
  target: Locator,
  where: 'center' | 'last-line' = 'center',
): Promise<boolean> {
  return target.evaluate((element, where) => {
    const box = element.getBoundingClientRect();
    const y = where === 'center' ? box.top + box.height / 2 : box.bottom - 8;
    const x = box.left + Math.min(box.width / 2, 40);
    if (y < 0 || y > window.innerHeight || x < 0 || x > window.innerWidth) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === element || element.contains(hit));
  }, where);
}

/** Waits (animation frame by animation frame, up to 5 s) for `target` to be uncovered; false if it never is. */
async function becomesUncovered(page: Page, target: Locator, where: 'center' | 'last-line' = 'center') {
  for (const started = Date.now(); Date.now() - started < 5000;) {
    if (await uncovered(page, target, where)) return true;
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  return false;
}

/** WCAG contrast ratio of an element's text against its background. */
async function contrastOf(target: Locator): Promise<number> {
  return target.evaluate((element) => {
    const rgb = (css: string) =>
      css
        .match(/[\d.]+/g)!
        .slice(0, 3)
        .map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r!, g!, b!].map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
    };
    let background = 'rgba(0, 0, 0, 0)';
    for (
      let e: Element | null = element;
      e && /rgba\(.*, 0\)$|transparent/.test(background);
      e = e.parentElement
    )
      background = getComputedStyle(e).backgroundColor;
    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(rgb(background))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

describe('the website chat on a phone', () => {
  const world = withBrowserAndSite();

  it('keeps the question, every choice of a long list and the send box reachable at 360×740 and 360×420', async () => {
    const en = flows()['en-CA'];
    const page = await newPage(world.browser, phone);
    const chat = await openChat(page, world.site.url);
    const answers = { consent: true, role: 'employer', ...employer } as Record<string, unknown>;
    let step = (await chat.step())!;
    while (
      (en.steps[step as StepId]?.choices ? Object.keys(en.steps[step as StepId].choices!).length : 0) <= 6
    ) {
      const answer = answerFor(step, answers as never, en);
      if (answer.button) await chat.suggestedAction(answer.button).click();
      else await chat.type(answer.text!);
      step = await chat.waitForStepAfter(step, answer.button ?? answer.text!);
      if (step === 'review') throw new Error('no question with a long list of choices on this path');
    }
    const choices = Object.values(en.steps[step as StepId].choices!);
    expect(choices.length).toBeGreaterThan(6);

    for (const height of [740, 420]) {
      await page.setViewportSize({ width: 360, height });
      const question = page
        .locator(
          '#webchat .webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content',
        )
        .last();
      await expect(question.innerText()).resolves.toContain(en.steps[step as StepId].prompt.slice(0, 20));
      // The question is on screen as the choices appear (at least its last line, uncovered).
      expect(await becomesUncovered(page, question, 'last-line')).toBe(true);
      // The send box is there and not covered.
      expect(await uncovered(page, chat.sendBox())).toBe(true);
      // Every choice can be scrolled to within the list and is then visible and uncovered.
      for (const title of choices) {
        const button = chat.suggestedAction(title);
        await button.scrollIntoViewIfNeeded();
        expect({ title, height, uncovered: await uncovered(page, button) }).toEqual({
          title,
          height,
          uncovered: true,
        });
      }
      // The list stays above the send box, and the header stays small.
      const list = await page.locator('#webchat .webchat__suggested-actions').boundingBox();
      const input = await chat.sendBox().boundingBox();
      expect(list!.y + list!.height).toBeLessThanOrEqual(input!.y + 1);
      const top = await page.locator('#chat-webchat, #webchat').boundingBox();
      expect(top!.y).toBeLessThanOrEqual(height === 420 ? 80 : 110);
    }
    await page.context().close();
  }, 120_000);

  it('is a modal dialog on a phone, the page behind inert; the reference stays in view after submitting', async () => {
    const en = flows()['en-CA'];
    const page = await newPage(world.browser, phone);
    const chat = await openChat(page, world.site.url);
    expect(await page.getAttribute('#chat-panel', 'aria-modal')).toBe('true');
    expect(await page.evaluate(() => (document.querySelector('main') as HTMLElement).inert)).toBe(true);

    await answerUntilReview(chat, { consent: true, role: 'employer', ...employer } as never, en);
    const confirm = chat.card().getByRole('button', { name: en.buttons.confirm });
    expect(await contrastOf(confirm)).toBeGreaterThanOrEqual(4.5);
    await confirm.click();
    await chat.waitForStep('submitted');
    const reference = referenceIn(await chat.lastBotText());
    expect(reference).toBeDefined();
    const line = page.locator('#chat-resume');
    await expect(line.innerText()).resolves.toContain(reference!);
    await expect(line.innerText()).resolves.not.toMatch(/resume code|continue later/i);
    // However long the transcript, the reference line stays on screen.
    await page.locator('#webchat .webchat__basic-transcript__scrollable').evaluate((e) => e.scrollTo(0, 0));
    expect(await becomesUncovered(page, line)).toBe(true);

    // Tab never leaves the chat for the hidden page.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() => document.getElementById('chat-panel')!.contains(document.activeElement)),
      ).toBe(true);
    }

    // Closed, the page is usable again.
    await page.locator('#chat-close').click();
    expect(await page.evaluate(() => (document.querySelector('main') as HTMLElement).inert)).toBe(false);
    expect(await page.getAttribute('#chat-panel', 'aria-modal')).toBeNull();
    await page.context().close();
  }, 180_000);

  it("shows a wrong resume code's error above the launcher on a phone", async () => {
    const page = await newPage(world.browser, phone);
    await page.goto(`${world.site.url}/`);
    await page.locator('#resume-code-en').fill('ABCD-EFGH-JKMN');
    await page.locator('#resume-code-en').press('Enter');
    const error = page.locator('[data-resume-error]:visible');
    await expect(error.innerText()).resolves.toMatch(/unknown or has expired/);
    await page.waitForFunction(() => {
      const e = [...document.querySelectorAll('[data-resume-error]')].find((x) => x.textContent)!;
      const box = e.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(await uncovered(page, error)).toBe(true);
    await page.context().close();
  }, 60_000);
});
