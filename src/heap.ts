import v8 from 'node:v8';

/**
 * How much V8 lets the heap grow past what the last full collection kept, in percent. V8's own
 * choice on a machine with plenty of memory is up to 4× (300%): a server holding 60 MB of live
 * data then peaked at 330–520 MB under 50 concurrent prospects, against 185–235 MB at 30%, for
 * up to 0.3 more of the echo bot's CPU per turn (a full collection marks the live heap more
 * often). With the 8 MB semi-spaces below, the server holding 10,000 conversations and leads
 * peaked at 188–203 MB in six runs at 30%, and at 180–192 MB in four full runs at 20%, at a
 * CPU per turn within the runs' noise (`npm run bench:load`, README "Performance").
 */
export const HEAP_GROWING_PERCENT = 20;

/**
 * The young generation's semi-space, in MB. V8's default on 64-bit is 16: under 50 concurrent
 * prospects the young generation grows to two semi-spaces, 32 MB, whatever the live heap. At 8,
 * the server holding 10,000 stored conversations and leads peaked at 188–203 MB in six runs
 * against 203–213 MB in four (30% heap growth), for about 0.1–0.2 more of the echo bot's CPU per
 * turn (scavenges twice as often; `npm run bench:load`, README "Performance").
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
