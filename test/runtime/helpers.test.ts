// waitFor and update against a scripted server: their exact requests and every way they end.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isConflict, WaitForError } from '../../src/runtime/index.js';
import { WidgetApi, type Widget } from './support/kinds.js';
import { startRecorder, status, type Recorded, type Recorder } from './support/recorder.js';

let server: Recorder;
let widgets: WidgetApi;
beforeAll(async () => {
  server = await startRecorder();
  widgets = new WidgetApi({ kubeConfig: server.kubeConfig('ns1') });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const W = '/apis/example.com/v1/namespaces/ns1/widgets';
const w = (rv: string, ready = false, name = 'w1'): Widget =>
  ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace: 'ns1', resourceVersion: rv }, status: { ready } });
const isWatch = (r: Recorded) => new URLSearchParams(r.query).get('watch') === 'true';
// A watch without timeoutSeconds asks for a random lifetime in [300, 600] s: shown as one token.
const lifetime = (q: string) => q.replace(/timeoutSeconds=(\d+)/, (all, n: string) => (Number(n) >= 300 && Number(n) <= 600 ? 'timeoutSeconds=<300..600>' : all));
const requests = () => server.requests.map((r) => `${r.method} ${r.path}${r.query ? `?${lifetime(r.query)}` : ''}`);
function stream(res: ServerResponse, lines: object[]): undefined {
  res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
  for (const line of lines) res.write(`${JSON.stringify(line)}\n`);
  return undefined; // left open, like a quiet watch
}
const ready = (x: Widget) => x.status?.ready === true;

