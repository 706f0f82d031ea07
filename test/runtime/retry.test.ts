// Which failures are retried, how often, how long apart, and how a signal stops it all.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/runtime/index.js';
import { backoffDelay, DEFAULT_RETRY, resolveRetry, withRetry } from '../../src/runtime/retry.js';
import { GadgetApi, WidgetApi } from './support/kinds.js';
import { defaultHandler, startRecorder, status, type Handler, type Recorder, type Reply } from './support/recorder.js';

let server: Recorder;
let widgets: WidgetApi;
let gadgets: GadgetApi;
const fast = { retries: 3, baseDelayMs: 5, maxDelayMs: 20 };

beforeAll(async () => {
  server = await startRecorder();
  widgets = new WidgetApi({ kubeConfig: server.kubeConfig('ns1'), retry: fast, fieldManager: 'fm' });
  gadgets = new GadgetApi({ kubeConfig: server.kubeConfig() });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handler = defaultHandler;
});

/** Fails the first `n` requests with `reply`, then answers normally. */
function failFirst(n: number, reply: Reply): Handler {
  let left = n;
  return (req, res) => (left-- > 0 ? reply : defaultHandler(req, res));
}

const widget = { apiVersion: 'example.com/v1' as const, kind: 'Widget' as const, metadata: { name: 'w1', resourceVersion: '1' } };

