// How the crdgen process (and its worker threads: V8 flags are per process) grows its heap. By
// default V8 lets a heap grow to up to 4x what survived the last full collection before collecting
// again, so a run whose live data is ~250 MB peaked at 0.9-1 GB, mostly garbage of finished kinds.
// Growing by 30% keeps the peak near the live data at no measurable CPU cost (corpus: 966 MB ->
// 454 MB peak, 33.4 s -> 33.6 s CPU on one thread). Set by the crdgen process itself (bin), never by
// the library or the in-process CLI that tests run.
import { setFlagsFromString } from 'node:v8';

/** Percent a heap may grow by over its live size before the next full collection. */
export const HEAP_GROWING_PERCENT = 30;

export function tuneHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
