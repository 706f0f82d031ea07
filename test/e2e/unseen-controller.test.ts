// The "done when": a program that imports Controller and WorkQueue from <out>/runtime,
// calls api.informer() and new Controller() on a class generated from a CRD the repository has
// never seen, compiles under strict and converges through dropped watches.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import type { AbstractAsyncCustomObjectApi, ApiOptions, KubernetesObjectLike } from '../../src/runtime/index.js';
import { startTestApiServer } from '../../src/testing/index.js';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/fixtures.js';
import { STRICT_NODENEXT, typecheck } from '../support/typecheck.js';

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gizmos.unseen.test' },
  spec: {
    group: 'unseen.test',
    scope: 'Namespaced',
    names: { kind: 'Gizmo', plural: 'gizmos', singular: 'gizmo', listKind: 'GizmoList' },
    versions: [{
      name: 'v1', served: true, storage: true, subresources: { status: {} },
      schema: { openAPIV3Schema: { type: 'object', properties: {
        spec: { type: 'object', properties: { colour: { type: 'string' } } },
        status: { type: 'object', properties: { seen: { type: 'string' } } },
      } } },
    }],
  },
};

/** The test's view of the generated GizmoApi (loaded from the output at run time). */
interface Gizmo extends KubernetesObjectLike {
  spec?: { colour?: string };
  status?: { seen?: string };
}
type GizmoApi = new (options: ApiOptions) => AbstractAsyncCustomObjectApi<Gizmo>;

const program = `import type { KubeConfig } from '@kubernetes/client-node';
import { GizmoApi } from './out/unseen.test/v1/index.js';
import { Controller, WorkQueue } from './out/runtime/index.js';

/** Mirrors spec.colour into status.seen for every Gizmo; resolves when signal aborts. */
export async function run(kubeConfig: KubeConfig, signal: AbortSignal): Promise<number> {
  const gizmos = new GizmoApi({ kubeConfig, namespace: 'unseen' });
  await using cache = gizmos.informer({ signal, silenceMs: 2_000 });
  await cache.synced;
  const queue = new WorkQueue<string>();
  for (const g of cache.store.list()) queue.add(g.metadata?.name ?? '');
  const controller = new Controller({
    for: gizmos, signal, workers: 2,
    reconcile: async ({ name }, ctx) => {
      const colour = ctx.object?.spec?.colour;
      if (colour === undefined || ctx.object?.status?.seen === colour) return;
      await gizmos.patchStatus(name, { type: 'merge', body: { status: { seen: colour } } }, { signal: ctx.signal });
    },
  });
  await controller.run();
  return queue.length;
}
`;

describe('a controller on a CRD the repository has never seen', () => {
  it('generates, compiles under strict and converges through dropped watches', async () => {
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'tmp', 'unseen-'));
    writeFileSync(join(dir, 'gizmos.json'), JSON.stringify(crd));
    const generated = await runCli(['generate', join(dir, 'gizmos.json'), '-o', join(dir, 'out'), '--quiet'], { cwd: ROOT });
    expect(generated.code, generated.stderr).toBe(0);
    writeFileSync(join(dir, 'program.ts'), program);
    const errors = typecheck([join(dir, 'program.ts')], STRICT_NODENEXT);
    expect(errors).toBe('');

    await using server = await startTestApiServer({ crds: [crd], namespaces: ['unseen'] });
    const { run } = await import(pathToFileURL(join(dir, 'program.ts')).href) as { run: (kc: KubeConfig, s: AbortSignal) => Promise<number> };
    const { GizmoApi } = await import(pathToFileURL(join(dir, 'out/unseen.test/v1/gizmo.ts')).href) as { GizmoApi: GizmoApi };
    const gizmos = new GizmoApi({ kubeConfig: server.kubeConfig, namespace: 'unseen' });
    for (let i = 0; i < 20; i++) await gizmos.create({ metadata: { name: `g${i}` }, spec: { colour: 'red' } });
    const stop = new AbortController();
    const running = run(server.kubeConfig, stop.signal);
    for (let round = 0; round < 5; round++) {
      server.faults.resetWatches();
      for (let i = round; i < 20; i += 5) await gizmos.patch(`g${i}`, { type: 'merge', body: { spec: { colour: `c${round}` } } });
    }
    const deadline = Date.now() + 60_000;
    const converged = async () => (await gizmos.list()).items.every((g) => g.status?.seen === g.spec?.colour);
    while (!(await converged())) {
      if (Date.now() > deadline) throw new Error('the controller did not converge');
      await new Promise((r) => setTimeout(r, 20));
    }
    stop.abort();
    expect(await running).toBe(20);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
