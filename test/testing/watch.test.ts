import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { call, MERGE, openWatch, startWithFixtures, TABLE_ACCEPT, widget, WIDGETS } from './helpers.js';

let server: TestApiServer;
beforeEach(async () => {
  server = await startWithFixtures({ eventHistorySize: 5 });
});
afterEach(() => server.close());

const names = (events: { type: string; object: { metadata: { name: string } } }[]) =>
  events.map((e) => `${e.type} ${e.object.metadata.name}`);

describe('watch', () => {
  it('flushes headers at once, then streams ADDED, MODIFIED and DELETED', async () => {
    const list = await call(server, 'GET', WIDGETS);
    const watch = await openWatch(server, `${WIDGETS}?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`);
    expect(watch.status).toBe(200);
    expect(watch.headers.get('content-type')).toBe('application/json');
    await call(server, 'POST', WIDGETS, widget('w1'));
    await call(server, 'PATCH', `${WIDGETS}/w1`, { spec: { size: 2 } }, MERGE);
    await call(server, 'DELETE', `${WIDGETS}/w1`);
    const events = [await watch.next(), await watch.next(), await watch.next()];
    expect(events.map((e) => e?.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events[1]?.object.spec.size).toBe(2);
    expect(events[1]?.object.apiVersion).toBe('example.com/v1');
    expect(Number(events[2]?.object.metadata.resourceVersion)).toBeGreaterThan(Number(events[1]?.object.metadata.resourceVersion));
    watch.close();
  });

  it('sends synthetic ADDED events for existing objects when resourceVersion is absent or 0', async () => {
    await call(server, 'POST', WIDGETS, widget('a'));
    await call(server, 'POST', WIDGETS, widget('b'));
    for (const query of ['watch=true', 'watch=true&resourceVersion=0']) {
      const watch = await openWatch(server, `${WIDGETS}?${query}`);
      expect(names([(await watch.next())!, (await watch.next())!])).toEqual(['ADDED a', 'ADDED b']);
      watch.close();
    }
    const one = await openWatch(server, `${WIDGETS}?fieldSelector=metadata.name%3Db&resourceVersion=0&watch=true`);
    expect(names([(await one.next())!])).toEqual(['ADDED b']);
    await call(server, 'PATCH', `${WIDGETS}/a`, { spec: { size: 3 } }, MERGE);
    await call(server, 'PATCH', `${WIDGETS}/b`, { spec: { size: 3 } }, MERGE);
    expect(names([(await one.next())!])).toEqual(['MODIFIED b']);
    one.close();
  });

  it('replays history after a resourceVersion', async () => {
    const first = (await call(server, 'POST', WIDGETS, widget('a'))).body;
    await call(server, 'POST', WIDGETS, widget('b'));
    await call(server, 'PATCH', `${WIDGETS}/a`, { spec: { size: 2 } }, MERGE);
    const watch = await openWatch(server, `${WIDGETS}?watch=true&resourceVersion=${first.metadata.resourceVersion}`);
    expect(names([(await watch.next())!, (await watch.next())!])).toEqual(['ADDED b', 'MODIFIED a']);
    watch.close();
  });

  it('answers a resourceVersion older than the kept history with an ERROR event: 410 Expired', async () => {
    const first = (await call(server, 'POST', WIDGETS, widget('a'))).body;
    for (let i = 2; i <= 7; i++) await call(server, 'PATCH', `${WIDGETS}/a`, { spec: { size: i } }, MERGE);
    const watch = await openWatch(server, `${WIDGETS}?watch=true&resourceVersion=${first.metadata.resourceVersion}`);
    expect(watch.status).toBe(200);
    const events = await watch.rest();
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({
      type: 'ERROR',
      object: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: expect.stringMatching(/^too old resource version: \d+ \(\d+\)$/),
        reason: 'Expired',
        code: 410,
      },
    });
  });

  it('turns label-selector transitions into ADDED and DELETED', async () => {
    await call(server, 'POST', WIDGETS, widget('a', { color: 'red' }, { labels: { tier: 'silver' } }));
    const rv = (await call(server, 'GET', WIDGETS)).body.metadata.resourceVersion;
    const watch = await openWatch(server, `${WIDGETS}?watch=true&labelSelector=tier%3Dgold&resourceVersion=${rv}`);
    await call(server, 'PATCH', `${WIDGETS}/a`, { metadata: { labels: { tier: 'gold' } } }, MERGE);
    await call(server, 'PATCH', `${WIDGETS}/a`, { spec: { size: 4 } }, MERGE);
    await call(server, 'PATCH', `${WIDGETS}/a`, { metadata: { labels: { tier: 'bronze' } } }, MERGE);
    const events = [(await watch.next())!, (await watch.next())!, (await watch.next())!];
    expect(names(events)).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
    watch.close();
  });

  it('sends bookmarks when allowed, and ends after timeoutSeconds', async () => {
    const local = await startWithFixtures({ bookmarkIntervalMs: 100 });
    try {
      const watch = await openWatch(local, `${WIDGETS}?watch=true&allowWatchBookmarks=true&timeoutSeconds=1`);
      // rest() returns once the server ends the stream (timeoutSeconds), with a bookmark before the close.
      const events = await watch.rest();
      expect(events.length).toBeGreaterThanOrEqual(2);
      expect(events.every((e) => e.type === 'BOOKMARK')).toBe(true);
      expect(events[0]?.object).toEqual({ kind: 'Widget', apiVersion: 'example.com/v1', metadata: { resourceVersion: expect.stringMatching(/^\d+$/) } });
    } finally {
      await local.close();
    }
  });

  it('marks the end of initial events with sendInitialEvents', async () => {
    await call(server, 'POST', WIDGETS, widget('a'));
    const watch = await openWatch(server, `${WIDGETS}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan`);
    expect((await watch.next())?.type).toBe('ADDED');
    const bookmark = await watch.next();
    expect(bookmark?.type).toBe('BOOKMARK');
    expect(bookmark?.object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    watch.close();
  });

  it('sends one-row Tables (column definitions only first) for kubectl get -w', async () => {
    await call(server, 'POST', WIDGETS, widget('a'));
    const watch = await openWatch(server, `${WIDGETS}?watch=true`, { accept: TABLE_ACCEPT });
    const first = await watch.next();
    expect(first?.object.kind).toBe('Table');
    expect(first?.object.rows[0].cells[0]).toBe('a');
    expect(first?.object.columnDefinitions).toHaveLength(5);
    await call(server, 'PATCH', `${WIDGETS}/a`, { spec: { color: 'blue' } }, MERGE);
    const second = await watch.next();
    expect(second?.type).toBe('MODIFIED');
    expect(second?.object.columnDefinitions).toBeNull();
    expect(second?.object.rows[0].cells[1]).toBe('blue');
    watch.close();
  });

  it('watches across namespaces and cluster-scoped types', async () => {
    const watch = await openWatch(server, '/apis/example.com/v1/widgets?watch=true');
    await call(server, 'POST', '/apis/example.com/v1/namespaces/team/widgets', widget('t'));
    expect((await watch.next())?.object.metadata.namespace).toBe('team');
    watch.close();
    const gadgets = await openWatch(server, '/apis/example.com/v1/gadgets?watch=true');
    await call(server, 'POST', '/apis/example.com/v1/gadgets', { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' } });
    expect((await gadgets.next())?.object.metadata.name).toBe('g');
    gadgets.close();
  });

  it('ends watches of a resource whose CRD is deleted, after DELETED events for its objects', async () => {
    await call(server, 'POST', WIDGETS, widget('a'));
    const rv = (await call(server, 'GET', WIDGETS)).body.metadata.resourceVersion;
    const watch = await openWatch(server, `${WIDGETS}?watch=true&resourceVersion=${rv}`);
    await call(server, 'DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com');
    expect(names(await watch.rest())).toEqual(['DELETED a']);
  });

  it('answers a malformed resourceVersion with a Status before streaming', async () => {
    // k8s.io/apiserver cacher.Watch returns the versioner's storage.InvalidError unconverted, which
    // responsewriters.ErrorToAPIStatus answers as a 500 without a reason.
    const r = await call(server, 'GET', `${WIDGETS}?watch=true&resourceVersion=abc`);
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({
      kind: 'Status',
      code: 500,
      message: 'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
    });
  });
});
