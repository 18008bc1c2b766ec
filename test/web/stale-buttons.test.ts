import type { WebSocketRoute } from 'playwright-core';
import { employer, intraCompanyWorker } from '../support/answers';
import { flows } from '../support/talk';
import {
  answerFor,
  answerUntilReview,
  newPage,
  openChat,
  phone,
  withBrowserAndSite,
} from './support/browser';

interface StreamActivity {
  type: string;
  from?: { role?: string };
  text?: string;
  suggestedActions?: { actions: { title: string }[] };
  channelData?: { intake?: { step?: string } };
}

describe('the website chat after a reload, on a phone', () => {
  const world = withBrowserAndSite();

  it('changes no answer when an old "Yes" is tapped while the history is rebuilt', async () => {
    const en = flows()['en-CA'];
    const page = await newPage(world.browser, phone);
    const chat = await openChat(page, world.site.url);
    for (let step = 'consent'; step !== 'criminalHistory';) {
      const answer = answerFor(step, intraCompanyWorker, en);
      if (answer.button) await chat.suggestedAction(answer.button).tap();
      else await chat.type(answer.text!);
      step = await chat.waitForStepAfter(step, answer.button ?? answer.text!);
    }
    const conversationId = await page.evaluate(
      () =>
        (JSON.parse(sessionStorage.getItem('imp-intake-chat')!) as { conversationId: string }).conversationId,
    );
    const answersNow = async () =>
      (
        (await world.site.server.intake.load(`directline/conversations/${conversationId}`))
          ?.snapshot as unknown as { context: { answers: Record<string, unknown> } }
      ).context.answers;
    const before = await answersNow();

    // The history comes back in two parts, as on a slow phone: first up to an earlier yes/no question.
    let releaseRest: () => void = () => undefined;
    let heldStep: string | undefined;
    await page.routeWebSocket(/\/stream/, (client: WebSocketRoute) => {
      const server = client.connectToServer();
      let first = true;
      server.onMessage((message) => {
        const set = JSON.parse(String(message)) as { activities?: StreamActivity[]; watermark?: string };
        if (!first || !set.activities) return client.send(message);
        first = false;
        const offersYes = (a: StreamActivity) =>
          a.from?.role !== 'user' &&
          a.channelData?.intake?.step !== 'criminalHistory' &&
          a.suggestedActions?.actions.some((action) => action.title === en.yesno.yes);
        const activities = set.activities;
        const split = activities.map(offersYes).lastIndexOf(true) + 1;
        heldStep = activities[split - 1]!.channelData!.intake!.step;
        client.send(JSON.stringify({ ...set, activities: activities.slice(0, split) }));
        releaseRest = () => client.send(JSON.stringify({ ...set, activities: activities.slice(split) }));
      });
    });
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#webchat .webchat__basic-transcript__activity'));
    expect(heldStep).toBeDefined();
    const heldPrompt = en.steps[heldStep as keyof typeof en.steps].prompt.slice(0, 30);
    await page.locator('#webchat').getByText(heldPrompt).last().waitFor();

    const headerDuringRebuild = await chat.step();
    // A prospect taps the old "Yes" if the page offers it.
    const oldYes = chat.suggestedAction(en.yesno.yes);
    const offered = (await oldYes.count()) > 0 && (await oldYes.isEnabled());
    if (offered) {
      const posted = page.waitForResponse(
        (r) => r.request().method() === 'POST' && /\/activities$/.test(r.url()),
      );
      await oldYes.tap();
      await posted;
    }
    releaseRest();
    await chat.waitForStep('criminalHistory');

    expect(await answersNow()).toEqual(before);
    expect((await answersNow()).criminalHistory).toBeUndefined();
    // The header did not go back to the earlier question, and its buttons were not offered.
    expect(headerDuringRebuild).not.toBe(heldStep);
    expect(offered).toBe(false);
    // The current question's buttons work.
    await chat.suggestedAction(en.yesno.no).tap();
    await chat.waitForStepAfter('criminalHistory', en.yesno.no);
    expect((await answersNow()).criminalHistory).toBe(false);
    await page.context().close();
  }, 120_000);

  it('switches off an earlier review card once the chat has moved on, and after a reload', async () => {
    const en = flows()['en-CA'];
    const page = await newPage(world.browser, phone);
    const chat = await openChat(page, world.site.url);
    await answerUntilReview(chat, { consent: true, role: 'employer', ...employer } as never, en);
    const card = chat.card();
    await card.getByRole('button', { name: en.buttons.change }).tap();
    const option = card.locator('select option', { hasText: en.steps.contactName.label });
    await card.locator('select').selectOption((await option.getAttribute('value'))!);
    await card.getByRole('button', { name: en.buttons.change }).last().tap();
    await chat.waitForStep('contactName');

    // The old card's Confirm would submit from the middle of a change: it is off, also after a reload.
    const liveConfirms = () =>
      page
        .locator('#webchat .webchat__basic-transcript__transcript button', { hasText: en.buttons.confirm })
        .evaluateAll((buttons) => buttons.filter((b) => !(b as HTMLButtonElement).disabled).length);
    await expect(liveConfirms()).resolves.toBe(0);
    await page.reload();
    await chat.waitForStep('contactName');
    await page.locator('#webchat .webchat__basic-transcript__transcript .ac-adaptiveCard').first().waitFor();
    await expect(liveConfirms()).resolves.toBe(0);
    expect(await chat.step()).toBe('contactName');
    expect((await world.site.server.leads.all()).length).toBe(0);
    await page.context().close();
  }, 120_000);
});
