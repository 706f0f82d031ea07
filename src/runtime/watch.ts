// The resilient watch loop: list (when needed), stream, resume from the last resourceVersion,
// relist after 410 Gone, back off when connections keep failing, and cut connections that go
// silent (a proxy that stops forwarding without closing leaves a socket that never ends).
//
// Semantics after a relist (410 Gone, or the initial list): the loop keeps the last state it
// emitted for every object (by namespace/name) and compares the fresh list against it:
//   - listed, never emitted              -> ADDED (the listed state)
//   - listed, emitted with another RV    -> MODIFIED (the listed state)
//   - listed, emitted with the same RV   -> nothing
//   - emitted, not listed any more       -> DELETED (the last emitted state)
// These events carry `relist: true`. Changes that happened in the gap are therefore collapsed into
// one event per object, never repeated and never lost: after them the consumer's view equals the list.
import { ApiError, apiErrorFromStatus, toApiError, type RequestInfo } from './errors.js';
import { isRetryable, retryDelay, sleep, type RetryPolicy } from './retry.js';
import { linkSignals } from './transport.js';
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

interface WatchLoopOptions<T> {
  readonly signal: AbortSignal;
  /** Start here without listing; without it the loop lists first. */
  readonly resourceVersion?: string | undefined;
  /** Objects the consumer already has, so a relist can report their changes and deletions. */
  readonly known?: readonly T[];
  /** `retries` = consecutive failed attempts before the loop gives up and throws. */
  readonly policy: RetryPolicy;
  /** A connection that lived this long, or delivered an object event, resets the backoff. */
  readonly healthyAfterMs?: number;
  /** A connection that delivers nothing (no event, no bookmark) for this long is cut and reopened. */
  readonly silenceMs?: number | undefined;
  /** Called once the consumer has taken every event of a list (the initial one and each relist). */
  readonly onListed?: (() => void) | undefined;
}

const HEALTHY_AFTER_MS = 5_000;
/** Default silence limit: as long as the shortest server-side lifetime a connection asks for. */
const DEFAULT_SILENCE_MS = 300_000;

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

/** What the loop remembers across connections. */
interface LoopState<T> {
  readonly known: Map<string, T>;
  /** After a list `known` holds every matching object, so a DELETED for an unknown one is stale. */
  complete: boolean;
  rv: string | undefined;
}

/** How one attempt (a list or a connection) went. */
interface Attempt {
  readonly problem?: unknown;
  /** Made progress: the backoff starts over. */
  readonly healthy: boolean;
  /** Delivered an object event or a list: the error count starts over. */
  readonly progressed: boolean;
  readonly listed?: boolean;
}

function* resync<T extends KubernetesObjectLike>(known: Map<string, T>, items: readonly T[]): Generator<WatchEvent<T>> {
  const listed = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    listed.add(key);
    const prev = known.get(key);
    if (prev !== undefined && rvOf(prev) === rvOf(item)) continue;
    known.set(key, item);
    yield { type: prev === undefined ? 'ADDED' : 'MODIFIED', object: item, relist: true };
  }
  for (const [key, prev] of known) {
    if (listed.has(key)) continue;
    known.delete(key);
    yield { type: 'DELETED', object: prev, relist: true };
  }
}

async function* listOnce<T extends KubernetesObjectLike>(
  source: WatchSource<T>, state: LoopState<T>, signal: AbortSignal,
): AsyncGenerator<WatchEvent<T>, Attempt, undefined> {
  let listed: Awaited<ReturnType<WatchSource<T>['list']>>;
  try {
    listed = await source.list(signal);
  } catch (e) {
    if (!signal.aborted && verdict(e) === 'fatal') throw e;
    return { problem: signal.aborted ? undefined : e, healthy: false, progressed: false };
  }
  state.rv = listed.resourceVersion;
  state.complete = true;
  yield* resync(state.known, listed.items);
  return { healthy: false, progressed: true, listed: true };
}

