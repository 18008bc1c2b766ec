import fs from 'node:fs';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../src/heap';
import { serverNodeArgs } from '../../tools/server-command';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe("the server's start commands", () => {
  it('npm start runs the server as the benchmarks and the crash tests start it', () => {
    expect(manifest.scripts.start).toBe(['node', ...serverNodeArgs()].join(' '));
  });

  it("npm run start:prod and the image's CMD give the server's node flags", () => {
    // V8 sizes the young generation only at start (src/heap.ts): each command must say it
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    expect(manifest.scripts['start:prod']).toBe(
      ['node', ...SERVER_NODE_FLAGS, 'dist/src/server.js'].join(' '),
    );
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd && JSON.parse(cmd)).toEqual(['node', ...SERVER_NODE_FLAGS, 'dist/src/server.js']);
  });
});
