// The watch loop against a scripted server: exact requests, resume, bookmarks, 410 relist,
// backoff, and every way of stopping.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WatchEvent } from '../../src/runtime/index.js';
import { GadgetApi, WidgetApi, type Widget } from './support/kinds.js';
import { startRecorder, status, type Recorded, type Recorder, type Reply } from './support/recorder.js';

let server: Recorder;
let widgets: WidgetApi;
beforeAll(async () => {
  server = await startRecorder();
  widgets = new WidgetApi({ kubeConfig: server.kubeConfig('ns1'), retry: { baseDelayMs: 200, maxDelayMs: 1600 } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const W = '/apis/example.com/v1/namespaces/ns1/widgets';
const w = (name: string, rv: string, size = 1): Widget =>
  ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace: 'ns1', resourceVersion: rv }, spec: { size } });
const list = (rv: string, ...items: Widget[]): Reply => ({ json: { apiVersion: 'example.com/v1', kind: 'WidgetList', metadata: { resourceVersion: rv }, items } });
const bookmark = (rv: string) => ({ type: 'BOOKMARK', object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { resourceVersion: rv } } });
const expired = { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 1 (20)' } };

type Line = { type: string; object: unknown };
/** Writes watch lines; ends the response unless `keepOpen`. */
function stream(res: ServerResponse, lines: Line[], keepOpen = false): undefined {
  // A real API server sends the headers of a watch at once; Node would hold them until the first write.
  res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
  for (const line of lines) res.write(`${JSON.stringify(line)}\n`);
  if (!keepOpen) res.end();
  return undefined;
}
const isWatch = (r: Recorded) => new URLSearchParams(r.query).get('watch') === 'true';
const summary = (e: WatchEvent<Widget>) => `${e.type} ${e.object.metadata && 'name' in e.object.metadata ? `${e.object.metadata.name}@` : '@'}${e.object.metadata?.resourceVersion}`;
// A watch without timeoutSeconds asks for a random lifetime in [300, 600] s: shown as one token.
const lifetime = (q: string) => q.replace(/timeoutSeconds=(\d+)/, (all, n: string) => (Number(n) >= 300 && Number(n) <= 600 ? 'timeoutSeconds=<300..600>' : all));
const requests = () => server.requests.map((r) => `${r.method} ${r.path}${r.query ? `?${lifetime(r.query)}` : ''}`);

/** Waits for a condition (an event that must come), never for a fixed time. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

async function take(events: AsyncIterable<WatchEvent<Widget>>, n: number): Promise<string[]> {
  const out: string[] = [];
  for await (const e of events) {
    out.push(summary(e));
    if (out.length === n) break;
  }
  return out;
}

describe('watch', () => {
  it('lists first, then streams and resumes from the last event or bookmark after a close', async () => {
    let watches = 0;
    server.handler = (req, res) => {
      if (!isWatch(req)) return list('10', w('w1', '5'), w('w2', '6'));
      watches++;
      if (watches === 1) return stream(res, [{ type: 'MODIFIED', object: w('w1', '11', 2) }, bookmark('12')]);
      return stream(res, [{ type: 'DELETED', object: w('w2', '13') }], true);
    };
    expect(await take(widgets.watch({ labelSelector: 'app=x' }), 5)).toEqual(['ADDED w1@5', 'ADDED w2@6', 'MODIFIED w1@11', 'BOOKMARK @12', 'DELETED w2@13']);
    expect(requests()).toEqual([
      `GET ${W}?labelSelector=app%3Dx&limit=500`,
      `GET ${W}?watch=true&resourceVersion=10&allowWatchBookmarks=true&labelSelector=app%3Dx&timeoutSeconds=<300..600>`,
      `GET ${W}?watch=true&resourceVersion=12&allowWatchBookmarks=true&labelSelector=app%3Dx&timeoutSeconds=<300..600>`,
    ]);
  });

  it('with a resourceVersion it does not list; selectors, timeout and paths for every scope', async () => {
    server.handler = (_req, res) => stream(res, [{ type: 'ADDED', object: w('w1', '21') }], true);
    await take(widgets.watch({ resourceVersion: '20', fieldSelector: 'metadata.name=w1', timeoutSeconds: 30, namespace: 'other' }), 1);
    await take(widgets.watch({ resourceVersion: '20', allNamespaces: true }), 1);
    const gadgets = new GadgetApi({ kubeConfig: server.kubeConfig() });
    for await (const e of gadgets.watch({ resourceVersion: '20' })) {
      expect(e.type).toBe('ADDED');
      break;
    }
    expect(requests()).toEqual([
      'GET /apis/example.com/v1/namespaces/other/widgets?watch=true&resourceVersion=20&allowWatchBookmarks=true&fieldSelector=metadata.name%3Dw1&timeoutSeconds=30',
      'GET /apis/example.com/v1/widgets?watch=true&resourceVersion=20&allowWatchBookmarks=true&timeoutSeconds=<300..600>',
      'GET /apis/example.com/v1/gadgets?watch=true&resourceVersion=20&allowWatchBookmarks=true&timeoutSeconds=<300..600>',
    ]);
  });

  it.each([
    ['an ERROR event with code 410', (res: ServerResponse) => stream(res, [expired])],
    ['a 410 response', () => status(410, 'Expired', 'too old')],
  ])('after %s it relists and emits exactly what changed', async (_name, gone) => {
    let lists = 0;
    let watches = 0;
    server.handler = (req, res) => {
      if (!isWatch(req)) {
        lists++;
        // second list: w1 changed, w2 deleted, w3 created, w4 unchanged
        return lists === 1 ? list('10', w('w1', '5'), w('w2', '6'), w('w4', '7')) : list('30', w('w1', '25'), w('w3', '26'), w('w4', '7'));
      }
      watches++;
      if (watches === 1) return stream(res, [{ type: 'MODIFIED', object: w('w1', '11') }]);
      if (watches === 2) return gone(res);
      return stream(res, [{ type: 'ADDED', object: w('w5', '31') }], true);
    };
    expect(await take(widgets.watch(), 8)).toEqual([
      'ADDED w1@5', 'ADDED w2@6', 'ADDED w4@7', 'MODIFIED w1@11',
      'MODIFIED w1@25', 'ADDED w3@26', 'DELETED w2@6', // synthetic: the relist against what was emitted
      'ADDED w5@31',
    ]);
    expect(requests()).toEqual([
      `GET ${W}?limit=500`,
      `GET ${W}?watch=true&resourceVersion=10&allowWatchBookmarks=true&timeoutSeconds=<300..600>`,
      `GET ${W}?watch=true&resourceVersion=11&allowWatchBookmarks=true&timeoutSeconds=<300..600>`,
      `GET ${W}?limit=500`,
      `GET ${W}?watch=true&resourceVersion=30&allowWatchBookmarks=true&timeoutSeconds=<300..600>`,
    ]);
  });

  it('drops an event it has already emitted (same object, same resourceVersion)', async () => {
    server.handler = (req, res) => (isWatch(req)
      ? stream(res, [{ type: 'ADDED', object: w('w1', '5') }, { type: 'MODIFIED', object: w('w1', '8') }], true)
      : list('5', w('w1', '5')));
    expect(await take(widgets.watch(), 2)).toEqual(['ADDED w1@5', 'MODIFIED w1@8']);
  });

  it('throws errors it cannot outlast (403) as ApiError', async () => {
    server.handler = (req) => (isWatch(req) ? status(403, 'Forbidden', 'no') : list('1'));
    await expect(take(widgets.watch(), 1)).rejects.toMatchObject({ name: 'ApiError', code: 403, reason: 'Forbidden' });
  });

  it('gives up after retry.retries consecutive failures when the call asks for it', async () => {
    server.handler = (req) => (isWatch(req) ? status(503, 'ServiceUnavailable', 'down') : list('1'));
    await expect(take(widgets.watch({ retry: { retries: 2, baseDelayMs: 10 } }), 1)).rejects.toMatchObject({ code: 503 });
    expect(server.requests.filter(isWatch)).toHaveLength(3);
  });
});

describe('watch backoff', () => {
  it.each([
    ['closes every watch at once', (res: ServerResponse) => stream(res, [])],
    ['answers every watch with 500', () => status(500, 'InternalError', 'boom')],
    ['answers every watch with 410 (each followed by a relist)', () => status(410, 'Expired', 'too old')],
  ])('never hot-loops when the server %s', async (_name, reply) => {
    server.handler = (req, res) => (isWatch(req) ? reply(res) : list('1'));
    const controller = new AbortController();
    const done = (async () => {
      for await (const _ of widgets.watch({ resourceVersion: '1', signal: controller.signal })) {
        // no events expected
      }
    })();
    await until(() => server.requests.filter(isWatch).length >= 4);
    controller.abort();
    await done;
    // Base 200 ms doubling, jittered to [d/2, d]: attempt n waits at least 100 * 2^(n-1) ms before
    // it connects, so the gaps can only grow on a busy machine; a hot loop has gaps near 0.
    const at = server.requests.filter(isWatch).map((r) => r.at);
    for (let n = 1; n < 4; n++) expect((at[n] as number) - (at[n - 1] as number)).toBeGreaterThanOrEqual(100 * 2 ** (n - 1) - 5);
  });

  it('reconnects at once after a connection that delivered events', async () => {
    let watches = 0;
    server.handler = (_req, res) => {
      watches++;
      return stream(res, [{ type: 'ADDED', object: w(`w${watches}`, String(watches)) }], watches >= 4);
    };
    // "At once": on a clock that never moves, a backoff would wait for ever; these four arrive.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      expect(await take(widgets.watch({ resourceVersion: '0' }), 4)).toEqual(['ADDED w1@1', 'ADDED w2@2', 'ADDED w3@3', 'ADDED w4@4']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('stopping a watch', () => {
  function hold(): { closed: Promise<void> } {
    let resolveClosed!: () => void;
    const closed = new Promise<void>((r) => (resolveClosed = r));
    server.handler = (req, res) => {
      if (!isWatch(req)) return list('1', w('w1', '1'));
      res.on('close', () => resolveClosed());
      return stream(res, [], true);
    };
    return { closed };
  }

  it('an aborted signal ends the loop and closes the connection', async () => {
    const { closed } = hold();
    const controller = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const e of widgets.watch({ signal: controller.signal })) seen.push(summary(e));
    })();
    await until(() => seen.length === 1 && server.requests.some(isWatch));
    controller.abort();
    await done;
    await closed;
    expect(seen).toEqual(['ADDED w1@1']);
  });

  it('leaving the loop closes the connection', async () => {
    let resolveClosed!: () => void;
    const closed = new Promise<void>((r) => (resolveClosed = r));
    server.handler = (req, res) => {
      if (!isWatch(req)) return list('1');
      res.on('close', () => resolveClosed());
      return stream(res, [{ type: 'ADDED', object: w('w2', '2') }], true);
    };
    expect(await take(widgets.watch(), 1)).toEqual(['ADDED w2@2']);
    await closed;
  });

  it('an abort ends the loop at once even while the server holds back the response headers', async () => {
    // client-node's Watch hands out its AbortController only once headers arrived, so the socket
    // itself closes when they do; the consumer is released immediately either way.
    server.handler = (req) => (isWatch(req) ? new Promise<undefined>(() => undefined) : list('1'));
    const controller = new AbortController();
    const done = (async () => {
      for await (const _ of widgets.watch({ signal: controller.signal })) {
        // none
      }
    })();
    await until(() => server.requests.some(isWatch));
    controller.abort();
    // Released without the headers ever coming: were it not, this would wait for ever (test timeout).
    await done;
  });

  it('dispose ends every watch of the API object', async () => {
    const { closed } = hold();
    const api = new WidgetApi({ kubeConfig: server.kubeConfig('ns1') });
    const done = (async () => {
      for await (const _ of api.watch()) {
        // wait
      }
    })();
    await until(() => server.requests.some(isWatch));
    await api[Symbol.asyncDispose]();
    await done;
    await closed;
  });
});
