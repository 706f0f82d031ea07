// The exact HTTP request every verb sends, for a namespaced and a cluster-scoped kind.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GadgetApi, PlainApi, WidgetApi, type Widget } from './support/kinds.js';
import { defaultHandler, startRecorder, TOKEN, type Recorder } from './support/recorder.js';

let server: Recorder;
let widgets: WidgetApi;
let gadgets: GadgetApi;

beforeAll(async () => {
  server = await startRecorder();
  widgets = new WidgetApi({ kubeConfig: server.kubeConfig('ns1'), fieldManager: 'crdgen-test' });
  gadgets = new GadgetApi({ kubeConfig: server.kubeConfig('ns1') });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handler = defaultHandler;
});

interface Want {
  method: string;
  path: string;
  query?: string;
  contentType?: string;
  body?: unknown;
}

function sent(): Want {
  expect(server.requests).toHaveLength(1);
  const r = server.requests[0]!;
  return {
    method: r.method,
    path: r.path,
    query: r.query,
    contentType: r.contentType,
    body: r.body === '' ? undefined : JSON.parse(r.body),
  };
}

const W = '/apis/example.com/v1/namespaces/ns1/widgets';
const G = '/apis/example.com/v1/gadgets';
const widget: Widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', resourceVersion: '7' }, spec: { size: 1 } };
const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'w1' }, spec: { replicas: 3 } };

type Case = [name: string, call: () => Promise<unknown>, want: Want];

const namespaced: Case[] = [
  ['get', () => widgets.get('w1'), { method: 'GET', path: `${W}/w1` }],
  ['get in another namespace', () => widgets.get('w1', { namespace: 'other' }), { method: 'GET', path: '/apis/example.com/v1/namespaces/other/widgets/w1' }],
  ['get encodes the name', () => widgets.get('a/b c'), { method: 'GET', path: `${W}/a%2Fb%20c` }],
  ['list', () => widgets.list(), { method: 'GET', path: W }],
  ['list with every option',
    () => widgets.list({ labelSelector: 'app=x,tier in (a,b)', fieldSelector: 'metadata.name=w1', limit: 10, continue: 'tok', resourceVersion: '0', resourceVersionMatch: 'NotOlderThan' }),
    { method: 'GET', path: W, query: 'continue=tok&fieldSelector=metadata.name%3Dw1&labelSelector=app%3Dx%2Ctier+in+%28a%2Cb%29&limit=10&resourceVersion=0&resourceVersionMatch=NotOlderThan' }],
  ['list all namespaces', () => widgets.list({ allNamespaces: true, labelSelector: 'a=b' }), { method: 'GET', path: '/apis/example.com/v1/widgets', query: 'labelSelector=a%3Db' }],
  ['create fills apiVersion and kind', () => widgets.create({ metadata: { name: 'w1' }, spec: { size: 2 } }),
    { method: 'POST', path: W, query: 'fieldManager=crdgen-test', contentType: 'application/json',
      body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 2 } } }],
  ['create takes the namespace from the body', () => widgets.create({ metadata: { name: 'w1', namespace: 'team' } }),
    { method: 'POST', path: '/apis/example.com/v1/namespaces/team/widgets', query: 'fieldManager=crdgen-test', contentType: 'application/json',
      body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'team' } } }],
  ['create dry run with options', () => widgets.create(widget, { dryRun: true, fieldManager: 'other', fieldValidation: 'Strict' }),
    { method: 'POST', path: W, query: 'dryRun=All&fieldManager=other&fieldValidation=Strict', contentType: 'application/json', body: widget }],
  ['replace', () => widgets.replace(widget), { method: 'PUT', path: `${W}/w1`, query: 'fieldManager=crdgen-test', contentType: 'application/json', body: widget }],
  ['replace dry run', () => widgets.replace(widget, { dryRun: true }),
    { method: 'PUT', path: `${W}/w1`, query: 'dryRun=All&fieldManager=crdgen-test', contentType: 'application/json', body: widget }],
  ['merge patch', () => widgets.patch('w1', { type: 'merge', body: { spec: { size: 3, color: null } } }),
    { method: 'PATCH', path: `${W}/w1`, query: 'fieldManager=crdgen-test', contentType: 'application/merge-patch+json', body: { spec: { size: 3, color: null } } }],
  ['json patch', () => widgets.patch('w1', { type: 'json', body: [{ op: 'replace', path: '/spec/size', value: 3 }] }, { dryRun: true }),
    { method: 'PATCH', path: `${W}/w1`, query: 'dryRun=All&fieldManager=crdgen-test', contentType: 'application/json-patch+json', body: [{ op: 'replace', path: '/spec/size', value: 3 }] }],
  ['apply patch', () => widgets.patch('w1', { type: 'apply', body: { spec: { size: 4 } } }, { force: true }),
    { method: 'PATCH', path: `${W}/w1`, query: 'fieldManager=crdgen-test&force=true', contentType: 'application/apply-patch+yaml',
      body: { spec: { size: 4 }, apiVersion: 'example.com/v1', kind: 'Widget' } }],
  ['apply', () => widgets.apply({ metadata: { name: 'w1', namespace: 'team' }, spec: { size: 5 } }, { fieldManager: 'mine' }),
    { method: 'PATCH', path: '/apis/example.com/v1/namespaces/team/widgets/w1', query: 'fieldManager=mine', contentType: 'application/apply-patch+yaml',
      body: { metadata: { name: 'w1', namespace: 'team' }, spec: { size: 5 }, apiVersion: 'example.com/v1', kind: 'Widget' } }],
  ['delete', () => widgets.delete('w1'), { method: 'DELETE', path: `${W}/w1`, contentType: 'application/json' }],
  ['delete with options', () => widgets.delete('w1', { propagationPolicy: 'Foreground', gracePeriodSeconds: 0, dryRun: true, preconditions: { uid: 'u1', resourceVersion: '101' } }),
    { method: 'DELETE', path: `${W}/w1`, query: 'gracePeriodSeconds=0&propagationPolicy=Foreground&dryRun=All', contentType: 'application/json',
      body: { preconditions: { resourceVersion: '101', uid: 'u1' } } }],
  ['deleteCollection', () => widgets.deleteCollection({ labelSelector: 'app=x', fieldSelector: 'metadata.name=w1', propagationPolicy: 'Background' }),
    { method: 'DELETE', path: W, query: 'labelSelector=app%3Dx&propagationPolicy=Background&fieldSelector=metadata.name%3Dw1', contentType: 'application/json' }],
  ['deleteCollection all namespaces is not a thing: uses the default namespace', () => widgets.deleteCollection({ dryRun: true }),
    { method: 'DELETE', path: W, query: 'dryRun=All', contentType: 'application/json' }],
  ['get status', () => widgets.getStatus('w1'), { method: 'GET', path: `${W}/w1/status` }],
  ['replace status', () => widgets.replaceStatus(widget), { method: 'PUT', path: `${W}/w1/status`, query: 'fieldManager=crdgen-test', contentType: 'application/json', body: widget }],
  ['merge patch status', () => widgets.patchStatus('w1', { type: 'merge', body: { status: { ready: true } } }),
    { method: 'PATCH', path: `${W}/w1/status`, query: 'fieldManager=crdgen-test', contentType: 'application/merge-patch+json', body: { status: { ready: true } } }],
  ['apply status', () => widgets.patchStatus('w1', { type: 'apply', body: { status: { ready: true } } }, { force: true }),
    { method: 'PATCH', path: `${W}/w1/status`, query: 'fieldManager=crdgen-test&force=true', contentType: 'application/apply-patch+yaml',
      body: { status: { ready: true }, apiVersion: 'example.com/v1', kind: 'Widget' } }],
  ['get scale', () => widgets.getScale('w1'), { method: 'GET', path: `${W}/w1/scale` }],
  ['replace scale', () => widgets.replaceScale(scale), { method: 'PUT', path: `${W}/w1/scale`, query: 'fieldManager=crdgen-test', contentType: 'application/json', body: scale }],
  ['json patch scale', () => widgets.patchScale('w1', { type: 'json', body: [{ op: 'replace', path: '/spec/replicas', value: 2 }] }),
    { method: 'PATCH', path: `${W}/w1/scale`, query: 'fieldManager=crdgen-test', contentType: 'application/json-patch+json', body: [{ op: 'replace', path: '/spec/replicas', value: 2 }] }],
  ['apply scale keeps the body as given', () => widgets.patchScale('w1', { type: 'apply', body: { apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 2 } } }),
    { method: 'PATCH', path: `${W}/w1/scale`, query: 'fieldManager=crdgen-test', contentType: 'application/apply-patch+yaml',
      body: { apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 2 } } }],
];

