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

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** In the modal panel, Tab from the last control goes back to the first (and Shift+Tab the other way). */
function keepFocusIn(panel: HTMLElement, event: KeyboardEvent): void {
  const focusable = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (e) => e.getClientRects().length > 0 && !e.closest('[inert]'),
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  }
}

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
  const panel = element<HTMLElement>('chat-panel');
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') onClose();
    if (event.key === 'Tab' && panel.getAttribute('aria-modal') === 'true') keepFocusIn(panel, event);
  });
  window.matchMedia('(max-width: 39.99rem)').addEventListener('change', applyModality);
}

let previewClosed = false;

/**
 * Shows the bot's message as plain text until Web Chat takes over (markdown emphasis dropped).
 * Once Web Chat has rendered (closePreview), it is never shown again.
 */
export function showPreview(message: string | undefined): void {
  if (previewClosed || !message) return;
  const preview = element<HTMLDivElement>('chat-preview');
  preview.textContent = message.replace(/\*\*|__/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  preview.hidden = false;
}

/** Web Chat is on screen: the text preview goes for good. */
export function closePreview(): void {
  previewClosed = true;
  const preview = element<HTMLDivElement>('chat-preview');
  preview.textContent = '';
  preview.hidden = true;
}
