// A work queue with client-go's workqueue guarantees: a key added many times before it is taken
// is processed once; a key is never handed to two workers at once (an add while it is being
// processed is remembered and queues it again when the worker calls `done`); failed keys come
// back after a per-key exponential backoff until `forget`; delayed adds; and a shutdown that
// hands out nothing more but lets the work in flight finish.

/** Per-key exponential backoff: baseDelayMs * 2^(failures so far), capped at maxDelayMs. */
export class ExponentialBackoff {
  readonly #failures = new Map<string, number>();

  /** client-go's controller defaults: 5 ms doubling up to 1000 s. */
  constructor(readonly baseDelayMs = 5, readonly maxDelayMs = 1_000_000) {}

  /** The delay before the next attempt of `key`, counting this failure. */
  when(key: string): number {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** failures);
  }

  retries(key: string): number {
    return this.#failures.get(key) ?? 0;
  }

  forget(key: string): void {
    this.#failures.delete(key);
  }
}

/**
 * An overall limit on retries across keys, which client-go's default controller rate limiter puts
 * beside the per-key backoff (the larger delay wins): `perSecond` tokens a second, `burst` at once.
 */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(readonly perSecond = 10, readonly burst = 100, private readonly now: () => number = Date.now) {
    this.#tokens = burst;
    this.#last = now();
  }

  /** Takes a token; returns how many ms until it is there (0: now). */
  reserve(): number {
    const t = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) / 1000) * this.perSecond);
    this.#last = t;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens / this.perSecond) * 1000;
  }
}

export interface WorkQueueOptions<K> {
  /** Identity of an item; items with one key are one entry. Default: strings as they are, else JSON. */
  readonly key?: (item: K) => string;
  /** Backoff of addRateLimited (default 5 ms doubling up to 1000 s). */
  readonly backoff?: ExponentialBackoff;
  /** Overall limit of addRateLimited (default 10 a second, bursts of 100); false: none. */
  readonly bucket?: TokenBucket | false;
}

const defaultKey = (item: unknown): string => (typeof item === 'string' ? item : JSON.stringify(item));

export class WorkQueue<K> {
  readonly #key: (item: K) => string;
  readonly #backoff: ExponentialBackoff;
  readonly #bucket: TokenBucket | undefined;
  /** Keys ready to be handed out, oldest first; each is also in #dirty. */
  readonly #queue: string[] = [];
  /** Keys that need processing (queued, or added again while processing). */
  readonly #dirty = new Set<string>();
  readonly #processing = new Set<string>();
  /** The latest item given for each key that is queued or processing. */
  readonly #items = new Map<string, K>();
  readonly #delayed = new Map<string, { readonly at: number; readonly timer: NodeJS.Timeout }>();
  readonly #waiters: ((item: K | undefined) => void)[] = [];
  readonly #drained: (() => void)[] = [];
  #shuttingDown = false;

  constructor(options: WorkQueueOptions<K> = {}) {
    this.#key = options.key ?? defaultKey;
    this.#backoff = options.backoff ?? new ExponentialBackoff();
    this.#bucket = options.bucket === false ? undefined : (options.bucket ?? new TokenBucket());
  }

  /** Keys waiting to be handed out. */
  get length(): number {
    return this.#queue.length;
  }

  /** Keys a worker holds (between get and done). */
  get inFlight(): number {
    return this.#processing.size;
  }

  /** Keys waiting for a delayed add. */
  get delayed(): number {
    return this.#delayed.size;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  add(item: K): void {
    if (this.#shuttingDown) return;
    const key = this.#key(item);
    this.#items.set(key, item);
    if (this.#dirty.has(key)) return;
    this.#dirty.add(key);
    // Being processed: `done` queues it again, so no second worker gets it meanwhile.
    if (this.#processing.has(key)) return;
    this.#queue.push(key);
    this.#dispatch();
  }

  /** Adds `item` after `ms`; of several delayed adds of one key the earliest wins. */
  addAfter(item: K, ms: number): void {
    if (this.#shuttingDown) return;
    if (ms <= 0) {
      this.add(item);
      return;
    }
    const key = this.#key(item);
    const at = Date.now() + ms;
    const pending = this.#delayed.get(key);
    if (pending !== undefined && pending.at <= at) return;
    if (pending !== undefined) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.#delayed.delete(key);
      this.add(item);
    }, ms);
    this.#delayed.set(key, { at, timer });
  }

  /** Adds `item` after its backoff (each call without a `forget` in between doubles it) or the bucket's delay, whichever is longer. */
  addRateLimited(item: K): void {
    this.addAfter(item, Math.max(this.#backoff.when(this.#key(item)), this.#bucket?.reserve() ?? 0));
  }

  /** The key succeeded: its next failure starts the backoff from the beginning. */
  forget(item: K): void {
    this.#backoff.forget(this.#key(item));
  }

  /** How many times addRateLimited was called since the last forget. */
  numRequeues(item: K): number {
    return this.#backoff.retries(this.#key(item));
  }

  /** The next item; the caller owns its key until `done`. Undefined once the queue shuts down. */
  get(): Promise<K | undefined> {
    if (this.#queue.length > 0) return Promise.resolve(this.#take());
    if (this.#shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** The worker is finished with `item`; if it was added meanwhile it is queued again. */
  done(item: K): void {
    const key = this.#key(item);
    if (!this.#processing.delete(key)) return;
    if (this.#dirty.has(key) && !this.#shuttingDown) {
      this.#queue.push(key);
      this.#dispatch();
    } else {
      this.#dirty.delete(key);
      this.#items.delete(key);
    }
    if (this.#processing.size === 0) for (const resolve of this.#drained.splice(0)) resolve();
  }

  /**
   * Stops handing out items (waiting `get`s resolve with undefined, queued and delayed items are
   * dropped, adds are ignored) and resolves once every item in flight is `done`.
   */
  shutDown(): Promise<void> {
    this.#shuttingDown = true;
    for (const { timer } of this.#delayed.values()) clearTimeout(timer);
    this.#delayed.clear();
    for (const key of this.#queue.splice(0)) {
      this.#dirty.delete(key);
      this.#items.delete(key);
    }
    for (const resolve of this.#waiters.splice(0)) resolve(undefined);
    if (this.#processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  #take(): K {
    const key = this.#queue.shift()!;
    this.#dirty.delete(key);
    this.#processing.add(key);
    return this.#items.get(key)!;
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && this.#waiters.length > 0) this.#waiters.shift()!(this.#take());
  }
}
