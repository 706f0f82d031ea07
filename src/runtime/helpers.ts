// waitFor and update: the two loops users otherwise write by hand (poll until ready; read,
// change, write, retry on conflict), built on the verbs of the API class.
import { isConflict, isNotFound } from './errors.js';
import { backoffDelay, sleep } from './retry.js';
import { defined, linkSignals } from './transport.js';
import type { KubernetesObjectLike, RetryOptions, WatchEvent } from './types.js';

export type Predicate<T> = (object: T) => boolean | Promise<boolean>;
/** Change the object in place, or return a new one. */
export type Mutate<T> = (object: T) => T | void | Promise<T | void>;

export class WaitForError extends Error {
  /** `Timeout`: the predicate did not hold in time. `Deleted`: the object went away. */
  readonly reason: 'Timeout' | 'Deleted';
  /** The last state seen, if the object was ever seen. */
  readonly lastSeen: unknown;

  constructor(reason: 'Timeout' | 'Deleted', message: string, lastSeen: unknown) {
    super(message);
    this.name = 'WaitForError';
    this.reason = reason;
    this.lastSeen = lastSeen;
  }
}

interface HelperCallOptions {
  readonly namespace?: string;
  readonly signal?: AbortSignal;
  readonly retry?: RetryOptions | false;
}
interface HelperWatchOptions extends HelperCallOptions {
  readonly fieldSelector?: string;
  readonly resourceVersion?: string;
}

/** What the helpers need from the API object; options are scope-checked by the public methods. */
export interface HelperHost<T> {
  readonly kind: string;
  readonly namespaced: boolean;
  readonly defaultNamespace: string;
  readonly lifetime: AbortSignal;
  get(name: string, options?: HelperCallOptions): Promise<T>;
  replace(body: T, options?: object): Promise<T>;
  watchFrom(options: HelperWatchOptions, known: readonly T[]): AsyncGenerator<WatchEvent<T>, void, undefined>;
}

interface WaitOptions {
  readonly namespace?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly retry?: RetryOptions | false | undefined;
  readonly timeoutMs?: number | undefined;
}

export async function waitForObject<T extends KubernetesObjectLike>(
  host: HelperHost<T>, name: string, predicate: Predicate<T>, options: WaitOptions,
): Promise<T> {
  const namespace = host.namespaced ? (options.namespace ?? host.defaultNamespace) : undefined;
  const label = `${host.kind} ${namespace === undefined ? '' : `${namespace}/`}${name}`;
  let last: T | undefined;
  const timer = new AbortController();
  const link = linkSignals(timer.signal, options.signal);
  const signal = link.signal;
  const timeoutMs = options.timeoutMs;
  const handle = timeoutMs === undefined ? undefined : setTimeout(() => {
    const state = last === undefined ? 'it was never seen' : `last seen at resourceVersion ${last.metadata?.resourceVersion}`;
    timer.abort(new WaitForError('Timeout', `Timed out after ${timeoutMs} ms waiting for ${label} (${state})`, last));
  }, timeoutMs);
  const call = defined({ namespace, signal, retry: options.retry });
  try {
    try {
      last = await host.get(name, call);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (last !== undefined && (await predicate(last))) return last;
    // Watching from the version just read loses nothing between the read and the watch.
    const watchOptions = { ...call, fieldSelector: `metadata.name=${name}`, ...defined({ resourceVersion: last?.metadata?.resourceVersion }) };
    for await (const event of host.watchFrom(watchOptions, last === undefined ? [] : [last])) {
      if (event.type === 'BOOKMARK') continue;
      if (event.type === 'DELETED') throw new WaitForError('Deleted', `${label} was deleted while waiting for it`, event.object);
      last = event.object;
      if (await predicate(event.object)) return event.object;
    }
    // The watch only ends when aborted: by the caller, the timeout, or dispose.
    throw signal.aborted ? signal.reason : host.lifetime.reason;
  } catch (e) {
    if (signal.aborted) throw signal.reason;
    throw e;
  } finally {
    clearTimeout(handle);
    link.release();
  }
}

interface UpdateOpts extends WaitOptions {
  readonly retries?: number | undefined;
}

export async function updateObject<T extends KubernetesObjectLike>(
  host: HelperHost<T>, name: string, mutate: Mutate<T>, options: UpdateOpts,
): Promise<T> {
  const { retries = 5, timeoutMs: _unused, ...writeOptions } = options;
  const read = defined({ namespace: options.namespace, signal: options.signal, retry: options.retry });
  const link = linkSignals(host.lifetime, options.signal);
  try {
    return await updateLoop(host, name, mutate, { retries, read, writeOptions, signal: link.signal });
  } finally {
    link.release();
  }
}

async function updateLoop<T extends KubernetesObjectLike>(host: HelperHost<T>, name: string, mutate: Mutate<T>,
  o: { retries: number; read: object; writeOptions: object; signal: AbortSignal }): Promise<T> {
  const { retries, read, writeOptions, signal } = o;
  for (let attempt = 1; ; attempt++) {
    const current = await host.get(name, read);
    const resourceVersion = current.metadata?.resourceVersion;
    // validate: true checks the write as an update of what was read (mutate may change it in place).
    const write = (writeOptions as { validate?: unknown }).validate === true ? { ...writeOptions, validate: { old: structuredClone(current) } } : writeOptions;
    const next = (await mutate(current)) ?? current;
    if (next.metadata?.name !== undefined && next.metadata.name !== name) {
      throw new Error(`${host.kind} update: mutate renamed the object from ${name} to ${next.metadata.name}`);
    }
    // Keep the replace conditional on the version read, even if mutate built a fresh object.
    const body = next.metadata?.resourceVersion !== undefined ? next
      : { ...next, metadata: { ...next.metadata, name, ...defined({ resourceVersion }) } };
    try {
      return await host.replace(body, write);
    } catch (e) {
      if (!isConflict(e) || attempt > retries) throw e;
    }
    await sleep(backoffDelay({ retries, baseDelayMs: 10, maxDelayMs: 1_000 }, attempt), signal);
  }
}
