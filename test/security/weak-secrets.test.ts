import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadChannelSecret } from '../../src/channel/secret';
import { loadConfig, weakSecret } from '../../src/config';
import { loadSessionSecret } from '../../src/storage/file';
import { serverNodeArgs } from '../../tools/server-command';

const root = path.resolve(__dirname, '..', '..');
const strong = 'q7Vh2Lr9Xc4Tz8Kp1Wm6Ns3Bd5Fg0Jy-aE';

describe('secrets the server is given', () => {
  it.each([
    ['SESSION_SECRET', 'x'],
    ['SESSION_SECRET', 'changeme'],
    ['DIRECT_LINE_SECRET', 'secret'],
    ['DIRECT_LINE_SECRET', 'password'],
    ['WEBHOOK_SECRET', 'a-test-secret-of-enough-length'],
    ['SESSION_SECRET', 'x'.repeat(40)],
    ['DIRECT_LINE_SECRET', 'secret-secret-secret-secret-secret-secret'],
    ['SESSION_SECRET', 'please-changeme-before-going-live-thanks'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    const env: Record<string, string> = { [name]: value };
    if (name === 'WEBHOOK_SECRET') env.WEBHOOK_URL = 'https://hooks.example.com/leads';
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}: (too short|a placeholder)`));
  });

  it('accepts long random secrets, and generates such secrets by default', () => {
    const config = loadConfig({ SESSION_SECRET: strong, DIRECT_LINE_SECRET: `${strong}2` });
    expect(config.SESSION_SECRET).toBe(strong);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-intake-secrets-'));
    try {
      expect(loadConfig({}).SESSION_SECRET).toBeUndefined();
      expect(weakSecret(loadSessionSecret(dir))).toBeUndefined();
      expect(weakSecret(loadChannelSecret(undefined, dir))).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['SESSION_SECRET', 'x'],
    ['DIRECT_LINE_SECRET', 'secret'],
  ])('the server refuses to start with %s=%s, and says which setting', (name, value) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-intake-secrets-'));
    try {
      const run = spawnSync(process.execPath, serverNodeArgs(), {
        cwd: root,
        env: { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', [name]: value },
        encoding: 'utf8',
        timeout: 50_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`${name}: too short`);
      expect(run.stdout).not.toContain('listening');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
