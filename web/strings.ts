/** The page's own words in both languages (the chat's words come from the bot and flows/). */

export type Lang = 'en' | 'fr';
export const localeOf = (lang: Lang) => (lang === 'fr' ? 'fr-CA' : 'en-CA');
export const langOf = (locale: string | undefined): Lang =>
  locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';

export const strings = {
  en: {
    title: 'Work in Canada without an LMIA',
    connecting: 'Connecting to the assistant…',
    resumeCode: 'Your resume code: {code}.',
    resumeCodeHint: 'To continue later, enter it on this page (valid 7 days).',
    thanks: 'Thank you, your information has been sent.',
    reference: 'Your reference number: {reference}.',
    referenceHint: 'Keep it: the firm uses it when they contact you.',
    resumeCodeUnknown: 'That resume code is unknown or has expired. Check it, or start a new intake.',
    resumeCodeEmpty: 'Enter the resume code shown in your chat.',
    conversationGone: 'That conversation can no longer be continued. Please start a new intake.',
    tooManyAttempts: 'Too many attempts. Please wait 15 minutes and try again.',
    unavailable:
      'The chat is not available right now. Please try again in a few minutes, or call or email the firm.',
    offline: 'Connection lost. Reconnecting…',
    sendBox: 'Type your answer',
    sendBoxAfter: 'Add a message for the firm',
    reviewSection: 'Review',
  },
  fr: {
    title: 'Travailler au Canada sans EIMT',
    connecting: "Connexion à l'assistant…",
    resumeCode: 'Votre code de reprise : {code}.',
    resumeCodeHint: 'Pour continuer plus tard, entrez-le sur cette page (valide 7 jours).',
    thanks: 'Merci, vos renseignements ont été envoyés.',
    reference: 'Votre numéro de référence : {reference}.',
    referenceHint: 'Conservez-le : le cabinet s’en sert pour communiquer avec vous.',
    resumeCodeUnknown:
      'Ce code de reprise est inconnu ou expiré. Vérifiez-le, ou commencez une nouvelle demande.',
    resumeCodeEmpty: 'Entrez le code de reprise affiché dans votre clavardage.',
    conversationGone:
      'Cette conversation ne peut plus être poursuivie. Veuillez commencer une nouvelle demande.',
    tooManyAttempts: 'Trop de tentatives. Veuillez attendre 15 minutes, puis réessayer.',
    unavailable:
      "Le clavardage n'est pas disponible pour le moment. Veuillez réessayer dans quelques minutes, ou joindre le cabinet par téléphone ou par courriel.",
    offline: 'Connexion perdue. Reconnexion…',
    sendBox: 'Tapez votre réponse',
    sendBoxAfter: 'Ajouter un message pour le cabinet',
    reviewSection: 'Vérification',
  },
} satisfies Record<Lang, Record<string, string>>;

export type StringKey = keyof (typeof strings)['en'];

export function text(lang: Lang, key: StringKey, values: Record<string, string> = {}): string {
  return strings[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
