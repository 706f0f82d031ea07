// watch and waitFor of the generated clients against the test API server: selectors and their
// transitions, every scope, starting from a resourceVersion, and a watch that outlives three
// dropped connections and a 410 without losing or repeating an event.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WaitForError, type WatchEvent } from '../../generated/index.js';
import { PoolApi, type Pool } from '../../generated/infra.example.com/v1/index.js';
import type { ExporterApi, LeaseApi } from '../../generated/lab.example.com/v1alpha1/index.js';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { fixtureCrds, isTemplated, sent, startClients } from './support.js';

let server: TestApiServer;
let exporters: ExporterApi;
let leases: LeaseApi;
let pools: PoolApi;

beforeAll(async () => {
  ({ server, exporters, leases, pools } = await startClients());
});
afterAll(() => server.close());
beforeEach(async () => {
  await exporters.deleteCollection();
  await exporters.deleteCollection({ namespace: 'other' });
  await leases.deleteCollection();
  await pools.deleteCollection();
  server.requests.length = 0;
});

async function until(what: string, check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

type Named = { metadata?: { name?: string; namespace?: string; resourceVersion?: string } };

/**
 * Reads a watch in the background into `seen` as `TYPE name@rv` (bookmarks left out). It is stopped
 * with its signal: a generator that is waiting for its next event cannot be `return()`ed from outside.
 */
function consume<T extends Named>(open: (signal: AbortSignal) => AsyncGenerator<WatchEvent<T>, void, undefined>, withRv = true) {
  const controller = new AbortController();
  const seen: string[] = [];
  const done = (async () => {
    for await (const e of open(controller.signal)) {
      if (e.type === 'BOOKMARK') continue;
      const m = e.object.metadata;
      seen.push(`${e.type} ${m?.namespace ? `${m.namespace}/` : ''}${m?.name}${withRv ? `@${m?.resourceVersion}` : ''}`);
    }
  })();
  const count = (n: number) => until(`${n} events (have: ${seen.join(', ')})`, () => seen.length >= n);
  return { seen, count, stop: async () => { controller.abort(); await done; } };
}

const rv = (o: Named) => o.metadata?.resourceVersion ?? '?';
const spec = { clientRef: { name: 'c' }, selector: {} };

describe('watch', () => {
  it('a label selector, with objects moving in and out of it', async () => {
    await leases.create({ metadata: { name: 'l1', labels: { pool: 'a' } }, spec });
    await leases.create({ metadata: { name: 'l2', labels: { pool: 'b' } }, spec });
    const w = consume((signal) => leases.watch({ labelSelector: 'pool=a', signal }), false);
    await w.count(1);
    await leases.patch('l2', { type: 'merge', body: { metadata: { labels: { pool: 'a' } } } }); // moves in
    await leases.patch('l1', { type: 'merge', body: { metadata: { labels: { pool: 'b' } } } }); // moves out
    await leases.patch('l1', { type: 'merge', body: { spec: { duration: '1h' } } }); // not selected: no event
    await leases.patch('l2', { type: 'merge', body: { spec: { duration: '2h' } } });
    await w.count(4);
    await w.stop();
    expect(w.seen).toEqual(['ADDED lab/l1', 'ADDED lab/l2', 'DELETED lab/l1', 'MODIFIED lab/l2']);
    expect(sent(server, 'GET', true)[0]?.query).toMatchObject({ labelSelector: 'pool=a', allowWatchBookmarks: 'true' });
  });

  it('all namespaces, and a cluster-scoped kind', async () => {
    const ns = consume((signal) => exporters.watch({ allNamespaces: true, signal }), false);
    const cluster = consume((signal) => pools.watch({ signal }), false);
    await until('both watches connected', () => sent(server, 'GET', true).length === 2);
    await exporters.create({ metadata: { name: 'e1' } });
    await exporters.create({ metadata: { name: 'e2', namespace: 'other' } });
    await pools.create({ metadata: { name: 'p1' } });
    await pools.delete('p1');
    await Promise.all([ns.count(2), cluster.count(2)]);
    await Promise.all([ns.stop(), cluster.stop()]);
    expect(ns.seen).toEqual(['ADDED lab/e1', 'ADDED other/e2']);
    expect(cluster.seen).toEqual(['ADDED p1', 'DELETED p1']);
    expect(sent(server, 'GET', true).map((r) => r.path).sort()).toEqual(['/apis/infra.example.com/v1/pools', '/apis/lab.example.com/v1alpha1/exporters']);
  });

  it('from a resourceVersion: no list, only what happened after it', async () => {
    await pools.create({ metadata: { name: 'p1' } });
    const from = rv(await pools.create({ metadata: { name: 'p2' } }));
    const p3 = rv(await pools.create({ metadata: { name: 'p3' } }));
    const w = consume((signal) => pools.watch({ resourceVersion: from, signal }));
    await w.count(1);
    await w.stop();
    expect(w.seen).toEqual([`ADDED p3@${p3}`]);
    expect(sent(server, 'GET', false)).toEqual([]);
  });
});

describe('waitFor', () => {
  it('answers at once, with one GET and no watch, when the predicate already holds', async () => {
    await pools.create({ metadata: { name: 'p1' }, spec: { replicas: 3 } });
    server.requests.length = 0;
    const p: Pool = await pools.waitFor('p1', (x) => (x.spec?.replicas ?? 0) > 2);
    expect(p.spec?.replicas).toBe(3);
    expect(server.requests.map((r) => r.method + (r.query.watch ? ' watch' : ''))).toEqual(['GET']);
  });

  it('waits for an object that does not exist yet', async () => {
    const waiting = exporters.waitFor('late', (e) => e.spec?.username === 'ready', { timeoutMs: 120_000 });
    await until('the watch', () => sent(server, 'GET', true).length === 1);
    await exporters.create({ metadata: { name: 'late' }, spec: { username: 'not yet' } });
    await exporters.patch('late', { type: 'merge', body: { spec: { username: 'ready' } } });
    expect((await waiting).spec?.username).toBe('ready');
    expect(sent(server, 'GET', true)[0]?.query.fieldSelector).toBe('metadata.name=late');
  });

  it('fails with WaitForError: Timeout, or Deleted; stops when its signal aborts', async () => {
    await exporters.create({ metadata: { name: 'e1' } });
    const timeout = await exporters.waitFor('e1', () => false, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(WaitForError);
    expect((timeout as WaitForError).reason).toBe('Timeout');
    expect((timeout as WaitForError).message).toMatch(/^Timed out after 200 ms waiting for Exporter lab\/e1 \(last seen at resourceVersion \d+\)$/);

    const deleted = exporters.waitFor('e1', () => false).catch((e: unknown) => e);
    await until('the watch', () => sent(server, 'GET', true).length === 2);
    await exporters.delete('e1');
    expect(await deleted).toMatchObject({ name: 'WaitForError', reason: 'Deleted' });

    const controller = new AbortController();
    const aborted = pools.waitFor('never', () => true, { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort(new Error('no longer needed'));
    expect(await aborted).toEqual(new Error('no longer needed'));
  });
});

describe('a watch through trouble (its own server: a short event history)', () => {
  let trouble: TestApiServer;
  let api: PoolApi;
  beforeAll(async () => {
    trouble = await startTestApiServer({ crds: fixtureCrds().filter((c) => !isTemplated(c)), eventHistorySize: 3, namespaces: ['lab', 'other'] });
    api = new PoolApi({ kubeConfig: trouble.kubeConfig, retry: { baseDelayMs: 20 } });
  });
  afterAll(() => trouble.close());

  const watches = () => trouble.requests.filter((r) => r.query.watch === 'true');
  const patch = async (name: string, replicas: number) => rv(await api.patch(name, { type: 'merge', body: { spec: { replicas } } }));

  it('3 dropped connections and a 410: no event lost, none repeated (by resourceVersion)', async () => {
    const a1 = rv(await api.create({ metadata: { name: 'a' } }));
    const w = consume((signal) => api.watch({ signal }));
    await w.count(1);
    const want = [`ADDED a@${a1}`];
    for (let drop = 1; drop <= 3; drop++) {
      await until(`watch ${drop} connected`, () => watches().length === drop);
      // Dropped as soon as the server holds it (resetWatches says how many it dropped), no sleep.
      await until(`watch ${drop} dropped`, () => trouble.faults.resetWatches() === 1);
      // Written while the watch is away: the reconnect resumes from the last version it saw.
      want.push(`MODIFIED a@${await patch('a', drop)}`);
      await w.count(want.length);
    }
    await until('watch 4 connected', () => watches().length === 4);

    // Hold the next reconnect while more is written than the history keeps: it gets 410 Expired.
    // Long enough for the five writes below on a loaded machine (they take ~50 ms idle).
    trouble.faults.delay({ watch: true, ms: 5_000, count: 1 });
    await until('watch 4 dropped', () => trouble.faults.resetWatches() === 1);
    await until('the held reconnect', () => watches().length === 5);
    const b1 = rv(await api.create({ metadata: { name: 'b' } }));
    await patch('a', 10);
    const a11 = await patch('a', 11);
    await api.create({ metadata: { name: 'c' } });
    await api.delete('c');
    // The relist reports each object once, in its latest state; c came and went unseen.
    want.push(`MODIFIED a@${a11}`, `ADDED b@${b1}`);
    await w.count(want.length);
    // And the watch goes on after it.
    want.push(`MODIFIED b@${await patch('b', 1)}`);
    await w.count(want.length);
    await w.stop();

    expect(w.seen).toEqual(want);
    expect(new Set(w.seen).size).toBe(w.seen.length);
    const lists = trouble.requests.filter((r) => r.method === 'GET' && r.query.watch !== 'true');
    expect(lists).toHaveLength(2); // the first list and the relist after 410
    expect(watches().slice(1, 4).map((r) => r.query.resourceVersion)).toEqual(w.seen.slice(0, 3).map((s) => s.split('@')[1]));
  });
});
