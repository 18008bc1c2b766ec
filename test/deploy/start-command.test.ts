import fs from 'node:fs';
import path from 'node:path';
import { serverNodeArgs } from '../../tools/server-command';

describe('npm start', () => {
  it('runs the server as the benchmarks and the crash tests start it', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'),
    ) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts.start).toBe(['node', ...serverNodeArgs()].join(' '));
  });
});
