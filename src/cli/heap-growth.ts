/**
 * How far V8 lets the heap of the command line grow past what is live. Internal.
 *
 * After each full collection V8 sets the next limit at a multiple of the live heap (up to about
 * twice it for a process that allocates fast, as lint does while it parses). Lint holds every
 * object until all rules ran, so at a million objects (about 1.3 GB live) the heap would run to
 * about 3.4 GB before V8 collected; measured at 250,000 objects the peak RSS was 982 MB, with
 * growth bounded to 20 % 575 MB, at the same CPU time (docs/benchmarks.md). The command line owns
 * its process, so it sets the bound for itself; the library, when loaded into somebody else's
 * process (cdk8s synth, tests), leaves V8 alone.
 */
import { setFlagsFromString } from 'v8';

/** Percent the heap may grow past the live heap of the last full collection. */
export const HEAP_GROWING_PERCENT = 20;

/**
 * Bounds the heap's growth for this process, unless the user set V8's factor themselves
 * (`node --heap-growing-percent=N`, or in NODE_OPTIONS).
 */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  const given = (arg: string) => /^--heap[-_]growing[-_]percent\b/.test(arg);
  if (execArgv.some(given) || nodeOptions.split(/\s+/).some(given)) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
