import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readJsonFile } from '../../tools/replay/read-json';
import { collectScriptFiles } from '../../tools/replay/script';

/** The fast reader must give exactly what `JSON.parse` of the UTF-8 text gives. */
describe('readJsonFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-json-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ordinary = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  const written = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text, 'utf8');
    return file;
  };

  it.each([
    ['French letters, dashes and quotes', '{"text":"Êtes-vous déjà — « au Canada » ? l’offre","n":[1,"ç"]}'],
    ['a character outside the BMP', '{"text":"ok 🇨🇦 😀","list":["日本語"]}'],
    ['accented keys, in order', '{"a":1,"clé":"été","z":{"ü":["ö"]},"b":2}'],
    ['escapes of accented characters', '{"text":"\\u00c9tes-vous d\\u00e9j\\u00e0","raw":"é"}'],
    ['an escaped surrogate pair', '{"text":"\\ud83d\\ude00 and é"}'],
    ['an escaped lone surrogate beside a raw letter', '{"text":"\\ud800é"}'],
    ['a backslash before a u, not an escape', '{"text":"C:\\\\u00e9 and é"}'],
    ['ASCII escapes next to raw letters', '{"text":"line\\nnext \\"é\\" \\u0041\\t\\\\"}'],
    ['no character above ASCII', '{"text":"plain","n":null,"t":true,"x":[1.5,-2e3]}'],
  ])('%s', (_name, text) => {
    const file = written('case.json', text);
    expect(readJsonFile(file)).toStrictEqual(ordinary(file));
    expect(Object.keys(readJsonFile(file) as object)).toEqual(Object.keys(ordinary(file) as object));
  });

  it('reads every file of the regression corpus as JSON.parse does', () => {
    const files = collectScriptFiles(['test/transcripts']).filter((f) => f.endsWith('.transcript'));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect(readJsonFile(file)).toStrictEqual(ordinary(file));
  });

  it('throws on text that is not JSON', () => {
    expect(() => readJsonFile(written('bad.json', '[{"a": é'))).toThrow(SyntaxError);
  });
});
