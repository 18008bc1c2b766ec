import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';

/**
 * The reference data in flows/reference/ (NOC 2021 unit groups, job titles, Canadian cities):
 * content, like the wording, read from the project folder once and split into rows of fields.
 */
export function referenceRows(file: string): string[][] {
  return fs
    .readFileSync(path.join(projectRoot, 'flows', 'reference', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('|'));
}
