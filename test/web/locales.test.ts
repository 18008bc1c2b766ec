import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { flowsDir, locales } from '../../src/intake/flows';
import { strings } from '../../web/strings';

/**
 * Every key path of a parsed YAML document: "steps.role.choices.worker", "commands.back"… except
 * under `synonyms`: those are extra words people type in one language, with no counterpart to keep.
 */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value as Record<string, unknown>)
    .filter(([key]) => key !== 'synonyms')
    .flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

const parsed = Object.fromEntries(
  locales.map((locale) => [
    locale,
    parse(fs.readFileSync(path.join(flowsDir, `${locale}.yaml`), 'utf8')) as unknown,
  ]),
);

describe('English and French say the same things', () => {
  it.each(locales.flatMap((a) => locales.filter((b) => b !== a).map((b) => [a, b])))(
    'every wording key of %s exists in %s (prompts, choices, help, errors, nested step keys)',
    (from, to) => {
      const missing = keyPaths(parsed[from]).filter((key) => !keyPaths(parsed[to]).includes(key));
      expect(missing).toEqual([]);
    },
  );

  it('compares nested keys: a choice missing in one locale is reported', () => {
    const en = { steps: { role: { prompt: 'x', choices: { worker: 'a', employer: 'b' } } } };
    const fr = { steps: { role: { prompt: 'y', choices: { worker: 'a' } } } };
    expect(keyPaths(en).filter((key) => !keyPaths(fr).includes(key))).toEqual([
      'steps.role.choices.employer',
    ]);
  });

  it('has every page text in both languages, none left empty', () => {
    expect(Object.keys(strings.fr).sort()).toEqual(Object.keys(strings.en).sort());
    for (const lang of ['en', 'fr'] as const)
      for (const value of Object.values(strings[lang])) expect(value.trim()).not.toBe('');
  });

  it('has every block of the page in both languages', () => {
    const html = fs.readFileSync(path.join(__dirname, '../../web/index.html'), 'utf8');
    const count = (lang: string) => html.split(`data-lang="${lang}"`).length - 1;
    expect(count('fr')).toBe(count('en'));
    expect(count('en')).toBeGreaterThan(5);
  });
});
