/**
 * How `npm start` runs the server from its TypeScript sources: Node with tsx's CommonJS hook (the
 * project compiles to CommonJS), in one process and one thread. `tsx src/server.ts` or
 * `node --import tsx` would add tsx's module loader thread (its own V8 heap: about 25 MB more
 * at rest, 40–60 MB more under load) and, for the CLI, a second process in front of the server.
 * The benchmarks, the crash tests and the two-instance script start the server with these
 * arguments; test/deploy/start-command.test.ts checks that `npm start` does too.
 */
export const serverNodeArgs = (script = 'src/server.ts'): string[] => ['--require', 'tsx/cjs', script];
