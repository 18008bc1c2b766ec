/**
 * The chat panel's frame, without Web Chat: it opens at once on a tap (with "Connecting…"), and
 * on a phone it covers the page as a modal dialog, the page behind it inert.
 */

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The panel fills the screen below 40rem (page.css): there it is modal. */
const fullScreen = () => window.matchMedia('(max-width: 39.99rem)').matches;

/** What the page keeps behind the panel: everything in body but the panel itself. */
const behind = () =>
  [...document.body.children].filter(
    (child): child is HTMLElement => child instanceof HTMLElement && child.id !== 'chat-panel',
  );

export function isPanelOpen(): boolean {
  return !element<HTMLElement>('chat-panel').hidden;
}

function applyModality(): void {
  const panel = element<HTMLElement>('chat-panel');
  const modal = !panel.hidden && fullScreen();
  if (modal) panel.setAttribute('aria-modal', 'true');
  else panel.removeAttribute('aria-modal');
  for (const part of behind()) part.inert = modal;
}

export function showPanel(): void {
  const panel = element<HTMLElement>('chat-panel');
  panel.hidden = false;
  element<HTMLButtonElement>('chat-launcher').setAttribute('aria-expanded', 'true');
  document.body.classList.add('chat-open');
  applyModality();
}

export function hidePanel(): void {
  element<HTMLElement>('chat-panel').hidden = true;
  document.body.classList.remove('chat-open');
  const launcher = element<HTMLButtonElement>('chat-launcher');
  launcher.setAttribute('aria-expanded', 'false');
  applyModality();
  launcher.focus();
}

export function setStatus(message: string): void {
  element<HTMLParagraphElement>('chat-status').textContent = message;
}

/** Closing (the button or Escape) runs `onClose`; a rotation that changes the layout updates modality. */
export function initPanel(onClose: () => void): void {
  element<HTMLButtonElement>('chat-close').addEventListener('click', onClose);
  element<HTMLElement>('chat-panel').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onClose();
  });
  window.matchMedia('(max-width: 39.99rem)').addEventListener('change', applyModality);
}

/**
 * Shows the bot's message as plain text until Web Chat takes over (markdown emphasis dropped);
 * undefined removes it.
 */
export function showPreview(message: string | undefined): void {
  const preview = element<HTMLDivElement>('chat-preview');
  preview.textContent = message?.replace(/\*\*|__/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') ?? '';
  preview.hidden = !message;
}
