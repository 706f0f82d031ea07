// V8 flags the crdgen process sets for itself (and its worker threads: V8 flags are per process),
// never the library or the in-process CLI that tests run. The code cache keys its entries by the
// flags in force (compile-cache.ts), so these get entries of their own.
//
// How the heap grows: by default V8 lets a heap grow to up to 4x what survived the last full
// collection before collecting again, so a run whose live data is ~250 MB peaked at 0.9-1 GB, mostly
// garbage of finished kinds. Growing by 30% keeps the peak near the live data at no measurable CPU
// cost (corpus: 966 MB -> 454 MB peak, 33.4 s -> 33.6 s CPU on one thread).
//
// No inlining in TurboFan: a generating run calls many small functions over schemas of every shape,
// and the optimizing compiler (on its own thread, but on the same CPUs) spent more inlining them
// than the inlined code saved. Corpus --no-cache --workers 1, 5 interleaved runs: median
// 11.97 -> 9.44 s CPU; a cold 13 KB CRD no slower (median of 10: 0.68 -> 0.65 s).
import { setFlagsFromString } from 'node:v8';

/** Percent a heap may grow by over its live size before the next full collection. */
export const HEAP_GROWING_PERCENT = 30;

export function tuneHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString('--no-turbo-inlining');
}
