// Backoff shared by request retries and watch reconnects.
import { ApiError } from './errors.js';
import type { RetryOptions } from './types.js';

export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ retries: 3, baseDelayMs: 200, maxDelayMs: 10_000 });

/** Per-call options win field by field over the constructor's, which win over the defaults. */
export function resolveRetry(base: RetryPolicy, override: RetryOptions | false | undefined): RetryPolicy {
  if (override === false) return { ...base, retries: 0 };
  return {
    retries: override?.retries ?? base.retries,
    baseDelayMs: override?.baseDelayMs ?? base.baseDelayMs,
    maxDelayMs: override?.maxDelayMs ?? base.maxDelayMs,
  };
}

/**
 * Delay before attempt `n` (1-based): exponential with a cap, jittered into [d/2, d] so that many
 * clients failing together do not come back together.
 */
export function backoffDelay(policy: RetryPolicy, n: number, random: () => number = Math.random): number {
  const exp = policy.baseDelayMs * 2 ** Math.max(0, n - 1);
  const capped = Math.min(policy.maxDelayMs, exp);
  return capped / 2 + (random() * capped) / 2;
}

/** How a verb may be repeated: 429 means the server did nothing, 5xx and network errors may mean it did. */
export type Idempotency = 'idempotent' | 'unsafe';

/**
 * Whether `error` is worth another attempt. 429 is always retried (the request was rejected before
 * it was processed). 5xx and lost connections are retried only for verbs that can safely run twice.
 * 409 Conflict never is: replace is conditional on resourceVersion, and repeating it cannot succeed.
 */
export function isRetryable(error: unknown, idempotency: Idempotency): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code === 429) return true;
  if (idempotency === 'unsafe') return false;
  return error.code === 0 || error.code === 500 || error.code === 502 || error.code === 503 || error.code === 504;
}

/** Server-given Retry-After wins over the computed backoff, even above maxDelayMs. */
export function retryDelay(policy: RetryPolicy, attempt: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
  return backoffDelay(policy, attempt);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `attempt` until it succeeds, fails for good, or the retries are spent. */
export async function withRetry<R>(
  policy: RetryPolicy,
  idempotency: Idempotency,
  signal: AbortSignal,
  attempt: () => Promise<R>,
): Promise<R> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (signal.aborted) throw signal.reason;
      if (n > policy.retries || !isRetryable(e, idempotency)) throw e;
      await sleep(retryDelay(policy, n, e), signal);
    }
  }
}
