import v8 from 'node:v8';
import { HEAP_GROWING_PERCENT, semiSpaceMb, tuneHeap } from '../../src/heap';

describe("the server's heap growth", () => {
  afterEach(() => jest.restoreAllMocks());

  it('is set when the operator gave no heap setting', () => {
    const set = jest.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    expect(tuneHeap([], '')).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(tuneHeap(['--enable-source-maps'], '--no-warnings')).toBeDefined();
    // the young generation's size (the start commands give it) is another setting
    expect(tuneHeap(['--max-semi-space-size=8'], '')).toBeDefined();
    expect(set.mock.calls).toEqual([
      [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`],
      [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`],
      [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`],
    ]);
  });

  it("is left to the operator's own setting, on node's command line or in NODE_OPTIONS", () => {
    const set = jest.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    for (const flag of [
      '--max-old-space-size=256',
      '--heap-growing-percent=80',
      '--optimize-for-size',
      '--max-heap-size=300',
    ]) {
      expect(tuneHeap([flag], '')).toBeUndefined();
      expect(tuneHeap([], `--no-warnings ${flag}`)).toBeUndefined();
    }
    expect(set).not.toHaveBeenCalled();
  });

  it("reads the young generation's semi-space from node's command line, the last one winning", () => {
    expect(semiSpaceMb([], '')).toBeUndefined();
    expect(semiSpaceMb(['--max-semi-space-size=8', '--require', 'tsx/cjs'], '')).toBe(8);
    expect(semiSpaceMb([], '--max-semi-space-size=4')).toBe(4);
    // node's own flags come after NODE_OPTIONS
    expect(semiSpaceMb(['--max-semi-space-size=16'], '--max-semi-space-size=4')).toBe(16);
  });
});
