import { inputHints } from '../../web/input-hints';
import { flows } from '../support/talk';
import { Chat, newPage, phone, withBrowserAndSite } from './support/browser';

/**
 * Issue 22: the email and phone questions bring up the phone's email and number keyboards and
 * allow autofill, driven by the question's input kind in the bot's channelData.
 */

describe("the send box's keyboard and autofill, by question", () => {
  it.each([
    [
      { step: 'contactEmail', input: 'email' },
      { inputMode: 'email', autocomplete: 'email' },
    ],
    [
      { step: 'contactPhone', input: 'phone' },
      { inputMode: 'tel', autocomplete: 'tel' },
    ],
    [
      { step: 'contactName', input: 'text' },
      { inputMode: 'text', autocomplete: 'name' },
    ],
    [
      { step: 'contactRole', input: 'text' },
      { inputMode: 'text', autocomplete: 'organization-title' },
    ],
    [
      { step: 'criminalHistory', input: 'yesno' },
      { inputMode: 'text', autocomplete: 'off' },
    ],
  ])('%j: %j', (question, hints) => {
    expect(inputHints(question)).toEqual(hints);
  });
});

describe('the website send box on a phone (Chromium, 360×740)', () => {
  const world = withBrowserAndSite();

  it('offers name autofill at the name, the email keyboard at the email, and plain text after', async () => {
    const en = flows()['en-CA'];
    const page = await newPage(world.browser, phone);
    await page.goto(`${world.site.url}/`);
    await page.locator('#chat-launcher').tap();
    const chat = new Chat(page);
    /** Waits for the send box to carry the attribute (Web Chat renders it after the message). */
    const hasAttribute = (name: string, value: string) =>
      page.waitForFunction(
        ([n, v]) =>
          document.querySelector('#webchat [data-id="webchat-sendbox-input"]')?.getAttribute(n!) === v,
        [name, value],
        { timeout: 10_000 },
      );
    await chat.waitForStep('consent');
    await chat.suggestedAction(en.yesno.yes).click();
    await chat.waitForStep('role');
    await chat.suggestedAction(en.steps.role.choices!.worker!).click();
    await chat.waitForStep('citizenship');
    // asking for a person first asks how to reach them: the contact questions, on a phone
    await chat.type('talk to a person');
    await chat.waitForStep('contactName');
    await hasAttribute('autocomplete', 'name');
    await chat.type('Ana Morales');
    await chat.waitForStep('contactEmail');
    await hasAttribute('inputmode', 'email');
    await hasAttribute('autocomplete', 'email');
    await chat.type('ana.morales@example.com');
    await chat.waitForStep('citizenship');
    await hasAttribute('inputmode', 'text');
    await hasAttribute('autocomplete', 'off');
  });
});
