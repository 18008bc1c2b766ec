import { intraCompanyWorker } from '../support/answers';
import { flows } from '../support/talk';
import { answerUntilReview, Chat, newPage, withBrowserAndSite, referenceIn } from './support/browser';

describe('the website chat in a real browser (English)', () => {
  const world = withBrowserAndSite();

  it('completes a worker intake with buttons and typed answers, surviving a reload half-way', async () => {
    const page = await newPage(world.browser, { locale: 'en-CA' });
    const en = flows()['en-CA'];
    // Arrived from a search result on a tagged link: the lead says so without asking.
    await page.goto(`${world.site.url}/?utm_source=newsletter&utm_medium=email&utm_campaign=spring-2026`, {
      referer: 'https://www.google.com/',
    });
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const chat = new Chat(page);
    await chat.waitForStep('consent');
    expect(await chat.lastBotText()).toMatch(/general information, not legal advice/);
    await expect(page.locator('#chat-resume').innerText()).resolves.toMatch(
      /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/,
    );

    let reloaded = false;
    await answerUntilReview(chat, intraCompanyWorker, en, async (step, asked) => {
      if (asked === 1) {
        // The typing indicator is not up between turns, and the header shows the progress.
        await expect(chat.progress.innerText()).resolves.toBe('');
      }
      if (step === 'educationLevel')
        await expect(chat.progress.innerText()).resolves.toMatch(/^Part 4 of \d: Education and experience$/);
      if (asked === 20 && !reloaded) {
        reloaded = true;
        const question = await chat.lastBotText();
        await page.reload();
        await chat.waitForStep(step);
        expect(await chat.lastBotText()).toBe(question);
        // The history came back with it.
        await expect(page.locator('#webchat').innerText()).resolves.toContain('Northshore Analytics Ltd.');
      }
    });
    expect(reloaded).toBe(true);

    // The review is an Adaptive Card listing the answers; its buttons drive the conversation.
    const card = chat.card();
    await expect(card.innerText()).resolves.toContain('Priya Raman');
    await card.getByRole('button', { name: en.buttons.change }).click();
    const option = card.locator('select option', { hasText: en.steps.contactName.label });
    await card.locator('select').selectOption((await option.getAttribute('value'))!);
    await card.getByRole('button', { name: en.buttons.change }).last().click();
    await chat.waitForStep('contactName');
    await chat.type('Priya R. Raman');
    await chat.waitForStep('review');
    await chat.card().getByRole('button', { name: en.buttons.confirm }).click();
    await chat.waitForStep('submitted');

    const reference = referenceIn(await chat.lastBotText());
    expect(reference).toBeDefined();
    const lead = (await world.site.server.leads.all()).find((l) => l.reference === reference);
    expect(lead).toMatchObject({ locale: 'en-CA' });
    expect(lead?.source).toEqual({
      channel: 'directline',
      website: {
        referrerHost: 'www.google.com',
        utm: { source: 'newsletter', medium: 'email', campaign: 'spring-2026' },
        landingPath: '/',
      },
      category: 'campaign',
    });
    expect(JSON.stringify(lead)).toContain('Priya R. Raman');

    // A reload after submitting shows the finished conversation and keeps the reference in view.
    await expect(page.locator('#chat-resume').innerText()).resolves.toContain(reference!);
    await page.reload();
    await chat.waitForStep('submitted');
    await expect(page.locator('#chat-resume').innerText()).resolves.toContain(reference!);
    await page.context().close();
  }, 120_000);
});
