import type { z } from 'zod';
import type { AppendLog } from '../../ports/store';

export class MemoryAppendLog<T> implements AppendLog<T> {
  private readonly entries: T[] = [];

  constructor(private readonly schema: z.ZodType<T>) {}

  async append(entry: T): Promise<void> {
    this.entries.push(this.schema.parse(entry));
  }

  async latest(limit: number): Promise<T[]> {
    return this.entries
      .slice(-limit)
      .reverse()
      .map((entry) => structuredClone(entry));
  }
}
