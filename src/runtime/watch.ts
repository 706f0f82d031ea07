// The resilient watch loop: list (when needed), stream, resume from the last resourceVersion,
// relist after 410 Gone, back off when connections keep failing.
//
// Semantics after a relist (410 Gone, or the initial list): the loop keeps the last state it
// emitted for every object (by namespace/name) and compares the fresh list against it:
//   - listed, never emitted              -> ADDED (the listed state)
//   - listed, emitted with another RV    -> MODIFIED (the listed state)
//   - listed, emitted with the same RV   -> nothing
//   - emitted, not listed any more       -> DELETED (the last emitted state)
// Changes that happened in the gap are therefore collapsed into one event per object, never
// repeated and never lost: after the synthetic events the consumer's view equals the list.
import { ApiError, apiErrorFromStatus, toApiError, type RequestInfo } from './errors.js';
import { isRetryable, retryDelay, sleep, type RetryPolicy } from './retry.js';
import type { RawEvent, StreamEnd } from './stream.js';
import type { KubernetesObjectLike, WatchBookmark, WatchEvent } from './types.js';

export interface WatchSource<T> {
  /** Every matching object (all pages) and the resourceVersion of that list. */
  list(signal: AbortSignal): Promise<{ items: T[]; resourceVersion: string | undefined }>;
  /** One connection, from `resourceVersion` on. */
  open(resourceVersion: string | undefined, signal: AbortSignal): AsyncGenerator<RawEvent, StreamEnd, undefined>;
  /** The watch request, for error messages. */
  readonly request: RequestInfo;
}

export interface WatchLoopOptions<T> {
  readonly signal: AbortSignal;
  /** Start here without listing; without it the loop lists first. */
  readonly resourceVersion?: string | undefined;
  /** Objects the consumer already has, so a relist can report their changes and deletions. */
  readonly known?: readonly T[];
  /** `retries` = consecutive failed attempts before the loop gives up and throws. */
  readonly policy: RetryPolicy;
  /** A connection that lived this long, or delivered an object event, resets the backoff. */
  readonly healthyAfterMs?: number;
}

export const HEALTHY_AFTER_MS = 5_000;

const keyOf = (o: KubernetesObjectLike) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
const rvOf = (o: KubernetesObjectLike) => o.metadata?.resourceVersion;

type Verdict = 'gone' | 'transient' | 'fatal';

function verdict(error: unknown): Verdict {
  if (error instanceof ApiError) {
    if (error.code === 410) return 'gone';
    return isRetryable(error, 'idempotent') ? 'transient' : 'fatal';
  }
  return 'fatal';
}

/** What a failed connection means. Undefined: treat it as a normal close. */
function connectionProblem(error: unknown, request: RequestInfo): unknown {
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number') return apiErrorFromStatus({ code: statusCode }, request);
  // client-node 2.x ends a watch idle for 30 s with TimeoutError: a drop like any other.
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return undefined;
  return toApiError(error, request);
}

/** Sleeps unless aborted; false when aborted. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, signal);
    return true;
  } catch {
    return false;
  }
}

function* resync<T extends KubernetesObjectLike>(known: Map<string, T>, items: readonly T[]): Generator<WatchEvent<T>> {
  const listed = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    listed.add(key);
    const prev = known.get(key);
    if (prev !== undefined && rvOf(prev) === rvOf(item)) continue;
    known.set(key, item);
    yield { type: prev === undefined ? 'ADDED' : 'MODIFIED', object: item };
  }
  for (const [key, prev] of known) {
    if (listed.has(key)) continue;
    known.delete(key);
    yield { type: 'DELETED', object: prev };
  }
}

/** Ends quietly when `signal` aborts or the consumer leaves the loop; throws on errors it cannot outlast. */
export async function* watchLoop<T extends KubernetesObjectLike>(
  source: WatchSource<T>,
  options: WatchLoopOptions<T>,
): AsyncGenerator<WatchEvent<T>, void, undefined> {
  const { signal, policy } = options;
  const healthyAfterMs = options.healthyAfterMs ?? HEALTHY_AFTER_MS;
  const known = new Map<string, T>();
  for (const o of options.known ?? []) known.set(keyOf(o), o);
  // After a list `known` holds every matching object, so a DELETED for an unknown one is stale.
  let complete = false;
  let rv = options.resourceVersion;
  let relist = rv === undefined;
  let unhealthy = 0; // consecutive attempts that made no progress: drives the backoff
  let errors = 0; // consecutive failed attempts: bounded by policy.retries

  const fail = (problem: unknown): void => {
    errors++;
    if (errors > policy.retries) throw problem;
  };

  for (;;) {
    if (signal.aborted) return;
    let problem: unknown;
    let healthy = false;
    if (relist) {
      let listed: Awaited<ReturnType<WatchSource<T>['list']>> | undefined;
      try {
        listed = await source.list(signal);
      } catch (e) {
        if (signal.aborted) return;
        if (verdict(e) === 'fatal') throw e;
        problem = e;
        fail(e);
      }
      if (listed !== undefined) {
        // A good list is not a good connection: the backoff keeps growing until a stream is healthy.
        rv = listed.resourceVersion;
        relist = false;
        complete = true;
        yield* resync(known, listed.items);
        continue;
      }
    } else {
      const opened = Date.now();
      let progressed = false;
      const stream = source.open(rv, signal);
      try {
        for (;;) {
          const next = await stream.next();
          if (next.done) {
            if (next.value.kind === 'error') problem = connectionProblem(next.value.error, source.request);
            break;
          }
          const event = next.value;
          if (event.type === 'ERROR') {
            problem = apiErrorFromStatus((event.object ?? {}) as object, source.request);
            break;
          }
          if (event.type === 'BOOKMARK') {
            const bookmark = event.object as WatchBookmark;
            if (bookmark?.metadata?.resourceVersion) rv = bookmark.metadata.resourceVersion;
            yield { type: 'BOOKMARK', object: bookmark };
            continue;
          }
          if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') continue;
          const object = event.object as T;
          const key = keyOf(object);
          const prev = known.get(key);
          if (rvOf(object)) rv = rvOf(object);
          progressed = true;
          errors = 0;
          if (event.type === 'DELETED') {
            if (prev === undefined && complete) continue;
            known.delete(key);
          } else {
            if (prev !== undefined && rvOf(prev) !== undefined && rvOf(prev) === rvOf(object)) continue;
            known.set(key, object);
          }
          yield { type: event.type, object };
        }
      } finally {
        await stream.return({ kind: 'aborted' });
      }
      if (signal.aborted) return;
      healthy = progressed || Date.now() - opened >= healthyAfterMs;
      if (problem !== undefined) {
        const v = verdict(problem);
        if (v === 'fatal') throw problem;
        if (v === 'gone') relist = true;
        else fail(problem);
      }
    }
    unhealthy = healthy ? 0 : unhealthy + 1;
    if (unhealthy > 0 && !(await pause(retryDelay(policy, unhealthy, problem), signal))) return;
  }
}
