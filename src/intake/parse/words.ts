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

/** Little words that carry no answer, in English and French: "I think Ontario" is "ontario". */
const STOPWORDS = new Set(
  `i im me my we our us you your a an the of in at to on by for and or is it its be am are was
  with just really probably maybe please think guess want would like somewhere so then also
  je j me m mon ma mes nous notre on l le la les un une de d du des en au aux a et ou est c ce
  ca sa son ses y vers dans pour avec svp stp plutot sans doute peut etre voudrais veux`.split(/\s+/),
);

/**
 * The words of a message as choices are compared: lower case, no accents, abbreviations closed
 * up ("B.Tech" is "btech", "Ph.D." is "phd"), "bac + 5" as one word, a plural's "s" and a
 * possessive's "'s" dropped, little words left out.
 */
export function contentWords(text: string): string[] {
  const words = normalize(text)
    .replace(/\b([a-z])\.(?=[a-z]\b|[a-z]{2,}\b)/g, '$1')
    .replace(/\b([a-z]{1,2})\.(?=\s|$|[a-z])/g, '$1')
    .replace(/\s*\+\s*(\d)/g, '+$1')
    .replace(/'s\b/g, '')
    .replace(/['’]/g, ' ')
    .split(/[^a-z0-9+]+/)
    .filter((word) => word && !STOPWORDS.has(word));
  return words.map(stem);
}

/** A plural's last "s" (or French "x"), so "masters" is "master" and "Cooks" is "cook". */
function stem(word: string): string {
  if (word.length > 4 && /[^s]s$/.test(word)) return word.slice(0, -1);
  if (word.length > 5 && /eaux$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Edit distance, capped: two words are the same when a long one has one or two typos. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  // short words and abbreviations ("btech", "mtech") must match exactly
  const shorter = Math.min(a.length, b.length);
  const allowed = /\d/.test(a + b) ? 0 : shorter >= 9 ? 2 : shorter >= 6 ? 1 : 0;
  if (allowed === 0 || Math.abs(a.length - b.length) > allowed) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    if (Math.min(...current) > allowed) return false;
    previous = current;
  }
  return previous[b.length]! <= allowed;
}

/** Ways of asking what a question means, rather than answering it. */
const QUESTION =
  /^(what|what's|whats|why|how|which|who|explain|i don't understand|i dont understand|what do you mean|c'est quoi|cest quoi|qu'est-ce|qu'est ce|quest-ce|pourquoi|comment|que veut dire|ca veut dire quoi|ça veut dire quoi|je ne comprends pas|je comprends pas|expliquez|explique)\b/;

/** "what is NOC?", "why do you need this?", "c'est quoi la CNP ?": a question about the question. */
export function isQuestion(raw: string): boolean {
  const text = raw.trim();
  const words = normalize(text);
  return (/\?\s*$/.test(text) && words.length > 1) || QUESTION.test(words);
}
