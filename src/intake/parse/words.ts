/** Lower case, no accents, straight apostrophes, no closing punctuation: how we compare words. */
export const normalize = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The ways people say "I don't know" in English and French, with and without apostrophes and
 * the leading "I" — any of them is accepted wherever "don't know" is.
 */
const DONT_KNOW = new Set([
  "don't know",
  'dont know',
  'do not know',
  "i don't know",
  'i dont know',
  'i do not know',
  "i don't know yet",
  'i dont know yet',
  'idk',
  'dunno',
  'not sure',
  "i'm not sure",
  'im not sure',
  'i am not sure',
  'unsure',
  'no idea',
  'i have no idea',
  'unknown',
  'not known',
  '?',
  'je ne sais pas',
  'je sais pas',
  "j'sais pas",
  'sais pas',
  'chais pas',
  'ne sais pas',
  'aucune idee',
  "je n'en ai aucune idee",
  'pas sur',
  'pas sure',
  'je ne suis pas sur',
  'je ne suis pas sure',
  'pas certain',
  'pas certaine',
  'inconnu',
  'inconnue',
]);

export function isDontKnow(text: string): boolean {
  const words = normalize(text).replace(/,/g, '');
  return DONT_KNOW.has(words) || DONT_KNOW.has(text.trim());
}

/** Every "don't know" phrase, normalized: flows' choice synonyms that say "don't know" accept all of them. */
export const dontKnowPhrases: readonly string[] = [...DONT_KNOW];
