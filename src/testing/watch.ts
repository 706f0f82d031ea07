/**
 * Watch streams: `{"type":...,"object":...}` lines on a chunked 200 response, headers flushed at
 * once. Replays the event history after a resourceVersion (410 Expired as an ERROR event when it is
 * too old), sends synthetic ADDED events when the resourceVersion is absent or "0", follows label
 * selector transitions as the real server does (an object leaving the selection is DELETED), and
 * sends bookmarks when asked.
 */
import type { ServerResponse } from 'node:http';
import { objectAt, type JsonObject } from './json.js';
import { inVersion } from './objects.js';
import { apiVersionOf, typeKey, type ResourceRef } from './registry.js';
import type { Selector } from './selectors.js';
import { parseResourceVersion } from './list-options.js';
import { StatusError } from './status.js';
import { identity, type ObjectStore, type StoreEvent } from './store.js';
import { toTable, type IncludeObject } from './table.js';

interface WatchRequest {
  readonly ref: ResourceRef;
  /** Undefined: every namespace (or a cluster-scoped type). */
  readonly namespace: string | undefined;
  readonly labels: Selector;
  readonly fields: Selector;
  readonly resourceVersion: string | null;
  readonly allowBookmarks: boolean;
  readonly sendInitialEvents: boolean;
  /** As sent; absent or 0: a random time between the minimum request timeout and twice it. */
  readonly timeoutSeconds: number | undefined;
  /** Send each object as a one-row Table (kubectl's Accept). */
  readonly table: boolean;
  readonly includeObject: IncludeObject;
  /** End the stream after this many events (fault injection). */
  readonly eventLimit: number | undefined;
}

interface WatchOptions {
  readonly bookmarkIntervalMs: number;
  /** kube-apiserver's --min-request-timeout, in seconds (default 1800). */
  readonly minRequestTimeoutSeconds: number;
  /** Unread output a watcher may hold beyond its initial events before it is ended. */
  readonly bufferBytes: number;
}

/** Node's timers take at most 2^31-1 ms; longer watches end then (about 24 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How long a watch lasts, as get.go's handleWatch picks it: `timeoutSeconds` when given and not 0,
 * else `minRequestTimeout * (1 + rand)` so that watches opened together do not all end together.
 */
export function watchTimeoutMs(timeoutSeconds: number | undefined, minRequestTimeoutSeconds: number): number {
  if (timeoutSeconds !== undefined && timeoutSeconds !== 0) return Math.min(MAX_TIMER_MS, Math.max(0, timeoutSeconds * 1000));
  return minRequestTimeoutSeconds * 1000 * (1 + Math.random());
}

interface ActiveWatch {
  readonly typeKey: string;
  end(): void;
  /** Drops the connection without ending the stream (fault injection). */
  reset(): void;
}

export class WatchHub {
  readonly #active = new Set<ActiveWatch>();

  constructor(
    private readonly store: ObjectStore,
    private readonly options: WatchOptions,
  ) {}

  get size(): number {
    return this.#active.size;
  }

