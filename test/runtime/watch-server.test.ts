// The watch through real trouble on the test API server: three dropped connections, a reset
// reconnect, and a 410 after the event history moved on. Nothing may be lost or repeated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type RecordedRequest, type TestApiServer } from '../../src/testing/index.js';
import type { WatchEvent } from '../../src/runtime/index.js';
import { RUNTIME_NAMESPACES, widgetCrd } from './support/crds.js';
import { WidgetApi, type Widget } from './support/kinds.js';

let server: TestApiServer;
let widgets: WidgetApi;

beforeAll(async () => {
  // A short history, so that a few writes while the watch is away make its resourceVersion too old.
  server = await startTestApiServer({ crds: [widgetCrd], eventHistorySize: 4, namespaces: RUNTIME_NAMESPACES });
  widgets = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'ns1', retry: { baseDelayMs: 100 } });
});
afterAll(() => server.close());

const rv = (w: { metadata?: { resourceVersion?: string } }) => w.metadata?.resourceVersion ?? '?';
const isWatch = (r: RecordedRequest) => r.query.watch === 'true';
const watchRequests = () => server.requests.filter(isWatch);

async function until(what: string, check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Reads a watch in the background into `seen` as `TYPE name@rv`. */
function consume(events: AsyncIterable<WatchEvent<Widget>>) {
  const seen: string[] = [];
  const done = (async () => {
    for await (const e of events) {
      if (e.type !== 'BOOKMARK') seen.push(`${e.type} ${e.object.metadata?.name}@${rv(e.object)}`);
    }
  })();
  return { seen, done, count: (n: number) => until(`${n} events (have ${seen.join(', ')})`, () => seen.length >= n) };
}

describe('watch against the test API server', () => {
  it('survives 3 dropped connections, a reset and a 410 without losing or repeating an event', async () => {
    const a1 = rv(await widgets.create({ metadata: { name: 'a' } }));
    const b1 = rv(await widgets.create({ metadata: { name: 'b' } }));
    // Connections 1-3 end after 2 events each, connection 4 after 1.
    server.faults.endWatchesAfter(2, { watch: true, count: 3 });
    server.faults.endWatchesAfter(1, { watch: true, count: 1 });
    server.requests.length = 0;

    const controller = new AbortController();
    const watch = consume(widgets.watch({ signal: controller.signal }));
    await watch.count(2);

    const a2 = rv(await widgets.patch('a', { type: 'merge', body: { spec: { size: 2 } } }));
    const b2 = rv(await widgets.patch('b', { type: 'merge', body: { spec: { size: 2 } } }));
    await watch.count(4); // drop 1
    await until('watch 2 connected', () => watchRequests().length === 2);

    server.faults.resetNext({ watch: true }); // the reconnect after the next drop fails once
    const c1 = rv(await widgets.create({ metadata: { name: 'c' } }));
    const c2 = rv(await widgets.patch('c', { type: 'merge', body: { spec: { size: 2 } } }));
    await watch.count(6); // drop 2, then the reset

    await widgets.delete('a');
    const b3 = rv(await widgets.patch('b', { type: 'merge', body: { spec: { size: 3 } } }));
    await watch.count(8); // drop 3
    await until('watch 4 connected', () => watchRequests().length === 5);

    // Hold the next reconnect, and write more than the history keeps meanwhile (the writes take
    // ~50 ms idle; the hold is sized for a loaded machine).
    server.faults.delay({ watch: true, ms: 5_000, count: 1 });
    const c3 = rv(await widgets.patch('c', { type: 'merge', body: { spec: { size: 3 } } }));
    await watch.count(9); // connection 4 ends after this one
    await until('the held reconnect', () => watchRequests().length === 6);
    await widgets.create({ metadata: { name: 'd' } });
    const d2 = rv(await widgets.patch('d', { type: 'merge', body: { spec: { size: 2 } } }));
    const b4 = rv(await widgets.patch('b', { type: 'merge', body: { spec: { size: 4 } } }));
    await widgets.delete('c');
    const e1 = rv(await widgets.create({ metadata: { name: 'e' } }));
    await watch.count(13); // 410 Expired, relist, synthetic events

    const e2 = rv(await widgets.patch('e', { type: 'merge', body: { spec: { size: 2 } } }));
    await watch.count(14);
    controller.abort();
    await watch.done;

    const deletedA = watch.seen[6];
    expect(watch.seen).toEqual([
      `ADDED a@${a1}`, `ADDED b@${b1}`,
      `MODIFIED a@${a2}`, `MODIFIED b@${b2}`,
      `ADDED c@${c1}`, `MODIFIED c@${c2}`,
      deletedA, `MODIFIED b@${b3}`,
      `MODIFIED c@${c3}`,
      // after the relist: what changed against what the consumer had seen
      `MODIFIED b@${b4}`, `ADDED d@${d2}`, `ADDED e@${e1}`, `DELETED c@${c3}`,
      `MODIFIED e@${e2}`,
    ]);
    expect(deletedA).toMatch(/^DELETED a@\d+$/);
    expect(new Set(watch.seen).size).toBe(watch.seen.length);

    const lists = server.requests.filter((r) => r.method === 'GET' && !isWatch(r));
    expect(lists).toHaveLength(2);
    const [first, second] = lists.map((r) => r.query);
    expect(first).toEqual({ limit: '500' });
    expect(second).toEqual({ limit: '500' });
    const resumedFrom = watchRequests().map((r) => r.query.resourceVersion);
    expect(resumedFrom.slice(1, 6)).toEqual([b2, c2, c2, b3, c3]);
    expect(resumedFrom).toHaveLength(7);
    expect(watchRequests().every((r) => r.query.allowWatchBookmarks === 'true')).toBe(true);
  });

  it('records bookmarks and resumes from them', async () => {
    const quiet = await startTestApiServer({ crds: [widgetCrd], bookmarkIntervalMs: 100, namespaces: RUNTIME_NAMESPACES });
    try {
      const api = new WidgetApi({ kubeConfig: quiet.kubeConfig, namespace: 'ns1' });
      await api.create({ metadata: { name: 'x' } });
      quiet.faults.endWatchesAfter(2, { watch: true, count: 1 });
      const bookmarks: string[] = [];
      for await (const e of api.watch()) {
        if (e.type === 'BOOKMARK') bookmarks.push(e.object.metadata.resourceVersion);
        if (bookmarks.length === 3) break;
      }
      const watches = quiet.requests.filter(isWatch).map((r) => r.query.resourceVersion);
      expect(watches.length).toBeGreaterThanOrEqual(2);
      // the second connection resumes from the bookmark that ended the first
      expect(watches[1]).toBe(bookmarks[0]);
    } finally {
      await quiet.close();
    }
  });
});
