// Finalizer helpers against the test API server (others' finalizers survive concurrent edits),
// and condition helpers on a generated kind whose status.conditions has Kubernetes' shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { addFinalizer, getCondition, hasFinalizer, removeFinalizer, setCondition } from '../../src/runtime/index.js';
import { ExporterApi, type ExporterCondition } from '../../generated/lab.example.com/v1alpha1/index.js';
import { RUNTIME_NAMESPACES, widgetCrd } from './support/crds.js';
import { WidgetApi } from './support/kinds.js';

let server: TestApiServer;
let widgets: WidgetApi;
beforeAll(async () => {
  const exporterCrd = load(readFileSync(new URL('../../fixtures/valid/lab/exporters.yaml', import.meta.url), 'utf8')) as object;
  server = await startTestApiServer({ crds: [widgetCrd, exporterCrd], namespaces: RUNTIME_NAMESPACES });
  widgets = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'fin' });
});
afterAll(() => server.close());

const finalizers = async (name: string) => (await widgets.get(name)).metadata?.finalizers ?? [];

describe('finalizers', () => {
  it('adds and removes one finalizer as JSON patches that keep the others', async () => {
    const created = await widgets.create({ metadata: { name: 'a' } });
    expect(hasFinalizer(created, 'x.example.com/cleanup')).toBe(false);
    const added = await addFinalizer(widgets, created, 'x.example.com/cleanup');
    expect(hasFinalizer(added, 'x.example.com/cleanup')).toBe(true);
    const again = await addFinalizer(widgets, added, 'x.example.com/cleanup');
    expect(again.metadata?.resourceVersion).toBe(added.metadata?.resourceVersion);
    await addFinalizer(widgets, added, 'y.example.com/other');
    expect(await finalizers('a')).toEqual(['x.example.com/cleanup', 'y.example.com/other']);
    await removeFinalizer(widgets, added, 'x.example.com/cleanup');
    expect(await finalizers('a')).toEqual(['y.example.com/other']);
    const patches = server.requests.filter((r) => r.method === 'PATCH').map((r) => JSON.parse(r.body) as { op: string; path: string }[]);
    expect(patches.every((ops) => ops[0]?.op === 'test')).toBe(true);
    expect(patches.flat().some((op) => op.op === 'replace')).toBe(false);
  });

  it('never drops a finalizer another client added since the object was read', async () => {
    const stale = await widgets.create({ metadata: { name: 'b', finalizers: ['keep.example.com/one'] } });
    // Someone else adds one after our read: our patch's test fails, the helper rereads and retries.
    await widgets.patch('b', { type: 'json', body: [{ op: 'add', path: '/metadata/finalizers/-', value: 'keep.example.com/two' }] });
    const mine = await addFinalizer(widgets, stale, 'mine.example.com/x');
    expect(mine.metadata?.finalizers).toEqual(['keep.example.com/one', 'keep.example.com/two', 'mine.example.com/x']);
    // And removal from a copy gone stale removes only ours, wherever it moved to.
    await widgets.patch('b', { type: 'json', body: [{ op: 'remove', path: '/metadata/finalizers/0' }] });
    await removeFinalizer(widgets, mine, 'mine.example.com/x');
    expect(await finalizers('b')).toEqual(['keep.example.com/two']);
  });

  it('lets 10 concurrent helpers each add their own finalizer', async () => {
    const created = await widgets.create({ metadata: { name: 'c' } });
    const names = Array.from({ length: 10 }, (_, i) => `n${i}.example.com/f`);
    await Promise.all(names.map((n) => addFinalizer(widgets, created, n, { retries: 20 })));
    expect([...(await finalizers('c'))].sort()).toEqual([...names].sort());
  });
});

describe('conditions', () => {
  const t0 = new Date('2026-01-01T00:00:00.123Z');
  const t1 = new Date('2026-01-02T00:00:00Z');

  it('sets one entry per type, moving lastTransitionTime only when the status changes', () => {
    let conditions = setCondition<ExporterCondition>(undefined, { type: 'Ready', status: 'False', reason: 'Starting' }, t0);
    expect(conditions).toEqual([{ type: 'Ready', status: 'False', reason: 'Starting', lastTransitionTime: '2026-01-01T00:00:00Z' }]);
    conditions = setCondition(conditions, { type: 'Ready', status: 'False', reason: 'StillStarting' }, t1);
    expect(conditions[0]?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    expect(conditions[0]?.reason).toBe('StillStarting');
    conditions = setCondition(conditions, { type: 'Online', status: 'True' }, t1);
    conditions = setCondition(conditions, { type: 'Ready', status: 'True' }, t1);
    expect(conditions.map((c) => `${c.type}=${c.status}@${c.lastTransitionTime}`)).toEqual([
      'Ready=True@2026-01-02T00:00:00Z', 'Online=True@2026-01-02T00:00:00Z',
    ]);
    expect(getCondition({ status: { conditions } }, 'Online')?.status).toBe('True');
    expect(getCondition({ status: {} }, 'Online')).toBeUndefined();
  });

  it('keeps observedGeneration for kinds that have it, and round-trips through a status patch', async () => {
    type Full = { type: string; status: 'True' | 'False'; observedGeneration?: number; lastTransitionTime?: string };
    const withGeneration = setCondition<Full>([], { type: 'Ready', status: 'True', observedGeneration: 4 }, t1);
    expect(withGeneration).toEqual([{ type: 'Ready', status: 'True', observedGeneration: 4, lastTransitionTime: '2026-01-02T00:00:00Z' }]);
    const exporters = new ExporterApi({ kubeConfig: server.kubeConfig, namespace: 'lab' });
    const e = await exporters.create({ metadata: { name: 'e1' }, spec: { username: 'u' } });
    const conditions = setCondition(e.status?.conditions, { type: 'Registered', status: 'True', reason: 'Seen' });
    const patched = await exporters.patchStatus('e1', { type: 'merge', body: { status: { conditions } } });
    expect(getCondition(patched, 'Registered')).toEqual(conditions[0]);
  });
});
