/**
 * Structured log lines (JSON) with ids and positions only: never an answer, a name or an email.
 * LOG_LEVEL = debug | info | warn | error | silent (default info; silent under jest).
 */
import { createHash } from 'node:crypto';

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof levels;

function threshold(): number {
  const configured = (process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info')) as Level;
  return levels[configured] ?? levels.info;
}

export type LogFields = Record<string, string | number | boolean | undefined>;

/**
 * Info and debug lines written together once the current work is done: one write for all the
 * turns of a moment, not one per line (a busy server logs a line per turn). Warnings and errors
 * go out at once, after what is pending, and whatever is pending is written before the process
 * exits.
 */
let pending: string[] = [];

function flush(): void {
  if (pending.length === 0) return;
  const text = pending.join('');
  pending = [];
  process.stdout.write(text);
}

process.once('exit', flush);

function write(level: Exclude<Level, 'silent'>, event: string, fields: LogFields = {}): void {
  if (levels[level] < threshold()) return;
  const line = `${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`;
  if (level === 'error' || level === 'warn') {
    flush();
    process.stderr.write(line);
    return;
  }
  if (pending.length === 0) setImmediate(flush);
  pending.push(line);
}

export const log = {
  /** Whether lines of this level are written: skip building fields that cost (a hash) when not. */
  enabled: (level: Exclude<Level, 'silent'>) => levels[level] >= threshold(),
  debug: (event: string, fields?: LogFields) => write('debug', event, fields),
  info: (event: string, fields?: LogFields) => write('info', event, fields),
  warn: (event: string, fields?: LogFields) => write('warn', event, fields),
  error: (event: string, fields?: LogFields) => write('error', event, fields),
};

/**
 * A short, non-reversible reference to a conversation (or any id) for correlating log lines:
 * the id itself opens the conversation's stream and resume paths, so it is never logged.
 */
export function logRef(id: string): string {
  return createHash('sha256').update(`imp-intake-log\n${id}`).digest('base64url').slice(0, 12);
}
