import path from 'node:path';
import type { Page } from 'playwright-core';
import { employer } from '../support/answers';
import { flows } from '../support/talk';
import { seriousViolations } from './support/axe';
import { answerFor, Chat, newPage, withBrowserAndSite, referenceIn } from './support/browser';
import type { StepId } from '../../src/intake/steps';

/** Presses Tab (or Shift+Tab) until `matches` is true of the focused element. */
async function tabTo(page: Page, matches: string, backwards = false, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    const found = await page.evaluate((expression) => {
      const element = document.activeElement as HTMLElement | null;
      return element ? (new Function('element', `return ${expression}`)(element) as boolean) : false;
    }, matches);
    if (found) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${matches} with the keyboard`);
}

async function arrowTo(page: Page, matches: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const found = await page.evaluate(
      (expression) => new Function('element', `return ${expression}`)(document.activeElement) as boolean,
      matches,
    );
    if (found) return;
    await page.keyboard.press(i < 15 ? 'ArrowRight' : 'ArrowLeft');
  }
  throw new Error(`could not reach ${matches} with the arrow keys`);
}

const focusedButton = (name: string) =>
  `element.tagName === 'BUTTON' && element.innerText.trim() === ${JSON.stringify(name)}`;
const sendBoxFocused = `element.getAttribute('data-id') === 'webchat-sendbox-input'`;

describe('the website chat: French, keyboard, accessibility, phones, privacy', () => {
  const world = withBrowserAndSite();

  it('follows a French browser, and an employer completes the intake with the keyboard alone', async () => {
    const fr = flows()['fr-CA'];
    const page = await newPage(world.browser, { locale: 'fr-CA' });
    await page.goto(`${world.site.url}/`);
    await expect(page.locator('h1:visible').innerText()).resolves.toBe('Travailler au Canada sans EIMT');
    expect(await page.getAttribute('html', 'lang')).toBe('fr-CA');

    await tabTo(page, `element.id === 'chat-launcher'`);
    await page.keyboard.press('Enter');
    const chat = new Chat(page);
    await chat.waitForStep('consent');
    expect(await chat.lastBotText()).toMatch(/information générale, et non d’un avis juridique/);
    // Focus went to the send box: the prospect can answer right away.
    await tabTo(page, sendBoxFocused, false, 1);

    for (let step = (await chat.step())!; step !== 'review';) {
      const answer = answerFor(step, { consent: true, role: 'employer', ...employer }, fr);
      if (answer.button) {
        // Suggested actions are a toolbar: Tab reaches it, the arrow keys move between its buttons.
        await tabTo(page, `element.closest('.webchat__suggested-actions') !== null`, true);
        await arrowTo(page, focusedButton(answer.button));
        await page.keyboard.press('Enter');
      } else {
        await tabTo(page, sendBoxFocused);
        await page.keyboard.type(answer.text!);
        await page.keyboard.press('Enter');
      }
      step = await chat.waitForStepAfter(step, answer.button ?? answer.text!);
      if (step !== 'review') expect(fr.steps[step as StepId]).toBeDefined();
    }
    await expect(chat.progress.innerText()).resolves.toMatch(/^Partie 4 sur 4\s:\sVérification$/);
    // The review card holds the only Confirm: Tab reaches the transcript, Enter goes into the card.
    await tabTo(page, `element.classList.contains('webchat__basic-transcript')`, true);
    await page.keyboard.press('Enter');
    await tabTo(page, focusedButton(fr.buttons.confirm));
    await page.keyboard.press('Enter');
    await chat.waitForStep('submitted');
    const reference = referenceIn(await chat.lastBotText());
    const lead = (await world.site.server.leads.all()).find((l) => l.reference === reference);
    expect(lead).toMatchObject({ locale: 'fr-CA' });
    await page.context().close();
  }, 120_000);

  it('switches the page and the chat to French when the prospect types "français", keeping the answers', async () => {
    const page = await newPage(world.browser, { locale: 'en-CA' });
    await page.goto(`${world.site.url}/`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const chat = new Chat(page);
    await chat.waitForStep('consent');
    await chat.suggestedAction('Yes').click();
    await chat.waitForStep('role');
    await chat.type('français');
    await page.waitForFunction(() => document.documentElement.lang === 'fr-CA');
    await expect(page.locator('h1:visible').innerText()).resolves.toBe('Travailler au Canada sans EIMT');
    await expect(
      chat.suggestedAction(flows()['fr-CA'].steps.role.choices!.employer!).isVisible(),
    ).resolves.toBe(true);
    // And back with the page's own toggle.
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en-CA');
    await expect(chat.suggestedAction(flows()['en-CA'].steps.role.choices!.employer!)).toBeTruthy();
    await page
      .locator('#webchat .webchat__suggested-actions')
      .getByRole('button', { name: 'Employer', exact: false })
      .first()
      .waitFor();
    await page.context().close();
  }, 60_000);

  it('has no serious or critical axe violations, with the chat closed and open', async () => {
    // bypassCSP: the page's policy (rightly) refuses inline scripts such as the injected axe-core.
    const page = await newPage(world.browser, { locale: 'en-CA', bypassCSP: true });
    await page.goto(`${world.site.url}/`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const chat = new Chat(page);
    await chat.waitForStep('consent');
    await chat.suggestedAction('Yes').click();
    await chat.waitForStep('role');
    expect(await seriousViolations(page)).toEqual([]);
    // Controls have accessible names, and focus is visible.
    await expect(page.getByRole('button', { name: 'Close the chat' }).isVisible()).resolves.toBe(true);
    await tabTo(page, `element.id === 'chat-close'`, true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.context().close();
  }, 60_000);

  it('fits a 360 px phone without horizontal scrolling, chat open or closed', async () => {
    const page = await newPage(world.browser, {
      viewport: { width: 360, height: 740 },
      locale: 'en-CA',
      isMobile: true,
    });
    await page.goto(`${world.site.url}/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const chat = new Chat(page);
    await chat.waitForStep('consent');
    await chat.suggestedAction('Yes').click();
    await chat.waitForStep('role');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const panel = await page.locator('#chat-panel').boundingBox();
    expect(panel!.width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: path.join(world.site.config.DATA_DIR, 'phone.png') });
    await page.context().close();
  }, 60_000);

  it("does not let another browser read a prospect's conversation with its own token", async () => {
    const prospect = await newPage(world.browser, { locale: 'en-CA' });
    await prospect.goto(`${world.site.url}/`);
    await prospect.getByRole('button', { name: 'Chat with us' }).click();
    const chat = new Chat(prospect);
    await chat.waitForStep('consent');
    await chat.suggestedAction('Yes').click();
    await chat.waitForStep('role');
    const conversationId = await prospect.evaluate(
      () =>
        (JSON.parse(sessionStorage.getItem('imp-intake-chat')!) as { conversationId: string }).conversationId,
    );

    const other = await newPage(world.browser);
    await other.goto(`${world.site.url}/`);
    const attempt = await other.evaluate(async (target) => {
      const session = (await (
        await fetch('/api/webchat/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()) as { token: string };
      const read = await fetch(`/v3/directline/conversations/${target}/activities`, {
        headers: { authorization: `Bearer ${session.token}` },
      });
      const post = await fetch(`/v3/directline/conversations/${target}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'employer' }),
      });
      const anonymous = await fetch(`/v3/directline/conversations/${target}/activities`);
      return {
        read: read.status,
        readBody: await read.text(),
        post: post.status,
        anonymous: anonymous.status,
      };
    }, conversationId);
    expect(attempt).toMatchObject({ read: 403, post: 403, anonymous: 401 });
    expect(attempt.readBody).not.toContain('consent');
    expect(await chat.step()).toBe('role');
    await prospect.context().close();
    await other.context().close();
  }, 60_000);
});
