import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call, MERGE, openWatch, startWithFixtures, widget, WIDGETS } from './helpers.js';

let server: TestApiServer;
beforeEach(async () => {
  server = await startWithFixtures();
});
afterEach(() => server.close());

describe('fault injection', () => {
  it('fails the next N matching requests with a Status and Retry-After', async () => {
    server.faults.failNext({ status: 429, count: 2, retryAfterSeconds: 3, method: 'GET', path: WIDGETS });
    expect((await call(server, 'POST', WIDGETS, widget('w1'))).status).toBe(201);
    const first = await call(server, 'GET', `${WIDGETS}/w1`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'injected failure (HTTP 429)',
      reason: 'TooManyRequests',
      details: { retryAfterSeconds: 3 },
      code: 429,
    });
    expect((await call(server, 'GET', WIDGETS)).status).toBe(429);
    expect((await call(server, 'GET', WIDGETS)).status).toBe(200);
  });

  it('matches paths by RegExp and lets the message and reason be chosen', async () => {
    server.faults.failNext({ status: 503, path: /\/widgets\/w1$/, message: 'etcd is sulking', reason: 'ServiceUnavailable' });
    expect((await call(server, 'GET', WIDGETS)).status).toBe(200);
    const r = await call(server, 'GET', `${WIDGETS}/w1`);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ message: 'etcd is sulking', reason: 'ServiceUnavailable' });
  });

  it('resets the next connection', async () => {
    server.faults.resetNext({ method: 'GET' });
    await expect(fetch(`${server.url}${WIDGETS}`)).rejects.toThrow();
    expect((await call(server, 'GET', WIDGETS)).status).toBe(200);
  });

  it('delays responses', async () => {
    // On a fake clock (no wall time): the delayed answer comes once the clock passes 300 ms, the
    // next request (count 1) is answered without the clock moving.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      server.faults.delay({ ms: 300, count: 1 });
      let answered = false;
      const first = call(server, 'GET', WIDGETS).then((r) => ((answered = true), r));
      while (server.requests.length === 0) await new Promise((r) => setImmediate(r));
      await vi.advanceTimersByTimeAsync(299);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await first).status).toBe(200);
      expect((await call(server, 'GET', WIDGETS)).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends watches after N events, and clear() removes every rule', async () => {
    server.faults.endWatchesAfter(2, { watch: true });
    const watch = await openWatch(server, `${WIDGETS}?watch=true`);
    await call(server, 'POST', WIDGETS, widget('a'));
    await call(server, 'POST', WIDGETS, widget('b'));
    await call(server, 'POST', WIDGETS, widget('c'));
    expect((await watch.rest()).map((e) => e.object.metadata.name)).toEqual(['a', 'b']);
    server.faults.failNext({ status: 500, count: 5 });
    server.faults.clear();
    expect((await call(server, 'GET', WIDGETS)).status).toBe(200);
  });

  it('drops every open watch at once', async () => {
    const first = await openWatch(server, `${WIDGETS}?watch=true`);
    const second = await openWatch(server, '/apis/example.com/v1/gadgets?watch=true');
    expect(server.faults.resetWatches()).toBe(2);
    expect(await first.rest()).toEqual([]);
    expect(await second.rest()).toEqual([]);
    expect(server.faults.resetWatches()).toBe(0);
  });

  it('records every request with method, path, query and headers', async () => {
    server.requests.length = 0;
    await call(server, 'GET', `${WIDGETS}?labelSelector=tier+in+%28a%2Cb%29&limit=5`, undefined, { 'x-test': '1' });
    await call(server, 'PATCH', `${WIDGETS}/none`, { spec: {} }, MERGE);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      path: WIDGETS,
      query: { labelSelector: 'tier in (a,b)', limit: '5' },
      headers: expect.objectContaining({ 'x-test': '1' }),
    });
    expect(server.requests[1]).toMatchObject({ method: 'PATCH', body: '{"spec":{}}' });
  });
});
