import v8 from 'node:v8';

/**
 * How much V8 lets the heap grow past what the last full collection kept, in percent. V8's own
 * choice on a machine with plenty of memory is up to 4× (300%): a server holding 60 MB of live
 * data then peaked at 330–520 MB under 50 concurrent prospects, against 185–235 MB at 30%, for
 * up to 0.3 more of the echo bot's CPU per turn (a full collection marks the live heap more
 * often; `npm run bench:load`, README "Performance").
 */
export const HEAP_GROWING_PERCENT = 30;

/** The V8 settings an operator may give (NODE_OPTIONS or node's own flags) that size the heap. */
const HEAP_FLAGS =
  /--(heap-growing-percent|max-old-space-size|max-semi-space-size|max-heap-size|optimize-for-size)\b/;

/**
 * Sets the server's heap growth, unless the operator sized the heap themselves. Returns what was
 * set, or undefined. Unlike a heap limit it cannot end the process: past the usual size, V8 only
 * collects sooner.
 */
export function tuneHeap(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): string | undefined {
  if (HEAP_FLAGS.test(`${execArgv.join(' ')} ${nodeOptions}`)) return undefined;
  const flag = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  v8.setFlagsFromString(flag);
  return flag;
}
