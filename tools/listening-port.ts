import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';

/**
 * The port a server child process listens on, read from the `{"event":"listening","port":…}` log
 * line it writes on stdout (the server and the bench's echo bot both write it). Rejects, naming
 * the process, if it exits first.
 */
export function listeningPort(child: ChildProcess, name: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('"listening"')) return;
      try {
        const event = JSON.parse(line) as { event?: string; port?: number };
        if (event.event === 'listening' && typeof event.port === 'number') resolve(event.port);
      } catch {
        // not a log line of ours
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening`)));
  });
}