/** The event to pass on for one object event, updating the state; undefined when it repeats one. */
function track<T extends KubernetesObjectLike>(state: LoopState<T>, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T): WatchEvent<T> | undefined {
  const key = keyOf(object);
  const prev = state.known.get(key);
  if (rvOf(object)) state.rv = rvOf(object);
  if (type === 'DELETED') {
    if (prev === undefined && state.complete) return undefined;
    state.known.delete(key);
  } else {
    if (prev !== undefined && rvOf(prev) !== undefined && rvOf(prev) === rvOf(object)) return undefined;
    state.known.set(key, object);
  }
  return { type, object };
}

async function* streamOnce<T extends KubernetesObjectLike>(
  source: WatchSource<T>, state: LoopState<T>, signal: AbortSignal, limits: { silenceMs: number; healthyAfterMs: number },
): AsyncGenerator<WatchEvent<T>, Attempt, undefined> {
  const opened = Date.now();
  let progressed = false;
  let problem: unknown;
  // Cutting a silent connection aborts it: its pending read cannot be interrupted any other way.
  const cut = new AbortController();
  const silence = setTimeout(() => cut.abort(), limits.silenceMs);
  const link = linkSignals(signal, cut.signal);
  const stream = source.open(state.rv, link.signal);
  try {
    for (;;) {
      const next = await stream.next();
      if (next.done) {
        if (next.value.kind === 'error') problem = connectionProblem(next.value.error, source.request);
        break;
      }
      silence.refresh();
      const { type, object } = next.value;
      if (type === 'ERROR') {
        problem = apiErrorFromStatus((object ?? {}) as object, source.request);
        break;
      }
      if (type === 'BOOKMARK') {
        const bookmark = object as WatchBookmark;
        if (bookmark?.metadata?.resourceVersion) state.rv = bookmark.metadata.resourceVersion;
        yield { type: 'BOOKMARK', object: bookmark };
        continue;
      }
      if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') continue;
      progressed = true;
      const event = track(state, type, object as T);
      if (event !== undefined) yield event;
    }
  } finally {
    clearTimeout(silence);
    await stream.return({ kind: 'aborted' });
    link.release();
  }
  return { problem, progressed, healthy: progressed || Date.now() - opened >= limits.healthyAfterMs };
}

/** Ends quietly when `signal` aborts or the consumer leaves the loop; throws on errors it cannot outlast. */
export async function* watchLoop<T extends KubernetesObjectLike>(
  source: WatchSource<T>,
  options: WatchLoopOptions<T>,
): AsyncGenerator<WatchEvent<T>, void, undefined> {
  const { signal, policy } = options;
  const limits = { healthyAfterMs: options.healthyAfterMs ?? HEALTHY_AFTER_MS, silenceMs: options.silenceMs ?? DEFAULT_SILENCE_MS };
  const state: LoopState<T> = { known: new Map(), complete: false, rv: options.resourceVersion };
  for (const o of options.known ?? []) state.known.set(keyOf(o), o);
  let relist = state.rv === undefined;
  let unhealthy = 0; // consecutive attempts that made no progress: drives the backoff
  let errors = 0; // consecutive failed attempts: bounded by policy.retries
  for (;;) {
    if (signal.aborted) return;
    const attempt = relist ? yield* listOnce(source, state, signal) : yield* streamOnce(source, state, signal, limits);
    if (signal.aborted) return;
    if (attempt.progressed) errors = 0;
    if (attempt.listed) {
      // A good list is not a good connection: the backoff keeps growing until a stream is healthy.
      relist = false;
      options.onListed?.();
      continue;
    }
    const { problem } = attempt;
    if (problem !== undefined) {
      const v = verdict(problem);
      if (v === 'fatal') throw problem;
      if (v === 'gone') relist = true;
      else if (++errors > policy.retries) throw problem;
    }
    unhealthy = attempt.healthy ? 0 : unhealthy + 1;
    if (unhealthy > 0 && !(await pause(retryDelay(policy, unhealthy, problem), signal))) return;
  }
}