describe('waitFor', () => {
  it('returns at once when the predicate already holds: one GET, no watch', async () => {
    server.handler = () => ({ json: w('5', true) });
    expect(await widgets.waitFor('w1', ready)).toEqual(w('5', true));
    expect(requests()).toEqual([`GET ${W}/w1`]);
  });

  it('otherwise watches that one object from the version it read', async () => {
    server.handler = (req, res) => (isWatch(req)
      ? stream(res, [{ type: 'MODIFIED', object: w('6') }, { type: 'MODIFIED', object: w('7', true) }])
      : { json: w('5') });
    const seen: string[] = [];
    const got = await widgets.waitFor('w1', async (x) => {
      seen.push(x.metadata?.resourceVersion ?? '');
      return ready(x);
    }, { namespace: 'ns1', timeoutMs: 120_000 });
    expect(got).toEqual(w('7', true));
    expect(seen).toEqual(['5', '6', '7']);
    expect(requests()).toEqual([
      `GET ${W}/w1`,
      `GET ${W}?watch=true&resourceVersion=5&allowWatchBookmarks=true&fieldSelector=metadata.name%3Dw1&timeoutSeconds=<300..600>`,
    ]);
  });

  it('waits for an object that does not exist yet', async () => {
    server.handler = (req, res) => {
      if (isWatch(req)) return stream(res, [{ type: 'ADDED', object: w('9', true) }]);
      return req.path.endsWith('/w1') ? status(404, 'NotFound', 'widgets.example.com "w1" not found') : { json: { items: [], metadata: { resourceVersion: '8' } } };
    };
    expect(await widgets.waitFor('w1', ready)).toEqual(w('9', true));
    expect(requests()).toEqual([
      `GET ${W}/w1`,
      `GET ${W}?fieldSelector=metadata.name%3Dw1&limit=500`,
      `GET ${W}?watch=true&resourceVersion=8&allowWatchBookmarks=true&fieldSelector=metadata.name%3Dw1&timeoutSeconds=<300..600>`,
    ]);
  });

  it('rejects when the object is deleted', async () => {
    server.handler = (req, res) => (isWatch(req) ? stream(res, [{ type: 'DELETED', object: w('6') }]) : { json: w('5') });
    const e = await widgets.waitFor('w1', ready).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(WaitForError);
    expect(e).toMatchObject({ reason: 'Deleted', message: 'Widget ns1/w1 was deleted while waiting for it', lastSeen: w('6') });
  });

  it('rejects with a clear timeout error', async () => {
    server.handler = (req, res) => (isWatch(req) ? stream(res, []) : { json: w('5') });
    const e = await widgets.waitFor('w1', ready, { timeoutMs: 300 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(WaitForError);
    expect(e).toMatchObject({ reason: 'Timeout', message: 'Timed out after 300 ms waiting for Widget ns1/w1 (last seen at resourceVersion 5)', lastSeen: w('5') });
  });

  it('rejects with the reason of the caller\'s signal', async () => {
    server.handler = (req, res) => (isWatch(req) ? stream(res, []) : { json: w('5') });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 100);
    await expect(widgets.waitFor('w1', ready, { signal: controller.signal })).rejects.toThrow('caller gave up');
  });
});

describe('update', () => {
  function conflictsThenOk(conflicts: number) {
    let rv = 10;
    let left = conflicts;
    server.handler = (req) => {
      if (req.method === 'GET') return { json: { ...w(String(rv)), spec: { size: 1 } } };
      if (left-- > 0) {
        rv++;
        return status(409, 'Conflict', 'Operation cannot be fulfilled on widgets.example.com "w1": the object has been modified');
      }
      return { json: JSON.parse(req.body) as object };
    };
  }
  const bodies = () => server.requests.filter((r) => r.method === 'PUT').map((r) => JSON.parse(r.body) as Widget);

  it('reads, mutates in place, replaces with the version it read', async () => {
    conflictsThenOk(0);
    const got = await widgets.update('w1', (x) => {
      x.spec = { size: 2 };
    });
    expect(got.spec).toEqual({ size: 2 });
    expect(requests()).toEqual([`GET ${W}/w1`, `PUT ${W}/w1`]);
    expect(bodies()[0]?.metadata?.resourceVersion).toBe('10');
  });

  it('starts over from a fresh read on 409 Conflict', async () => {
    conflictsThenOk(2);
    const got = await widgets.update('w1', async (x) => ({ ...x, spec: { size: (x.spec?.size ?? 0) + 1 } }));
    expect(got.spec).toEqual({ size: 2 });
    expect(requests()).toEqual([`GET ${W}/w1`, `PUT ${W}/w1`, `GET ${W}/w1`, `PUT ${W}/w1`, `GET ${W}/w1`, `PUT ${W}/w1`]);
    expect(bodies().map((b) => b.metadata?.resourceVersion)).toEqual(['10', '11', '12']);
  });

  it('gives up after `retries` conflicts with the Conflict error', async () => {
    conflictsThenOk(100);
    const e = await widgets.update('w1', () => undefined, { retries: 2 }).catch((err: unknown) => err);
    expect(isConflict(e)).toBe(true);
    expect(bodies()).toHaveLength(3);
  });

  it('keeps the replace conditional when mutate builds a new object', async () => {
    conflictsThenOk(0);
    await widgets.update('w1', () => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 9 } }), { dryRun: true });
    expect(bodies()).toEqual([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', resourceVersion: '10' }, spec: { size: 9 } }]);
    expect(server.requests.at(-1)?.query).toBe('dryRun=All');
  });

  it('refuses a mutate that renames the object, and does not retry other errors', async () => {
    conflictsThenOk(0);
    await expect(widgets.update('w1', (x) => ({ ...x, metadata: { name: 'w2' } }))).rejects.toThrow('Widget update: mutate renamed the object from w1 to w2');
    server.requests.length = 0;
    server.handler = (req) => (req.method === 'GET' ? { json: w('10') } : status(422, 'Invalid', 'spec.size: Invalid value'));
    await expect(widgets.update('w1', () => undefined)).rejects.toMatchObject({ code: 422 });
    expect(requests()).toEqual([`GET ${W}/w1`, `PUT ${W}/w1`]);
  });
});
