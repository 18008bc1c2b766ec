import { contentWords, sameWord } from './parse/words';
import { referenceRows } from './reference-data';

/**
 * Canadian cities and the province or territory each is in (flows/reference/canadian-cities.psv):
 * "Vancouver" answers "which province?" with British Columbia, and is said back as such.
 */

export interface Place {
  name: string;
  province: string;
}

let cities: (Place & { words: string[] })[] | undefined;

function load() {
  cities ??= referenceRows('canadian-cities.psv')
    .map(([name, province]) => ({ name: name!, province: province!, words: contentWords(name!) }))
    .filter((city) => city.words.length);
  return cities;
}

/** The Canadian city a message names ("near Moncton", "à Montréal"), the longest name winning. */
export function cityIn(text: string): Place | undefined {
  const words = contentWords(text);
  if (!words.length) return undefined;
  let best: (Place & { words: string[] }) | undefined;
  for (const city of load()) {
    const named = city.words.every((word) => words.some((other) => sameWord(word, other)));
    if (named && (!best || city.words.length > best.words.length)) best = city;
  }
  return best && { name: best.name, province: best.province };
}
