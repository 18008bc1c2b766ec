import { langOf, text, type Lang } from './strings';

/**
 * The page: the language toggle, the chat launcher and the resume-code form. Web Chat itself is a
 * separate chunk, loaded the first time the chat opens.
 */

type ChatModule = typeof import('./chat');
let chatModule: Promise<ChatModule> | undefined;
const loadChat = () => (chatModule ??= import('./chat'));

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

async function openChat(resumeCode?: string, form?: HTMLFormElement): Promise<void> {
  const chat = await loadChat();
  const problem = await chat.openChat({ resumeCode, language: currentLanguage(), onLanguage: setLanguage });
  if (form) {
    const error = form.querySelector<HTMLElement>('[data-resume-error]');
    if (error) error.textContent = problem ? text(currentLanguage(), problem) : '';
    if (problem) form.querySelector('input')?.focus();
  }
}

function start(): void {
  setLanguage(currentLanguage(), false);

  document.getElementById('language-toggle')?.addEventListener('click', () => {
    const lang: Lang = currentLanguage() === 'fr' ? 'en' : 'fr';
    setLanguage(lang, true);
    if (chatModule) void chatModule.then((chat) => chat.languageChosen(lang));
  });

  for (const button of document.querySelectorAll<HTMLElement>('[data-open-chat]')) {
    button.addEventListener('click', () => void openChat());
  }

  for (const form of document.querySelectorAll<HTMLFormElement>('[data-resume-form]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const code = new FormData(form).get('resumeCode')?.toString().trim() ?? '';
      const error = form.querySelector<HTMLElement>('[data-resume-error]');
      if (!code) {
        if (error) error.textContent = text(currentLanguage(), 'resumeCodeEmpty');
        form.querySelector('input')?.focus();
        return;
      }
      void openChat(code, form);
    });
  }

  // A reload continues the chat that was open.
  void import('./session').then(({ loadSession }) => {
    const session = loadSession();
    if (session?.open) void openChat();
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

export { langOf };
