import { z } from 'zod';
import type { Position } from './machine';

/**
 * A button is bound to the question that offered it. Every question the engine asks gets the next
 * turn number, and its buttons carry that turn and the question's key; a tap arriving for any other
 * question, or for an earlier asking of this one (a page rebuilding its history shows old buttons
 * for a few seconds), answers nothing. Typed text carries no binding and answers the current question.
 */
export const choiceBindingSchema = z.object({
  step: z.string().min(1).max(64),
  turn: z.number().int().min(0),
});
export type ChoiceBinding = z.infer<typeof choiceBindingSchema>;

/** The binding a channel's message carries, if any: anything malformed counts as none. */
export function bindingOf(value: unknown): ChoiceBinding | undefined {
  const parsed = choiceBindingSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The key a question's buttons carry: its step id, or the review, the restart confirmation… */
export function questionKey(position: Position): string {
  return position.kind === 'step' ? position.step : position.kind;
}

/** Whether a bound choice answers the question the conversation waits on now (its key, its turn). */
export function answersCurrentQuestion(binding: ChoiceBinding, key: string, turn: number): boolean {
  return binding.turn === turn && binding.step === key;
}

/** After submitting, the offer of an email copy of the answers is a question of its own. */
export const COPY_OFFER = 'emailCopy';
