import v8 from 'node:v8';

/**
 * How much V8 lets the heap grow past what the last full collection kept, in percent. V8's own
 * choice on a machine with plenty of memory is up to 4× (300%), so a server whose live data is
 * small still peaks at several times its size under load. A low percentage keeps the peak close
 * to the live heap; its price is more frequent full collections (each marks the live heap), which
 * the benchmark could not tell from its noise at this setting. The runs behind the choice, and
 * how to rerun them (`npm run bench:load`): docs/performance.md, "Memory".
 */
export const HEAP_GROWING_PERCENT = 20;

/**
 * The young generation's semi-space, in MB. V8's default on 64-bit is 16: under many concurrent
 * prospects the young generation grows to two full semi-spaces, whatever the live heap. Halving
 * it lowers the peak for a little more CPU per turn (scavenges twice as often); halving it again
 * cost more CPU than it saved memory. The runs behind the choice: docs/performance.md, "Memory".
 *
 * V8 reads it only when the process starts (setting it later changes nothing), so it is a flag
 * of node's command line: every start command of the server gives SERVER_NODE_FLAGS.
 */
export const SEMI_SPACE_MB = 8;

/**
 * The node flags the server's start commands give: `npm start`, `npm run start:prod` and the
 * Dockerfile's CMD (test/deploy/start-command.test.ts checks each; tools/server-command.ts
 * gives them to the servers the benchmarks and tests start).
 */
export const SERVER_NODE_FLAGS: readonly string[] = [`--max-semi-space-size=${SEMI_SPACE_MB}`];

/**
 * The V8 settings an operator may give (NODE_OPTIONS or node's own flags) that size the old
 * generation, which the heap growth below is about. The young generation's size is another
 * setting, left as the command line gives it.
 */
const HEAP_FLAGS = /--(heap-growing-percent|max-old-space-size|max-heap-size|optimize-for-size)\b/;

/** The node flags a process was given, in the order node applies them: NODE_OPTIONS, then its own. */
const givenFlags = (execArgv: readonly string[], nodeOptions: string) =>
  `${nodeOptions} ${execArgv.join(' ')}`;

/**
 * The semi-space size, in MB, that node's command line or NODE_OPTIONS gave (the last one wins,
 * as in V8), or undefined: V8's default.
 */
export function semiSpaceMb(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): number | undefined {
  const given = [...givenFlags(execArgv, nodeOptions).matchAll(/--max-semi-space-size[= ](\d+)/g)];
  const last = given.at(-1);
  return last ? Number(last[1]) : undefined;
}

/**
 * Sets the server's heap growth, unless the operator sized the heap themselves. Returns what was
 * set, or undefined. Unlike a heap limit it cannot end the process: past the usual size, V8 only
 * collects sooner.
 */
export function tuneHeap(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): string | undefined {
  if (HEAP_FLAGS.test(givenFlags(execArgv, nodeOptions))) return undefined;
  const flag = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  v8.setFlagsFromString(flag);
  return flag;
}
