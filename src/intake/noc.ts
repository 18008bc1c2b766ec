import { contentWords, sameWord } from './parse/words';
import { referenceRows } from './reference-data';

/**
 * NOC 2021 Version 1.0 unit groups (Statistics Canada, Open Government Licence - Canada), and a
 * job title's nearest groups: prospects rarely know their code, but they know their job.
 * The data and its source are in flows/reference/ (README.md there).
 */

export interface UnitGroup {
  code: string;
  /** The second digit of the code. */
  teer: number;
  titles: { 'en-CA': string; 'fr-CA': string };
}

interface Index {
  groups: Map<string, UnitGroup>;
  /** Every title in both languages, as words. */
  titles: { code: string; words: string[] }[];
  /** Job titles people type, each with the unit groups it usually falls in, nearest first. */
  jobTitles: { words: string[]; codes: string[] }[];
}

let index: Index | undefined;

function load(): Index {
  if (index) return index;
  const groups = new Map<string, UnitGroup>();
  const titles: Index['titles'] = [];
  for (const [code, en, fr] of referenceRows('noc-2021-unit-groups.psv')) {
    groups.set(code!, { code: code!, teer: Number(code![1]), titles: { 'en-CA': en!, 'fr-CA': fr! } });
    titles.push({ code: code!, words: contentWords(en!) }, { code: code!, words: contentWords(fr!) });
  }
  const jobTitles = referenceRows('noc-2021-job-titles.psv').map(([title, codes]) => ({
    words: contentWords(title!),
    codes: codes!.split(/\s+/).filter((code) => groups.has(code)),
  }));
  return (index = { groups, titles, jobTitles });
}

export function unitGroup(code: string): UnitGroup | undefined {
  return load().groups.get(code);
}

/** Words that ask about the code rather than name the job: "what is my NOC? I'm a cook". */
const ASKING = new Set(
  `what whats is noc cnp code job title work working as position occupation know don't dont
  quel quelle quoi est mon poste emploi metier travaille comme suis profession`.split(/\s+/),
);

/**
 * The unit groups nearest a job title, best first: a job title the firm's list knows gives its
 * usual groups; otherwise the groups whose official title shares the most words with it.
 */
export function nearestUnitGroups(text: string, limit = 3): UnitGroup[] {
  const { groups, titles, jobTitles } = load();
  const words = contentWords(text).filter((word) => !ASKING.has(word));
  if (!words.length) return [];
  const scores = new Map<string, number>();
  const score = (code: string, value: number) => scores.set(code, Math.max(scores.get(code) ?? 0, value));
  const has = (haystack: string[], word: string) => haystack.some((other) => sameWord(word, other));
  for (const job of jobTitles) {
    if (!job.words.length || !job.words.every((word) => has(words, word))) continue;
    // a longer job title is a closer match ("line cook" over "cook")
    job.codes.forEach((code, i) => score(code, 2 + job.words.length - i * 0.1));
  }
  for (const title of titles) {
    const shared = words.filter((word) => has(title.words, word)).length;
    if (!shared) continue;
    const dice = (2 * shared) / (words.length + title.words.length);
    if (dice >= 0.4) score(title.code, dice);
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([code]) => groups.get(code)!);
}
