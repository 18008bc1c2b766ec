import type { Locator, Page } from 'playwright-core';
import type { Flow } from '../../src/intake/flows';
import { stepCatalogue, type Answers, type StepId } from '../../src/intake/steps';
import { typedAnswer } from './typed-answer';

const BOT_BUBBLES =
  '#webchat .webchat__basic-transcript__activity .webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble__content';

/** The chat as a prospect sees it: the progress line tells which question is on screen. */
export class Chat {
  constructor(readonly page: Page) {}

  get progress(): Locator {
    return this.page.locator('#chat-progress');
  }

  async step(): Promise<string | null> {
    return this.progress.getAttribute('data-step');
  }

  async waitForStep(step: string, timeout = 10_000): Promise<void> {
    await this.page.locator(`#chat-progress[data-step="${step}"]`).waitFor({ state: 'attached', timeout });
  }

  /** Waits for the bot to move past `step` (the answer was accepted), and returns the new step. */
  async waitForStepAfter(step: string | null, answer: string): Promise<string> {
    try {
      await this.page.waitForFunction(
        (previous) => document.querySelector('#chat-progress')?.getAttribute('data-step') !== previous,
        step,
        { timeout: 10_000 },
      );
    } catch {
      const last = await this.page.locator(BOT_BUBBLES).last().innerText();
      throw new Error(`"${step}" was not answered by "${answer}"; the bot said: ${last}`);
    }
    return (await this.step())!;
  }

  sendBox(): Locator {
    return this.page.locator('#webchat [data-id="webchat-sendbox-input"]');
  }

  suggestedAction(title: string): Locator {
    return this.page
      .locator('#webchat .webchat__suggested-actions')
      .getByRole('button', { name: title, exact: true });
  }

  card(): Locator {
    return this.page.locator('#webchat .ac-adaptiveCard').last();
  }

  async type(text: string): Promise<void> {
    await this.sendBox().fill(text);
    await this.sendBox().press('Enter');
  }

  /** The last message from the bot, as displayed. */
  async lastBotText(): Promise<string> {
    return this.page.locator(BOT_BUBBLES).last().innerText();
  }
}

/** Buttons for the questions that have them, typing for the others. */
export function answerFor(step: string, answers: Answers, flow: Flow): { button?: string; text?: string } {
  const value = answers[step as StepId];
  const kind = stepCatalogue[step as StepId].input.kind;
  if (value === null) return { button: flow.buttons.skip };
  if (kind === 'yesno') return { button: value ? flow.yesno.yes : flow.yesno.no };
  if (kind === 'choice') return { button: flow.steps[step as StepId].choices![String(value)]! };
  return { text: typedAnswer(step, value, flow) };
}