const gadget = { apiVersion: 'example.com/v1' as const, kind: 'Gadget' as const, metadata: { name: 'g1', resourceVersion: '3' } };
const cluster: Case[] = [
  ['get', () => gadgets.get('g1'), { method: 'GET', path: `${G}/g1` }],
  ['list', () => gadgets.list({ labelSelector: 'a=b', limit: 2 }), { method: 'GET', path: G, query: 'labelSelector=a%3Db&limit=2' }],
  ['create', () => gadgets.create({ metadata: { name: 'g1' } }, { dryRun: true }),
    { method: 'POST', path: G, query: 'dryRun=All', contentType: 'application/json', body: { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g1' } } }],
  ['replace', () => gadgets.replace(gadget), { method: 'PUT', path: `${G}/g1`, contentType: 'application/json', body: gadget }],
  ['merge patch', () => gadgets.patch('g1', { type: 'merge', body: { spec: { replicas: 2 } } }),
    { method: 'PATCH', path: `${G}/g1`, contentType: 'application/merge-patch+json', body: { spec: { replicas: 2 } } }],
  ['apply', () => gadgets.apply({ metadata: { name: 'g1' } }, { fieldManager: 'fm', force: true, dryRun: true }),
    { method: 'PATCH', path: `${G}/g1`, query: 'dryRun=All&fieldManager=fm&force=true', contentType: 'application/apply-patch+yaml',
      body: { metadata: { name: 'g1' }, apiVersion: 'example.com/v1', kind: 'Gadget' } }],
  ['delete', () => gadgets.delete('g1', { gracePeriodSeconds: 5 }), { method: 'DELETE', path: `${G}/g1`, query: 'gracePeriodSeconds=5', contentType: 'application/json' }],
  ['deleteCollection with a field selector client-node lacks', () => gadgets.deleteCollection({ labelSelector: 'a=b', fieldSelector: 'metadata.name=g1' }),
    { method: 'DELETE', path: G, query: 'labelSelector=a%3Db&fieldSelector=metadata.name%3Dg1', contentType: 'application/json' }],
  ['get status', () => gadgets.getStatus('g1'), { method: 'GET', path: `${G}/g1/status` }],
  ['replace status', () => gadgets.replaceStatus(gadget), { method: 'PUT', path: `${G}/g1/status`, contentType: 'application/json', body: gadget }],
  ['patch status', () => gadgets.patchStatus('g1', { type: 'merge', body: { status: { replicas: 1 } } }),
    { method: 'PATCH', path: `${G}/g1/status`, contentType: 'application/merge-patch+json', body: { status: { replicas: 1 } } }],
  ['get scale', () => gadgets.getScale('g1'), { method: 'GET', path: `${G}/g1/scale` }],
  ['replace scale', () => gadgets.replaceScale({ ...scale, metadata: { name: 'g1' } }),
    { method: 'PUT', path: `${G}/g1/scale`, contentType: 'application/json', body: { ...scale, metadata: { name: 'g1' } } }],
  ['patch scale', () => gadgets.patchScale('g1', { type: 'merge', body: { spec: { replicas: 4 } } }),
    { method: 'PATCH', path: `${G}/g1/scale`, contentType: 'application/merge-patch+json', body: { spec: { replicas: 4 } } }],
];

describe.each([
  ['namespaced', namespaced],
  ['cluster-scoped', cluster],
])('%s kind', (_, cases) => {
  it.each(cases)('%s', async (_name, call, want) => {
    await call();
    expect(sent()).toEqual({ query: '', contentType: undefined, body: undefined, ...want });
  });
});

describe('requests', () => {
  it('carry the bearer token and return the parsed body', async () => {
    const got = await widgets.get('w1');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(got).toEqual({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', resourceVersion: '1' }, echo: {} });
  });

  it('listAll follows continue tokens page by page', async () => {
    server.handler = (req) => {
      const token = new URLSearchParams(req.query).get('continue');
      const page = token === null ? 0 : Number(token);
      const items = [{ metadata: { name: `w${page}` } }];
      return { json: { apiVersion: 'example.com/v1', kind: 'WidgetList', metadata: { resourceVersion: '9', ...(page < 2 ? { continue: String(page + 1) } : {}) }, items } };
    };
    const names: string[] = [];
    for await (const w of widgets.listAll({ labelSelector: 'a=b', limit: 1, resourceVersion: '0', resourceVersionMatch: 'NotOlderThan' })) {
      names.push(w.metadata?.name ?? '');
    }
    expect(names).toEqual(['w0', 'w1', 'w2']);
    // the resourceVersion goes with the first page only: the API server refuses it next to continue
    expect(server.requests.map((r) => r.query)).toEqual([
      'labelSelector=a%3Db&limit=1&resourceVersion=0&resourceVersionMatch=NotOlderThan',
      'continue=1&labelSelector=a%3Db&limit=1',
      'continue=2&labelSelector=a%3Db&limit=1',
    ]);
  });

  it('listPages asks for pages of 500 by default', async () => {
    server.handler = () => ({ json: { apiVersion: 'example.com/v1', kind: 'WidgetList', metadata: {}, items: [] } });
    const pages = [];
    for await (const page of widgets.listPages()) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(sent()).toMatchObject({ path: W, query: 'limit=500' });
  });
});

describe('refused before sending', () => {
  it.each<[string, () => Promise<unknown>, string]>([
    ['an empty name (it would address the whole collection)', () => widgets.delete(''), 'Widget: the object name must be a non-empty string'],
    ['replace without metadata.name', () => widgets.replace({ apiVersion: 'example.com/v1', kind: 'Widget' }), 'Widget replace: the body has no metadata.name'],
    ['replace status without metadata.name', () => widgets.replaceStatus({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: {} }), 'Widget replace status: the body has no metadata.name'],
    ['apply without metadata.name', () => widgets.apply({ spec: { size: 1 } }), 'Widget apply: the body has no metadata.name'],
    ['apply without a field manager', () => gadgets.apply({ metadata: { name: 'g1' } }), 'Gadget g1: server-side apply needs a fieldManager (set it in the call options or the constructor)'],
    ['force on a merge patch', () => widgets.patch('w1', { type: 'merge', body: {} }, { force: true }), 'Widget w1: force is only valid for apply patches'],
    ['a subresource the kind does not have', () => new PlainApi({ kubeConfig: server.kubeConfig() }).getStatus('w1'), 'Widget has no status subresource'],
  ])('%s', async (_name, call, message) => {
    await expect(call()).rejects.toThrow(new Error(message));
    expect(server.requests).toHaveLength(0);
  });
});
