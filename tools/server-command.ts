import { SERVER_NODE_FLAGS } from '../src/heap';

/**
 * Node's arguments to run a TypeScript script as `npm start` runs the server: Node with tsx's
 * CommonJS hook (the project compiles to CommonJS), in one process and one thread. `tsx
 * src/server.ts` or `node --import tsx` would add tsx's module loader thread (its own V8 heap:
 * about 25 MB more at rest, 40–60 MB more under load) and, for the CLI, a second process in
 * front of the server.
 */
export const tsNodeArgs = (script: string): string[] => ['--require', 'tsx/cjs', script];

/**
 * How `npm start` runs the server: its node flags (src/heap.ts), then `extraFlags` (which win
 * where they set the same V8 flag), then the script. The benchmarks, the crash tests and the
 * two-instance script start the server with these arguments; test/deploy/start-command.test.ts
 * checks that `npm start` does too.
 */
export const serverNodeArgs = (script = 'src/server.ts', extraFlags: readonly string[] = []): string[] => [
  ...SERVER_NODE_FLAGS,
  ...extraFlags,
  ...tsNodeArgs(script),
];
