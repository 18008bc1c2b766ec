import fs from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, whether the code runs from src/ (ts) or dist/src/ (compiled). */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(__dirname);
