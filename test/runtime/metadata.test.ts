// Metadata is what its types say: Dates for timestamps (V1ObjectMeta), `_continue` on lists
// (V1ListMeta), on the way in from every verb and on the way out in every body; fields the
// installed client-node does not know survive both ways.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isStatus } from '../../src/runtime/index.js';
import { decodeEvent, decodeList, decodeObject, encodeObject } from '../../src/runtime/meta.js';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { gadgetCrd, RUNTIME_NAMESPACES, widgetCrd } from './support/crds.js';
import { GadgetApi, WidgetApi, type Widget } from './support/kinds.js';
import { startRecorder, type Recorder } from './support/recorder.js';

const T1 = '2024-05-01T10:00:00Z';
const T2 = '2024-05-02T11:30:00Z';

describe('decoding and encoding (pure)', () => {
  const raw = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: {
      name: 'w1',
      creationTimestamp: T1,
      deletionTimestamp: T2,
      labels: { app: 'x' },
      managedFields: [{ manager: 'm', operation: 'Apply', time: T1, fieldsV1: { 'f:spec': {} }, futureEntryField: 1 }],
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: 'u', futureRefField: true }],
      futureField: { nested: T1 },
    },
    spec: { at: T1 },
  };

  it('turns metadata timestamps into Dates and nothing else', () => {
    const w = decodeObject<{ metadata: Record<string, any>; spec: unknown }>(raw);
    expect(w.metadata.creationTimestamp).toBeInstanceOf(Date);
    expect(w.metadata.creationTimestamp.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(w.metadata.deletionTimestamp).toEqual(new Date(T2));
    expect(w.metadata.managedFields[0].time).toEqual(new Date(T1));
    // spec is the kind's own business: a date-time there stays the string the generated type says
    expect(w.spec).toEqual({ at: T1 });
    expect(w.metadata.futureField).toEqual({ nested: T1 });
  });

  it('keeps fields client-node does not know, at every level, and builds plain objects', () => {
    const w = decodeObject<{ metadata: Record<string, any> }>(raw);
    expect(w.metadata.futureField).toEqual({ nested: T1 });
    expect(w.metadata.managedFields[0]).toMatchObject({ futureEntryField: 1, fieldsV1: { 'f:spec': {} } });
    expect(w.metadata.ownerReferences[0]).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: 'u', futureRefField: true });
    expect(Object.getPrototypeOf(w.metadata)).toBe(Object.prototype);
    expect(Object.keys(w.metadata)).toEqual(Object.keys(raw.metadata));
  });

  it('does not change its input, and the round trip gives the wire form back', () => {
    const before = structuredClone(raw);
    const decoded = decodeObject(raw);
    expect(raw).toEqual(before);
    const again = JSON.parse(JSON.stringify(encodeObject(decoded))) as typeof raw;
    expect(again.metadata.creationTimestamp).toBe('2024-05-01T10:00:00.000Z');
    expect({ ...again.metadata, creationTimestamp: T1, deletionTimestamp: T2, managedFields: raw.metadata.managedFields })
      .toEqual({ ...raw.metadata, managedFields: raw.metadata.managedFields });
  });

  it('lists: continue becomes _continue; unknown list metadata survives; items are decoded', () => {
    const list = decodeList<{ metadata: Record<string, unknown>; items: { metadata: { creationTimestamp: unknown } }[] }>({
      kind: 'WidgetList',
      metadata: { resourceVersion: '9', continue: 'tok', remainingItemCount: 3, shardInfo: { selector: 'x' } },
      items: [raw],
    });
    expect(list.metadata).toEqual({ resourceVersion: '9', _continue: 'tok', remainingItemCount: 3, shardInfo: { selector: 'x' } });
    expect(list.items[0]!.metadata.creationTimestamp).toBeInstanceOf(Date);
  });

  it('encoding keeps what a merge patch needs: nulls, strings, absent fields', () => {
    const body = { metadata: { labels: { gone: null }, annotations: null, creationTimestamp: T1, finalizers: null } };
    expect(encodeObject(body)).toEqual(body);
    expect(encodeObject({ metadata: { creationTimestamp: new Date(T1) } })).toEqual({ metadata: { creationTimestamp: '2024-05-01T10:00:00.000Z' } });
    expect(encodeObject({ spec: {} })).toEqual({ spec: {} });
  });

  it('leaves shapes it does not expect alone', () => {
    expect(decodeObject({ metadata: 'odd' })).toEqual({ metadata: 'odd' });
    expect(decodeObject({ metadata: { creationTimestamp: 5, managedFields: 'x' } })).toEqual({ metadata: { creationTimestamp: 5, managedFields: 'x' } });
    expect(decodeObject(null)).toBe(null);
    expect(decodeList({ kind: 'Status', metadata: {} })).toEqual({ kind: 'Status', metadata: {} });
  });

  it('watch events: objects are decoded, bookmarks and errors are not', () => {
    expect((decodeEvent({ type: 'MODIFIED', object: raw }) as Widget).metadata?.creationTimestamp).toBeInstanceOf(Date);
    const bookmark = { metadata: { resourceVersion: '5', creationTimestamp: T1 } };
    expect(decodeEvent({ type: 'BOOKMARK', object: bookmark })).toBe(bookmark);
    expect(decodeEvent({ type: 'ERROR', object: { kind: 'Status', code: 410 } })).toEqual({ kind: 'Status', code: 410 });
  });
});

