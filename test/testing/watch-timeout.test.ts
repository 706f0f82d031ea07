/**
 * Watch lifetimes and history as kube-apiserver has them: k8s.io/apiserver
 * pkg/endpoints/handlers/get.go handleWatch ends a watch after timeoutSeconds, or, without it, after
 * minRequestTimeout * (1 + rand) (--min-request-timeout, default 1800 s); the cacher answers a
 * resourceVersion older than its window with 410 "too old resource version: X (Y)".
 */
import { describe, expect, it } from 'vitest';
import { watchTimeoutMs } from '../../src/testing/watch.js';
import { call, openWatch, startWithFixtures, widget, WIDGETS } from './helpers.js';

describe('watch timeout', () => {
  it('picks timeoutSeconds when given, else a random time in [min, 2 * min)', () => {
    expect(watchTimeoutMs(30, 1800)).toBe(30_000);
    const picks = Array.from({ length: 200 }, () => watchTimeoutMs(undefined, 1800));
    expect(picks.every((ms) => ms >= 1_800_000 && ms < 3_600_000)).toBe(true);
    expect(new Set(picks).size).toBeGreaterThan(1);
    // timeoutSeconds=0 means "the server's choice", as in get.go.
    expect(watchTimeoutMs(0, 2)).toBeGreaterThanOrEqual(2000);
  });

  it('ends a watch opened without timeoutSeconds by itself, with no error event', async () => {
    await using server = await startWithFixtures({ minRequestTimeoutSeconds: 0.2 });
    await call(server, 'POST', WIDGETS, widget('a'));
    const watch = await openWatch(server, `${WIDGETS}?watch=true`);
    // rest() resolves only when the server ends the stream.
    const events = await watch.rest(120_000);
    expect(events.map((e) => e.type)).toEqual(['ADDED']);
  });

  it('lets timeoutSeconds win over the server default', async () => {
    await using server = await startWithFixtures({ minRequestTimeoutSeconds: 3600 });
    const watch = await openWatch(server, `${WIDGETS}?watch=true&timeoutSeconds=1`);
    expect(await watch.rest(120_000)).toEqual([]);
  });

  it('ends a watch at once for a negative timeoutSeconds, as an expired context does', async () => {
    await using server = await startWithFixtures();
    const watch = await openWatch(server, `${WIDGETS}?watch=true&timeoutSeconds=-1`);
    expect(await watch.rest(120_000)).toEqual([]);
  });
});

describe('watch history', () => {
  it('answers a watch from before a compaction with a 410 ERROR event naming the oldest resourceVersion left', async () => {
    await using server = await startWithFixtures();
    await call(server, 'POST', WIDGETS, widget('a'));
    const old = (await call(server, 'GET', WIDGETS)).body.metadata.resourceVersion as string;
    await call(server, 'POST', WIDGETS, widget('b'));
    const now = (await call(server, 'GET', WIDGETS)).body.metadata.resourceVersion as string;
    server.compact(now);
    const watch = await openWatch(server, `${WIDGETS}?watch=true&resourceVersion=${Number(old) - 1}`);
    const events = await watch.rest(120_000);
    expect(events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({ code: 410, reason: 'Expired', message: `too old resource version: ${Number(old) - 1} (${now})` }),
      },
    ]);
    const fromNow = await openWatch(server, `${WIDGETS}?watch=true&resourceVersion=${now}`);
    await call(server, 'POST', WIDGETS, widget('c'));
    expect((await fromNow.next(120_000))?.object.metadata.name).toBe('c');
    fromNow.close();
  });

  it('sends only events newer than a resourceVersion from the future, as the cacher does', async () => {
    await using server = await startWithFixtures();
    const now = Number((await call(server, 'GET', WIDGETS)).body.metadata.resourceVersion);
    const watch = await openWatch(server, `${WIDGETS}?watch=true&resourceVersion=${now + 2}`);
    for (const name of ['a', 'b', 'c']) await call(server, 'POST', WIDGETS, widget(name));
    expect((await watch.next(120_000))?.object.metadata.name).toBe('c');
    watch.close();
  });
});
