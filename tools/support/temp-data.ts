import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';

/** A configuration whose data folder is a fresh temporary directory, removed by `cleanup`. */
export function tempConfig(
  overrides: Partial<Record<string, string>> = {},
): Config & { cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-intake-'));
  const config = loadConfig({ PORT: '1', HOST: '127.0.0.1', DATA_DIR: dir, ...overrides });
  return {
    ...config,
    PORT: 0 as unknown as number,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every file under a folder, with its content, for "is it really gone / really there" checks. */
export function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  }
  return out;
}
