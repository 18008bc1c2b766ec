/**
 * What the send box tells the phone about the answer expected, from the question's input kind
 * and step in the bot's channelData: the email keyboard and autofill for an email, the number
 * pad for a phone, the name for the name. Everything else is plain text, without autofill.
 */

export interface QuestionData {
  step?: string;
  input?: string;
}

export interface InputHints {
  inputMode: 'text' | 'email' | 'tel';
  autocomplete: string;
}

const byStep: Record<string, InputHints> = {
  contactName: { inputMode: 'text', autocomplete: 'name' },
  contactRole: { inputMode: 'text', autocomplete: 'organization-title' },
  employerCompany: { inputMode: 'text', autocomplete: 'organization' },
};

export function inputHints(question: QuestionData | undefined): InputHints {
  if (question?.input === 'email') return { inputMode: 'email', autocomplete: 'email' };
  if (question?.input === 'phone') return { inputMode: 'tel', autocomplete: 'tel' };
  return byStep[question?.step ?? ''] ?? { inputMode: 'text', autocomplete: 'off' };
}

/** Sets the hints on Web Chat's send box (an input, or a textarea when it wraps). */
export function applyInputHints(box: Element | null, hints: InputHints): void {
  if (!box) return;
  box.setAttribute('inputmode', hints.inputMode);
  box.setAttribute('autocomplete', hints.autocomplete);
  if (box instanceof HTMLInputElement) box.type = hints.inputMode === 'text' ? 'text' : hints.inputMode;
}
