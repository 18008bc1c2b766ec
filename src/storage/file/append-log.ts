import fs from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { AppendLog } from '../../ports/store';

/** A JSON Lines file, appended to and never rewritten; readable by the server's user only. */
export class JsonLinesLog<T> implements AppendLog<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  async append(entry: T): Promise<void> {
    const line = JSON.stringify(this.schema.parse(entry));
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await fs.appendFile(this.file, `${line}\n`, { mode: 0o600 });
  }

  async latest(limit: number): Promise<T[]> {
    const text = await fs.readFile(this.file, 'utf8').catch(() => '');
    const entries: T[] = [];
    for (const line of text.split('\n').reverse()) {
      if (entries.length >= limit) break;
      if (!line.trim()) continue;
      let parsed;
      try {
        parsed = this.schema.safeParse(JSON.parse(line));
      } catch {
        continue; // a line cut short by a crash
      }
      if (parsed.success) entries.push(parsed.data);
    }
    return entries;
  }
}
