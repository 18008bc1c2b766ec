import type { Flow } from '../../src/intake/flows';
import type { Answers, StepId } from '../../src/intake/steps';
import { ask } from './http-bot';
import { typedAnswer } from './talk';

/**
 * Completes an intake over HTTP the way a prospect would: reads which question the bot asks
 * (channelData.intake.step), types the answer from `answers`, and confirms at the review.
 * Returns the bot's last reply text (which carries the reference number).
 */
export async function completeIntakeOverHttp(
  url: string,
  conversationId: string,
  answers: Answers,
  flow: Flow,
): Promise<string> {
  let replies = await ask(url, conversationId, 'hello', flow.locale);
  for (let turn = 0; turn < 200; turn++) {
    const step = replies.at(-1)?.channelData?.intake?.step;
    if (step === 'review') {
      replies = await ask(url, conversationId, 'confirm', flow.locale);
      return replies.at(-1)?.text ?? '';
    }
    if (!step || !(step in answers))
      throw new Error(`the bot asked "${step}", which this prospect has no answer for`);
    replies = await ask(url, conversationId, typedAnswer(step, answers[step as StepId], flow), flow.locale);
    if (replies.at(-1)?.channelData?.intake?.step === step) {
      throw new Error(`"${step}" was asked again: ${replies.at(-1)?.text}`);
    }
  }
  throw new Error('the intake did not reach the review in 200 turns');
}