  /** Validates the request (throws 400 before any header is sent), then streams until closed. */
  start(response: ServerResponse, request: WatchRequest): void {
    const rv = request.resourceVersion;
    const parsed = parseResourceVersion(rv ?? '');
    // The cacher returns the storage's InvalidError as it is, which the handler answers as a 500 Status.
    if (typeof parsed === 'string') throw new StatusError(500, '', parsed);
    const fromStart = parsed === 0 || request.sendInitialEvents;
    response.writeHead(200, {
      'content-type': 'application/json',
      'cache-control': 'no-cache, private',
      'transfer-encoding': 'chunked',
    });
    response.flushHeaders();
    new WatchStream(this.store, this.#active, response, request, this.options).run(fromStart ? undefined : parsed);
  }

  /** Ends every watch on one resource type (its CRD is gone). */
  endType(key: string): void {
    for (const watch of [...this.#active]) if (watch.typeKey === key) watch.end();
  }

  endAll(): void {
    for (const watch of [...this.#active]) watch.end();
  }

  /** Destroys every watch connection; returns how many there were. */
  resetAll(): number {
    const all = [...this.#active];
    for (const watch of all) watch.reset();
    return all.length;
  }
}

class WatchStream implements ActiveWatch {
  readonly typeKey: string;
  #sent = 0;
  #ended = false;
  #headersSent = false;
  #bufferLimit = Infinity;
  #since = 0;
  #unsubscribe: () => void = () => {};
  readonly #timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly active: Set<ActiveWatch>,
    private readonly response: ServerResponse,
    private readonly request: WatchRequest,
    private readonly options: WatchOptions,
  ) {
    this.typeKey = typeKey(request.ref.type);
  }

  run(fromResourceVersion: number | undefined): void {
    this.#since = fromResourceVersion ?? 0;
    this.active.add(this);
    this.response.on('close', () => this.#cleanup());
    let backlog: StoreEvent[];
    try {
      backlog = fromResourceVersion === undefined ? [] : this.store.eventsSince(fromResourceVersion);
    } catch (error) {
      if (!(error instanceof StatusError)) throw error;
      this.#write({ type: 'ERROR', object: error.toStatus() });
      this.end();
      return;
    }
    if (fromResourceVersion === undefined) {
      const key = this.typeKey;
      for (const object of this.store.list(key, this.request.namespace)) {
        if (this.#matches(object)) this.#send('ADDED', object);
      }
      if (this.request.sendInitialEvents && this.request.allowBookmarks) this.#bookmark(true);
    }
    for (const event of backlog) this.#onEvent(event);
    if (this.#ended) return;
    this.#unsubscribe = this.store.subscribe((event) => this.#onEvent(event));
    if (this.request.allowBookmarks && this.options.bookmarkIntervalMs > 0) {
      this.#timers.push(setInterval(() => this.#bookmark(false), this.options.bookmarkIntervalMs));
    }
    const timeoutMs = watchTimeoutMs(this.request.timeoutSeconds, this.options.minRequestTimeoutSeconds);
    this.#timers.push(
      setTimeout(() => {
        if (this.request.allowBookmarks) this.#bookmark(false);
        this.end();
      }, timeoutMs),
    );
    // From here on, output the client leaves unread counts against its buffer.
    this.#bufferLimit = this.response.writableLength + this.options.bufferBytes;
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#cleanup();
    this.response.end();
  }

  reset(): void {
    this.#ended = true;
    this.#cleanup();
    this.response.destroy();
  }

  #cleanup(): void {
    this.#unsubscribe();
    for (const timer of this.#timers) clearInterval(timer);
    this.active.delete(this);
  }

  #onEvent(event: StoreEvent): void {
    // The cacher sends only events newer than the watch's resourceVersion, also one from the future.
    if (this.#ended || event.typeKey !== this.typeKey || event.resourceVersion <= this.#since) return;
    const nowMatches = this.#matches(event.object);
    const before = event.previous;
    if (event.type === 'ADDED') {
      if (nowMatches) this.#send('ADDED', event.object);
    } else if (event.type === 'DELETED') {
      if (nowMatches || (before !== undefined && this.#matches(before))) this.#send('DELETED', event.object);
    } else {
      const wasMatching = before !== undefined && this.#matches(before);
      if (wasMatching && nowMatches) this.#send('MODIFIED', event.object);
      else if (nowMatches) this.#send('ADDED', event.object);
      else if (wasMatching) this.#send('DELETED', event.object);
    }
  }

  #matches(object: JsonObject): boolean {
    const ns = this.request.namespace;
    if (ns !== undefined && identity(object).namespace !== ns) return false;
    return this.request.labels(object) && this.request.fields(object);
  }

  #send(type: 'ADDED' | 'MODIFIED' | 'DELETED', stored: JsonObject): void {
    const object = inVersion(stored, this.request.ref);
    if (!this.request.table) {
      this.#write({ type, object });
      return;
    }
    const meta = { resourceVersion: String(objectAt(object, 'metadata').resourceVersion ?? '') };
    const table = toTable(this.request.ref, [object], meta, {
      includeObject: this.request.includeObject,
      noHeaders: this.#headersSent,
    });
    this.#headersSent = true;
    this.#write({ type, object: table });
  }

  #bookmark(initialEventsEnd: boolean): void {
    const { ref } = this.request;
    const metadata: JsonObject = { resourceVersion: String(this.store.resourceVersion) };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    this.#write({ type: 'BOOKMARK', object: { kind: ref.type.kind, apiVersion: apiVersionOf(ref.type.group, ref.version.name), metadata } });
  }

  #write(event: JsonObject): void {
    if (this.#ended) return;
    this.response.write(`${JSON.stringify(event)}\n`);
    this.#sent += 1;
    // A client that stopped reading: end its watch, as the cacher ends watchers whose buffer is full.
    if (this.response.writableLength > this.#bufferLimit) {
      this.end();
      return;
    }
    const limit = this.request.eventLimit;
    if (limit !== undefined && this.#sent >= limit && event.type !== 'ERROR') this.end();
  }
}
