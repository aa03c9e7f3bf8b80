/**
 * How far V8 lets the heap of the command line grow past what is live. Internal.
 *
 * After each full collection V8 sets the next limit at a multiple of the live heap (up to about
 * twice it for a process that allocates fast, as lint does while it parses). Lint holds every
 * object until all rules ran, so at a million objects (about 1.3 GB live) the heap would run to
 * about 3.4 GB before V8 collected; at 250,000 objects the peak RSS was 982 MB, and 575 MB with
 * growth bounded to 20 %, at the same CPU time. A million objects peaked at 1,846–1,906 MiB with
 * 20 % and 1,819 MiB with 10 %, for about 5 % more CPU; 10 % keeps room under 2 GB
 * (docs/benchmarks.md). On small inputs the bound
 * only costs collections (about 15 % more CPU at 16,000 objects for 40 MB less), so it is set
 * once the input read passes LARGE_INPUT_BYTES. The command line owns its process and sets it
 * for itself; the library, when loaded into somebody else's process (cdk8s synth, tests, an
 * in-process `main()`), leaves V8 alone.
 */
import { setFlagsFromString } from 'v8';

/** Percent the heap may grow past the live heap of the last full collection. */
export const HEAP_GROWING_PERCENT = 10;
/** Input size from which the bound pays: about 85,000 objects of typical manifests. */
export const LARGE_INPUT_BYTES = 32 * 2 ** 20;

let owned = false;
let bounded = false;

/** Says that this process is the command line's own (`runCli`), so it may tune V8 for itself. */
export function ownProcessHeap(): void {
  owned = true;
}

/**
 * Called as input is read, with the bytes read so far: once they reach LARGE_INPUT_BYTES in a
 * process the command line owns, bounds the heap's growth (once).
 */
export function inputRead(totalBytes: number): void {
  if (!owned || bounded || totalBytes < LARGE_INPUT_BYTES) return;
  bounded = true;
  boundHeapGrowth();
}

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

/** Forgets ownership and the bound (tests only). */
export function resetHeapGrowthState(): void {
  owned = false;
  bounded = false;
}
