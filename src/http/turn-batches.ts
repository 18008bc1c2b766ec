import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Lets the turns that arrived in one pass of the event loop run together, step by step, instead
 * of each from start to finish with the others' steps in between.
 *
 * A turn runs through a great deal of code and data (the activity check, the SDK, XState and the
 * engine, the stores, the redaction, the reply): too much to stay in the CPU's caches from one
 * turn to the next, so each step of each turn ran with cold caches, several times slower than
 * the same step run back to back (`npm run bench:cold`). Held here until the event loop's check
 * phase, the turns that came in meanwhile go on one after the other: each runs until its first
 * wait, then the next one does; their later steps then follow in the same order, each step of
 * every turn after the same step of the one before, while its code and data are still in the
 * caches. Under 50 concurrent prospects this took the server's CPU per turn down by about a third
 * (docs/performance.md). A turn alone waits one pass of the loop: microseconds, no timer.
 *
 * Nothing is reordered within a conversation (its lock in the service still decides), and a
 * request is never held past the pass it arrived in.
 */

/** Runs `release` once the event loop reaches its check phase (setImmediate unless a test gives its own). */
export type Scheduler = (release: () => void) => void;

const onCheckPhase: Scheduler = (release) => {
  setImmediate(release);
};

export function turnBatches(schedule: Scheduler = onCheckPhase): RequestHandler {
  let waiting: NextFunction[] | undefined;
  const release = () => {
    const batch = waiting ?? [];
    waiting = undefined;
    for (const next of batch) {
      try {
        next();
      } catch (error) {
        // one request's failure is its own: the others in the batch still go on
        next(error);
      }
    }
  };
  return function turnBatch(_req: Request, _res: Response, next: NextFunction): void {
    if (waiting) {
      waiting.push(next);
      return;
    }
    waiting = [next];
    schedule(release);
  };
}
