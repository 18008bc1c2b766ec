import { connectChat, latestBotMessage, TokenRequestError, type Connection } from './connect';
import { hidePanel, initPanel, isPanelOpen, setStatus, showPanel, showPreview } from './panel';
import { langOf, localeOf, text, type Lang } from './strings';

/**
 * The page: the language toggle, the chat launcher and the resume-code form. Web Chat itself is a
 * separate chunk: the browser fetches it when the page is idle or the launcher is about to be used
 * (hovered, focused, touched), and a tap opens the panel at once, connecting while it loads.
 */

type ChatModule = typeof import('./chat');
let chatModule: Promise<ChatModule> | undefined;
const loadChat = () => (chatModule ??= import('./chat'));
/** The chat is connected (Web Chat rendered): opening it again only shows it. */
let connected = false;

export function currentLanguage(): Lang {
  return document.documentElement.dataset.uiLang === 'fr' ? 'fr' : 'en';
}

/** Shows the page in `lang`; `chosen` when the prospect picked it (remembered on this device). */
export function setLanguage(lang: Lang, chosen: boolean): void {
  document.documentElement.lang = lang === 'fr' ? 'fr-CA' : 'en-CA';
  document.documentElement.dataset.uiLang = lang;
  document.title = `${text(lang, 'title')} · ${document.querySelector('.brand')?.textContent ?? ''}`;
  if (chosen) {
    try {
      localStorage.setItem('imp-language', lang);
    } catch {
      // Not remembered: the page still switches.
    }
  }
}

let prefetched = false;
/** Downloads (and parses, without running) the chat chunk, so that a tap finds it ready. */
function prefetchChat(): void {
  if (prefetched) return;
  prefetched = true;
  const files = document.querySelector<HTMLMetaElement>('meta[name="chat-bundle"]')?.content.split(' ') ?? [];
  for (const href of files.filter(Boolean)) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.append(link);
  }
}

function whenIdle(run: () => void): void {
  const idle = () =>
    'requestIdleCallback' in window
      ? window.requestIdleCallback(run, { timeout: 3000 })
      : setTimeout(run, 1000);
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}

async function openChat(resumeCode?: string, form?: HTMLFormElement): Promise<void> {
  const fresh = !connected || resumeCode !== undefined;
  if (!resumeCode) {
    showPanel();
    if (fresh) setStatus(text(currentLanguage(), 'connecting'));
  }
  // The conversation is requested while Web Chat downloads.
  const connecting: Promise<Connection | TokenRequestError> | undefined = fresh
    ? connectChat(localeOf(currentLanguage()), resumeCode).catch((error: unknown) =>
        error instanceof TokenRequestError ? error : new TokenRequestError('unavailable'),
      )
    : undefined;
  let chatLoaded = false;
  if (connecting && !resumeCode)
    void connecting.then(async (connection) => {
      if (connection instanceof TokenRequestError || chatLoaded) return;
      const message = await latestBotMessage(connection.session);
      if (!chatLoaded) showPreview(message);
    });
  const chat = await loadChat();
  chatLoaded = true;
  const problem = await chat.openChat({
    connecting,
    resumed: resumeCode !== undefined,
    language: currentLanguage(),
    onLanguage: setLanguage,
  });
  if (!problem) connected = true;
  if (form) {
    const error = form.querySelector<HTMLElement>('[data-resume-error]');
    if (error) error.textContent = problem ? text(currentLanguage(), problem) : '';
    if (problem) showFormError(form);
  }
}

/** Focuses the form and scrolls its error above the launcher, which covers the bottom of a phone's screen. */
function showFormError(form: HTMLFormElement): void {
  form.querySelector('input')?.focus({ preventScroll: true });
  form.querySelector('[data-resume-error]')?.scrollIntoView({ block: 'center' });
}

function closeChat(): void {
  hidePanel();
  if (chatModule) void chatModule.then((chat) => chat.chatClosed());
}

function start(): void {
  setLanguage(currentLanguage(), false);
  initPanel(closeChat);

  document.getElementById('language-toggle')?.addEventListener('click', () => {
    const lang: Lang = currentLanguage() === 'fr' ? 'en' : 'fr';
    setLanguage(lang, true);
    if (chatModule) void chatModule.then((chat) => chat.languageChosen(lang));
  });

  for (const button of document.querySelectorAll<HTMLElement>('[data-open-chat]')) {
    button.addEventListener('click', () => void openChat());
    for (const intent of ['pointerenter', 'pointerdown', 'focus'])
      button.addEventListener(intent, prefetchChat, { once: true, passive: true });
  }

  for (const form of document.querySelectorAll<HTMLFormElement>('[data-resume-form]')) {
    form.addEventListener('focusin', prefetchChat, { once: true });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const code = new FormData(form).get('resumeCode')?.toString().trim() ?? '';
      const error = form.querySelector<HTMLElement>('[data-resume-error]');
      if (!code) {
        if (error) error.textContent = text(currentLanguage(), 'resumeCodeEmpty');
        showFormError(form);
        return;
      }
      void openChat(code, form);
    });
  }

  // A reload continues the chat that was open.
  void import('./session').then(({ loadSession }) => {
    const session = loadSession();
    if (session?.open && !isPanelOpen()) void openChat();
  });
  whenIdle(prefetchChat);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

export { langOf };