describe('which failures are retried', () => {
  it.each<[string, Reply, () => Promise<unknown>, number]>([
    ['GET 503', status(503, 'ServiceUnavailable', 'try later'), () => widgets.get('w1'), 3],
    ['LIST 500', status(500, 'InternalError', 'boom'), () => widgets.list(), 3],
    ['DELETE 504', status(504, 'Timeout', 'slow'), () => widgets.delete('w1'), 3],
    ['deleteCollection 502', { status: 502, text: 'bad gateway' }, () => widgets.deleteCollection(), 3],
    ['apply 503 (server-side apply is idempotent)', status(503, 'ServiceUnavailable', 'x'), () => widgets.apply({ metadata: { name: 'w1' } }), 3],
    ['POST 429 (the server did nothing)', status(429, 'TooManyRequests', 'slow down'), () => widgets.create({ metadata: { name: 'w1' } }), 3],
    ['PUT 429', status(429, 'TooManyRequests', 'slow down'), () => widgets.replace(widget), 3],
    ['PATCH 429', status(429, 'TooManyRequests', 'slow down'), () => widgets.patch('w1', { type: 'merge', body: {} }), 3],
  ])('%s: retried until it succeeds', async (_name, reply, call, requests) => {
    server.handler = failFirst(requests - 1, reply);
    await call();
    expect(server.requests).toHaveLength(requests);
  });

  it.each<[string, Reply, () => Promise<unknown>]>([
    ['POST 503 (may have been created)', status(503, 'ServiceUnavailable', 'x'), () => widgets.create({ metadata: { name: 'w1' } })],
    ['PUT 500', status(500, 'InternalError', 'x'), () => widgets.replace(widget)],
    ['json PATCH 503 (not idempotent)', status(503, 'ServiceUnavailable', 'x'), () => widgets.patch('w1', { type: 'json', body: [{ op: 'add', path: '/spec/tags/-', value: 'a' }] })],
    ['PUT 409 Conflict (a stale resourceVersion stays stale)', status(409, 'Conflict', 'modified'), () => widgets.replace(widget)],
    ['GET 404', status(404, 'NotFound', 'gone'), () => widgets.get('w1')],
    ['GET 403', status(403, 'Forbidden', 'no'), () => widgets.get('w1')],
  ])('%s: sent once', async (_name, reply, call) => {
    server.handler = () => reply;
    await expect(call()).rejects.toBeInstanceOf(ApiError);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after `retries` and throws the last error', async () => {
    server.handler = () => status(503, 'ServiceUnavailable', 'down');
    await expect(widgets.get('w1')).rejects.toMatchObject({ code: 503, message: 'down' });
    expect(server.requests).toHaveLength(4);
  });

  it('per-call options win: retry:false sends once, retries:1 twice', async () => {
    server.handler = () => status(503, 'ServiceUnavailable', 'down');
    await expect(widgets.get('w1', { retry: false })).rejects.toMatchObject({ code: 503 });
    expect(server.requests).toHaveLength(1);
    await expect(widgets.get('w1', { retry: { retries: 1 } })).rejects.toMatchObject({ code: 503 });
    expect(server.requests).toHaveLength(3);
  });

  it('a reset connection on GET is retried', async () => {
    let resets = 2;
    server.handler = (req, res) => {
      if (resets-- > 0) {
        res.socket?.destroy();
        return undefined;
      }
      return defaultHandler(req, res);
    };
    await widgets.get('w1');
    expect(server.requests).toHaveLength(3);
  });

  it('a reset connection on POST is not (the object may exist now)', async () => {
    server.handler = (_req, res) => {
      res.socket?.destroy();
      return undefined;
    };
    await expect(widgets.create({ metadata: { name: 'w1' } })).rejects.toMatchObject({ code: 0, reason: 'NetworkError' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('Retry-After', () => {
  // How long the client waits is checked on a fake clock (no wall time): the retry comes exactly
  // when the clock passes what the server asked for, not a millisecond before.
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Attempts `withRetry` makes while a fake clock runs, failing the first `failures` times with `error`. */
  async function attemptsOnFakeClock(error: ApiError, failures: number): Promise<{ attempts: () => number; done: Promise<string> }> {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let attempts = 0;
    const done = withRetry(DEFAULT_RETRY, 'idempotent', new AbortController().signal, async () => {
      attempts++;
      if (attempts <= failures) throw error;
      return 'ok';
    });
    await vi.advanceTimersByTimeAsync(0);
    return { attempts: () => attempts, done };
  }

  it('is honoured (seconds), over the computed backoff', async () => {
    const { attempts, done } = await attemptsOnFakeClock(new ApiError({ code: 429, reason: 'TooManyRequests', message: 'wait', retryAfterSeconds: 2 }), 2);
    expect(attempts()).toBe(1);
    await vi.advanceTimersByTimeAsync(1999);
    expect(attempts()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts()).toBe(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(attempts()).toBe(3);
    expect(await done).toBe('ok');
  });

  it('over HTTP: the header and Status details.retryAfterSeconds both reach the retry', async () => {
    server.handler = failFirst(2, { ...status(429, 'TooManyRequests', 'wait'), headers: { 'Retry-After': '1' } });
    await gadgets.get('g1');
    expect(server.requests).toHaveLength(3);
    server.requests.length = 0;
    server.handler = failFirst(1, status(503, 'ServiceUnavailable', 'busy', { retryAfterSeconds: 1 }));
    const caught = await widgets.get('w1', { retry: false }).catch((error: unknown) => error);
    expect(caught).toMatchObject({ code: 503, retryAfterSeconds: 1 });
    server.handler = failFirst(2, { ...status(429, 'TooManyRequests', 'wait'), headers: { 'Retry-After': '1' } });
    expect(await gadgets.get('g1', { retry: false }).catch((error: unknown) => error)).toMatchObject({ code: 429, retryAfterSeconds: 1 });
  });
});

describe('abort', () => {
  it('a signal aborts a hanging request with its reason', async () => {
    server.handler = () => new Promise(() => undefined);
    await expect(widgets.get('w1', { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('a signal stops the backoff between retries', async () => {
    server.handler = () => ({ ...status(429, 'TooManyRequests', 'wait'), headers: { 'Retry-After': '30' } });
    const controller = new AbortController();
    const pending = gadgets.get('g1', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop now')), 100);
    await expect(pending).rejects.toThrow('stop now');
    expect(server.requests).toHaveLength(1);
  });
});

describe('backoff', () => {
  it('doubles from baseDelayMs, stays within [d/2, d], and is capped', () => {
    const p = { retries: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(p, n, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(p, n, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it('resolves per-call options field by field', () => {
    expect(resolveRetry(DEFAULT_RETRY, { retries: 1 })).toEqual({ retries: 1, baseDelayMs: 200, maxDelayMs: 10_000 });
    expect(resolveRetry(DEFAULT_RETRY, false)).toEqual({ retries: 0, baseDelayMs: 200, maxDelayMs: 10_000 });
    expect(resolveRetry(DEFAULT_RETRY, undefined)).toEqual(DEFAULT_RETRY);
  });
});