describe('every verb against the test API server', () => {
  let server: TestApiServer;
  let widgets: WidgetApi;
  let gadgets: GadgetApi;
  beforeAll(async () => {
    server = await startTestApiServer({ crds: [widgetCrd, gadgetCrd], namespaces: RUNTIME_NAMESPACES });
    widgets = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'ns1', fieldManager: 'meta-test' });
    gadgets = new GadgetApi({ kubeConfig: server.kubeConfig, fieldManager: 'meta-test' });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    await widgets.deleteCollection();
    server.requests.length = 0;
  });

  const isDate = (w: Widget | undefined) => w?.metadata?.creationTimestamp instanceof Date;

  it('create, get, replace, patch, apply, status, scale and delete return Dates', async () => {
    const created = await widgets.create({ metadata: { name: 'w1', finalizers: ['x/y'] }, spec: { replicas: 1 } });
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    const wire = JSON.parse(server.requests.at(-1)!.body) as { metadata: object };
    expect(wire.metadata).toEqual({ name: 'w1', finalizers: ['x/y'] });
    const got = await widgets.get('w1');
    expect(got.metadata?.creationTimestamp).toEqual(created.metadata?.creationTimestamp);
    // The Dates go back out as RFC 3339 strings the server accepts.
    expect(isDate(await widgets.replace({ ...got, spec: { replicas: 2 } }))).toBe(true);
    expect(isDate(await widgets.patch('w1', { type: 'merge', body: { spec: { size: 1 } } }))).toBe(true);
    expect(isDate(await widgets.patch('w1', { type: 'json', body: [{ op: 'add', path: '/spec/size', value: 2 }] }))).toBe(true);
    // The same manager's Update entry owns spec.size: its apply conflicts unless forced (kubernetes/kubernetes#80916).
    expect(isDate(await widgets.apply({ metadata: { name: 'w1' }, spec: { size: 3 } }, { force: true }))).toBe(true);
    expect(isDate(await widgets.getStatus('w1'))).toBe(true);
    expect(isDate(await widgets.patchStatus('w1', { type: 'merge', body: { status: { ready: true } } }))).toBe(true);
    expect((await widgets.getScale('w1')).metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(isDate(await widgets.update('w1', (w) => { w.spec = { ...w.spec, size: 4 }; }))).toBe(true);
    const deleting = await widgets.delete('w1');
    expect(isStatus(deleting) ? 'a Status' : deleting.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    const gone = await widgets.patch('w1', { type: 'merge', body: { metadata: { finalizers: null } } });
    expect(gone.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    expect(await widgets.delete('w1').catch((e: { code: number }) => e.code)).toBe(404);
    await widgets.create({ metadata: { name: 'w3' } });
    const status = await widgets.delete('w3');
    expect([isStatus(status), status.kind]).toEqual([true, 'Status']);
  });

  it('a Date given in metadata is sent as an RFC 3339 string', async () => {
    const when = new Date('2020-01-02T03:04:05Z');
    await widgets.create({ metadata: { name: 'w2', creationTimestamp: when } }, { dryRun: true });
    const sent = JSON.parse(server.requests.at(-1)!.body) as { metadata: { creationTimestamp: unknown } };
    expect(sent.metadata.creationTimestamp).toBe('2020-01-02T03:04:05.000Z');
    await widgets.apply({ metadata: { name: 'w2', creationTimestamp: when } }, { dryRun: true });
    expect(JSON.parse(server.requests.at(-1)!.body)).toMatchObject({ metadata: { creationTimestamp: '2020-01-02T03:04:05.000Z' } });
  });

  it('lists: _continue is set while the server pages, items and listAll carry Dates', async () => {
    for (const name of ['a', 'b', 'c']) await widgets.create({ metadata: { name } });
    const first = await widgets.list({ limit: 2 });
    expect(first.metadata?._continue).toEqual(expect.any(String));
    expect(first.metadata).not.toHaveProperty('continue');
    expect(first.metadata?.remainingItemCount).toBe(1);
    expect(first.items.every(isDate)).toBe(true);
    const second = await widgets.list({ limit: 2, continue: first.metadata!._continue! });
    expect(second.items.map((w) => w.metadata?.name)).toEqual(['c']);
    expect(second.metadata?._continue).toBeUndefined();
    const all: Widget[] = [];
    for await (const w of widgets.listAll({ limit: 1 })) all.push(w);
    expect(all.map((w) => [w.metadata?.name, isDate(w)])).toEqual([['a', true], ['b', true], ['c', true]]);
    const removed = await gadgets.deleteCollection();
    expect('items' in removed ? removed.items : removed).toEqual([]);
  });

  it('watch events and waitFor carry Dates', async () => {
    await widgets.create({ metadata: { name: 'w1' } });
    const events: [string, boolean][] = [];
    let listed: () => void = () => {};
    const added = new Promise<void>((resolve) => (listed = resolve));
    const watching = (async () => {
      for await (const e of widgets.watch()) {
        if (e.type === 'BOOKMARK') continue;
        events.push([e.type, isDate(e.object)]);
        if (e.type === 'ADDED') listed();
        if (e.type === 'DELETED') break;
      }
    })();
    await added;
    const ready = widgets.waitFor('w1', (w) => w.metadata?.labels?.ready === 'yes', { timeoutMs: 120_000 });
    await widgets.patch('w1', { type: 'merge', body: { metadata: { labels: { ready: 'yes' } } } });
    expect(isDate(await ready)).toBe(true);
    await widgets.delete('w1');
    await watching;
    expect(events).toEqual([['ADDED', true], ['MODIFIED', true], ['DELETED', true]]);
  });
});

describe('against a server client-node does not fully know', () => {
  let recorder: Recorder;
  beforeAll(async () => {
    recorder = await startRecorder(() => ({
      json: {
        apiVersion: 'example.com/v1', kind: 'Widget',
        metadata: { name: 'w1', creationTimestamp: T1, newerServerField: { a: 1 } },
      },
    }));
  });
  afterAll(() => recorder.close());

  it('keeps the unknown metadata field, and sends it back on replace', async () => {
    const widgets = new WidgetApi({ kubeConfig: recorder.kubeConfig('ns1') });
    const w = await widgets.get('w1');
    expect(w.metadata).toEqual({ name: 'w1', creationTimestamp: new Date(T1), newerServerField: { a: 1 } });
    await widgets.replace(w);
    expect(JSON.parse(recorder.requests.at(-1)!.body).metadata).toEqual({ name: 'w1', creationTimestamp: '2024-05-01T10:00:00.000Z', newerServerField: { a: 1 } });
  });
});
