import { contentWords, sameWord } from './words';

/**
 * Reading a choice the way a person names it: "work first, then PR eventually" names the PR
 * choice, "B.Tech computer science" a bachelor's degree, "Brittish Columbia" a province with a
 * typo. Every title and synonym of every choice (flows/, all locales) is a phrase; a message
 * that contains a whole phrase names its choice, the longest phrase winning; a message whose
 * every word is in the phrases of one choice only ("CELPIP" for "CELPIP-General") names that
 * one. Two choices named equally are offered back as the two nearest, never picked.
 */

export interface ChoicePhrase {
  value: string;
  words: string[];
}

export type ChoiceReading = { value: string } | { nearest: [string, string] } | undefined;

export function choicePhrase(value: string, text: string): ChoicePhrase | undefined {
  const words = contentWords(text);
  return words.length ? { value, words } : undefined;
}

const contains = (haystack: readonly string[], needle: readonly string[]) =>
  needle.every((word) => haystack.some((other) => sameWord(word, other)));

/** The choice among `order` that the message names, or the two it could name, or none. */
export function readChoice(
  text: string,
  phrases: readonly ChoicePhrase[],
  order: readonly string[],
): ChoiceReading {
  const words = contentWords(text);
  if (!words.length) return undefined;
  const rank = (value: string) => order.indexOf(value);
  const byOrder = (a: string, b: string) => rank(a) - rank(b);

  // Phrases the message contains whole: the longest decides.
  const scores = new Map<string, number>();
  for (const phrase of phrases) {
    if (!contains(words, phrase.words)) continue;
    scores.set(phrase.value, Math.max(scores.get(phrase.value) ?? 0, phrase.words.length));
  }
  if (scores.size) {
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || byOrder(a[0], b[0]));
    const [first, second] = ranked;
    if (!second || second[1] < first![1]) return { value: first![0] };
    return { nearest: [first![0], second[0]].sort(byOrder) as [string, string] };
  }

  // A message that is a good part of some phrases (half its words at least, so that a "no" is
  // not read as "(no nomination yet)"): one choice is named, several are offered.
  const partOf = new Set(
    phrases.filter((p) => words.length * 2 >= p.words.length && contains(p.words, words)).map((p) => p.value),
  );
  const values = [...partOf].sort(byOrder);
  if (values.length === 1) return { value: values[0]! };
  if (values.length > 1) return { nearest: [values[0]!, values[1]!] };
  return undefined;
}
