// What the types accept and refuse (checked by tsc: the project's config and a stricter one
// below), plus one test that runs that stricter compile.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { AbstractAsyncCustomObjectApi, type CreateBody, type WatchEvent } from '../../src/runtime/index.js';
import type { GadgetApi, Widget, WidgetApi } from './support/kinds.js';

const here = dirname(fileURLToPath(import.meta.url));

// Never called: the body only has to compile (or fail to, where marked).
export async function typeChecks(widgets: WidgetApi, gadgets: GadgetApi): Promise<void> {
  await widgets.get('w1', { namespace: 'x' });
  // @ts-expect-error cluster-scoped kinds take no namespace
  await gadgets.get('g1', { namespace: 'x' });
  await widgets.list({ allNamespaces: true, labelSelector: 'a=b' });
  // @ts-expect-error ...and have no "all namespaces"
  await gadgets.list({ allNamespaces: true });

  await widgets.create({ metadata: { name: 'x' }, spec: { size: 1 } });
  await widgets.create({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } });
  // @ts-expect-error the apiVersion, when given, is the kind's
  await widgets.create({ apiVersion: 'other/v1', metadata: { name: 'x' } });
  // @ts-expect-error replace takes a whole object
  await widgets.replace({ metadata: { name: 'x' } });

  await widgets.patch('w1', { type: 'merge', body: { spec: { size: null, tags: ['a'] } } });
  // @ts-expect-error merge patch values keep their types
  await widgets.patch('w1', { type: 'merge', body: { spec: { size: 'big' } } });
  await widgets.patch('w1', { type: 'json', body: [{ op: 'remove', path: '/spec/size' }, { op: 'move', from: '/a', path: '/b' }] });
  // @ts-expect-error a json patch operation needs its path
  await widgets.patch('w1', { type: 'json', body: [{ op: 'remove' }] });
  // @ts-expect-error strategic merge patch does not exist for custom resources
  await widgets.patch('w1', { type: 'strategic', body: {} });
  await widgets.apply({ metadata: { name: 'w1' }, spec: { tags: ['a'] } }, { force: true });
  // @ts-expect-error apply configurations hold the kind's fields only
  await widgets.apply({ metadata: { name: 'w1' }, spec: { sise: 1 } });
  // @ts-expect-error propagation policies are a closed set
  await widgets.delete('w1', { propagationPolicy: 'Sideways' });
  // @ts-expect-error the subresource methods are for the generated subclass
  await widgets.getSubresource('status', 'w1');

  for await (const e of widgets.watch()) {
    if (e.type === 'BOOKMARK') e.object.metadata.resourceVersion satisfies string;
    else e.object satisfies Widget;
  }
  const event: WatchEvent<Widget> = { type: 'ADDED', object: { apiVersion: 'example.com/v1', kind: 'Widget' } };
  void event;
  const ready: Widget = await widgets.waitFor('w1', (w) => w.status?.ready === true, { timeoutMs: 10 });
  await widgets.update('w1', (w) => {
    w.spec = { ...ready.spec, size: 2 };
  });
}

// A kind whose root keeps unknown fields: create must not lose its declared ones.
interface Loose {
  apiVersion: 'loose.example.com/v1';
  kind: 'Loose';
  metadata?: V1ObjectMeta;
  spec?: { size?: number };
  [key: string]: unknown;
}
export const loose: CreateBody<Loose> = { metadata: { name: 'x' }, spec: { size: 1 }, extra: true };
// @ts-expect-error declared fields keep their types next to the index signature
export const looseWrong: CreateBody<Loose> = { spec: { size: 'x' } };
export abstract class LooseApi extends AbstractAsyncCustomObjectApi<Loose> {}

describe('types', () => {
  it('the runtime and a generated-style kind compile with exactOptionalPropertyTypes and isolatedModules, without ESNext.Disposable', async () => {
    const tsc = join(here, '../../node_modules/typescript/bin/tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', join(here, 'tsconfig.strictest.json')]);
    const result = await run.then((r) => r.stdout, (e: { stdout?: string }) => e.stdout ?? String(e));
    expect(result).toBe('');
  });
});
