/**
 * The command line bounds how far V8 lets its heap grow past the live heap once its input is large
 * (src/cli/heap-growth.ts), so that a lint of a million objects stays under 2 GB without a heap
 * cap; small inputs, other processes and a user's own setting are left alone.
 */
import * as v8 from 'v8';
import { boundHeapGrowth, HEAP_GROWING_PERCENT, inputRead, LARGE_INPUT_BYTES, ownProcessHeap, resetHeapGrowthState } from '../../src/cli/heap-growth';

// The real V8 flag would change this test process's collector; record the calls instead.
jest.mock('v8', () => ({ ...jest.requireActual('v8'), setFlagsFromString: jest.fn() }));
const setFlags = v8.setFlagsFromString as jest.Mock;
beforeEach(() => {
  setFlags.mockClear();
  resetHeapGrowthState();
});

describe('boundHeapGrowth', () => {
  test('the heap may grow 10 % past what is live after a full collection', () => {
    expect(boundHeapGrowth([], '')).toBe(true);
    expect(setFlags).toHaveBeenCalledWith(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(HEAP_GROWING_PERCENT).toBe(10);
  });

  test('a factor given on the node command line is kept', () => {
    expect(boundHeapGrowth(['--heap-growing-percent=50'], '')).toBe(false);
    expect(setFlags).not.toHaveBeenCalled();
  });

  test('a factor given in NODE_OPTIONS is kept', () => {
    expect(boundHeapGrowth([], '--max-old-space-size=4096 --heap_growing_percent=35')).toBe(false);
    expect(setFlags).not.toHaveBeenCalled();
  });

  test('other node options do not stop the bound', () => {
    expect(boundHeapGrowth(['--max-old-space-size=4096'], '--enable-source-maps')).toBe(true);
    expect(setFlags).toHaveBeenCalledTimes(1);
  });
});

describe('inputRead', () => {
  test('the command line bounds the heap once its input reaches 32 MiB', () => {
    ownProcessHeap();
    inputRead(LARGE_INPUT_BYTES - 1);
    expect(setFlags).not.toHaveBeenCalled();
    inputRead(LARGE_INPUT_BYTES);
    inputRead(LARGE_INPUT_BYTES * 2);
    expect(setFlags).toHaveBeenCalledTimes(1);
    expect(LARGE_INPUT_BYTES).toBe(32 * 2 ** 20);
  });

  test('a process the command line does not own is left alone however large the input', () => {
    inputRead(LARGE_INPUT_BYTES * 10);
    expect(setFlags).not.toHaveBeenCalled();
  });
});
