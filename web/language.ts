/**
 * Runs before the page paints (a classic script in <head>): shows the page in the prospect's chosen
 * language, else their browser's, so French speakers never see a flash of English.
 */
(() => {
  let chosen: string | null = null;
  try {
    chosen = localStorage.getItem('imp-language');
  } catch {
    // Storage can be blocked (private modes): fall back to the browser's language.
  }
  const lang =
    chosen === 'fr' || chosen === 'en'
      ? chosen
      : navigator.language.toLowerCase().startsWith('fr')
        ? 'fr'
        : 'en';
  document.documentElement.lang = lang === 'fr' ? 'fr-CA' : 'en-CA';
  document.documentElement.dataset.uiLang = lang;
})();
