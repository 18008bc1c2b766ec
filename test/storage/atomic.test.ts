import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../src/storage/file/atomic';

describe('a whole-file write', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-atomic-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes content given in parts, in order, on each write path', async () => {
    for (const options of [{}, { background: true }, { durable: true }]) {
      const file = path.join(dir, `parts-${Object.keys(options).join('') || 'plain'}.txt`);
      await writeFileAtomic(file, () => ['first\n', 'ünïcode ✓\n', 'last\n'], options);
      expect(fs.readFileSync(file, 'utf8')).toBe('first\nünïcode ✓\nlast\n');
    }
  });

  it('makes again a folder removed since (a purge), and writes every part into it', async () => {
    const folder = path.join(dir, 'removed');
    const file = path.join(folder, 'rows.txt');
    await writeFileAtomic(file, 'before\n', { background: true });
    fs.rmSync(folder, { recursive: true });
    await writeFileAtomic(
      file,
      function* () {
        yield 'a\n';
        yield 'b\n';
      },
      { background: true },
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('a\nb\n');
    expect(fs.readdirSync(folder)).toEqual(['rows.txt']);
  });
});
