import type { NextFunction, Request, Response } from 'express';
import { turnBatches } from '../../src/http/turn-batches';

const request = {} as Request;
const response = {} as Response;

/** A scheduler the test releases by hand: what it was given, in order. */
function manualScheduler() {
  const pending: (() => void)[] = [];
  return {
    schedule: (release: () => void) => pending.push(release),
    pending,
    releaseAll: () => pending.splice(0).forEach((release) => release()),
  };
}

describe('turnBatches: the turns that arrived together go on together', () => {
  it('holds the requests of one pass until the scheduler releases them, then lets them on in arrival order', () => {
    const scheduler = manualScheduler();
    const batch = turnBatches(scheduler.schedule);
    const order: string[] = [];
    for (const name of ['a', 'b', 'c']) batch(request, response, (() => order.push(name)) as NextFunction);

    expect(order).toEqual([]);
    expect(scheduler.pending).toHaveLength(1); // one release for the whole batch
    scheduler.releaseAll();
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('starts a new batch for a request that arrives after a release', () => {
    const scheduler = manualScheduler();
    const batch = turnBatches(scheduler.schedule);
    const order: string[] = [];
    batch(request, response, (() => order.push('first')) as NextFunction);
    scheduler.releaseAll();
    batch(request, response, (() => order.push('second')) as NextFunction);

    expect(order).toEqual(['first']);
    expect(scheduler.pending).toHaveLength(1);
    scheduler.releaseAll();
    expect(order).toEqual(['first', 'second']);
  });

  it("passes a request's failure to its own error handling; the others in its batch still go on", () => {
    const scheduler = manualScheduler();
    const batch = turnBatches(scheduler.schedule);
    const seen: unknown[] = [];
    const failing = jest.fn((error?: unknown) => {
      if (error === undefined) throw new Error('boom');
      seen.push(error);
    });
    const after = jest.fn();
    batch(request, response, failing as NextFunction);
    batch(request, response, after as NextFunction);
    scheduler.releaseAll();

    expect(seen).toEqual([new Error('boom')]);
    expect(after).toHaveBeenCalledTimes(1);
    expect(after).toHaveBeenCalledWith();
  });

  it('on its own, releases a batch when the event loop reaches its check phase', async () => {
    const batch = turnBatches();
    const order: string[] = [];
    batch(request, response, (() => order.push('a')) as NextFunction);
    batch(request, response, (() => order.push('b')) as NextFunction);
    await Promise.resolve();
    expect(order).toEqual([]); // not within the pass they arrived in
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b']);
  });
});
