/**
 * Fault injection for tests: fail the next requests with a status, reset connections, delay
 * responses, end watches after some events or drop the open ones at once. Each rule matches by method, path and watch-ness, and
 * is used up after `count` matching requests.
 */
import { booleanParam, type ApiRequest } from './http.js';

export interface RequestMatch {
  /** HTTP method, e.g. `GET` (any when omitted). */
  readonly method?: string;
  /** A string matches that path and every path below it; a RegExp is tested against the path. */
  readonly path?: string | RegExp;
  /** true: only watch requests; false: only others. */
  readonly watch?: boolean;
}

export interface FailOptions extends RequestMatch {
  /** HTTP status to answer with (a `Status` body with the matching reason). */
  readonly status: number;
  /** How many matching requests fail (default 1). */
  readonly count?: number;
  /** Sends `Retry-After` and `details.retryAfterSeconds`. */
  readonly retryAfterSeconds?: number;
  readonly message?: string;
  readonly reason?: string;
}

export interface ResetOptions extends RequestMatch {
  /** How many matching requests get their connection destroyed without an answer (default 1). */
  readonly count?: number;
}

export interface DelayOptions extends RequestMatch {
  readonly ms: number;
  /** How many matching requests are delayed (default: all until `clear()`). */
  readonly count?: number;
}

export interface WatchLimitOptions extends RequestMatch {
  /** How many watches are limited (default: all until `clear()`). */
  readonly count?: number;
}

interface Rule<T> {
  readonly options: T & RequestMatch;
  remaining: number;
}

export class Faults {
  /** @param watches how to reach the open watches (the server passes its own). */
  constructor(private readonly watches: { resetAll(): number } = { resetAll: () => 0 }) {}

  readonly #fails: Rule<FailOptions>[] = [];
  readonly #resets: Rule<ResetOptions>[] = [];
  readonly #delays: Rule<DelayOptions>[] = [];
  readonly #watchLimits: Rule<WatchLimitOptions & { events: number }>[] = [];

  /** Answers the next matching request(s) with `status` instead of serving them. */
  failNext(options: FailOptions): void {
    this.#fails.push({ options, remaining: options.count ?? 1 });
  }

  /** Destroys the connection of the next matching request(s) (the client sees a reset socket). */
  resetNext(options: ResetOptions = {}): void {
    this.#resets.push({ options, remaining: options.count ?? 1 });
  }

  /** Waits `ms` before serving matching requests. */
  delay(options: DelayOptions): void {
    this.#delays.push({ options, remaining: options.count ?? Infinity });
  }

  /** Ends matching watches after they have sent `events` events. */
  endWatchesAfter(events: number, options: WatchLimitOptions = {}): void {
    this.#watchLimits.push({ options: { ...options, events }, remaining: options.count ?? Infinity });
  }

  /** Destroys the connections of every open watch now (the client sees a dropped stream); returns how many. */
  resetWatches(): number {
    return this.watches.resetAll();
  }

  /** Removes every rule. */
  clear(): void {
    for (const list of [this.#fails, this.#resets, this.#delays, this.#watchLimits]) list.length = 0;
  }

  /** @internal The failure for this request, if a rule matches (uses it up). */
  takeFailure(request: ApiRequest): FailOptions | undefined {
    return take(this.#fails, request)?.options;
  }

  /** @internal */
  takeReset(request: ApiRequest): boolean {
    return take(this.#resets, request) !== undefined;
  }

  /** @internal Milliseconds to wait before serving this request. */
  takeDelay(request: ApiRequest): number {
    return take(this.#delays, request)?.options.ms ?? 0;
  }

  /** @internal How many events this watch may send. */
  takeWatchLimit(request: ApiRequest): number | undefined {
    return take(this.#watchLimits, request)?.options.events;
  }
}

function take<T extends RequestMatch>(rules: Rule<T>[], request: ApiRequest): Rule<T> | undefined {
  const index = rules.findIndex((rule) => rule.remaining > 0 && matches(rule.options, request));
  const rule = rules[index];
  if (!rule) return undefined;
  rule.remaining -= 1;
  if (rule.remaining <= 0) rules.splice(index, 1);
  return rule;
}

function matches(match: RequestMatch, request: ApiRequest): boolean {
  if (match.method && match.method.toUpperCase() !== request.method) return false;
  if (match.watch !== undefined && match.watch !== booleanParam(request.query, 'watch')) return false;
  const path = match.path;
  if (path === undefined) return true;
  if (typeof path === 'string') return request.path === path || request.path.startsWith(path.endsWith('/') ? path : `${path}/`);
  return path.test(request.path);
}
