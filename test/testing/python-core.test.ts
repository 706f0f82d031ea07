/**
 * Python's official Kubernetes client (Debian's python3-kubernetes), a client nobody here wrote,
 * against the test server: namespaces (create, list, the 404 for a missing one, delete turning it
 * Terminating) and watches, which it opens with `watch=True`. apimachinery reads every value of a
 * boolean query parameter but "0" and "false" (any case) as true (runtime.Convert_Slice_string_To_bool),
 * so these watches must stream events rather than answer a list.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApiServer } from '../../src/testing/index.js';
import { startWithFixtures } from './helpers.js';
import { requirePythonKubernetes, runPython } from './python.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'clients', 'core_python.py');

describe("Python's kubernetes client: namespaces and watch=True", () => {
  let server: TestApiServer;
  beforeAll(async () => {
    server = await startWithFixtures({ namespaces: [] });
  });
  afterAll(() => server.close());

  it('creates and lists namespaces, gets the real 404, and receives watch events', async () => {
    const python = requirePythonKubernetes();
    const r = await runPython(python, SCRIPT, [server.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const seen = JSON.parse(r.stdout);
    expect(seen.created).toEqual({ phase: 'Active', finalizers: ['kubernetes'] });
    expect(seen.namespaces).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'py']);
    expect(seen.missing.status).toBe(404);
    expect(seen.missing.body).toMatchObject({ reason: 'NotFound', message: 'namespaces "nowhere" not found' });
    expect(seen.configmap_watch).toEqual({ type: 'ADDED', name: 'cm1' });
    expect(seen.widget_watch).toEqual({ type: 'ADDED', name: 'w1' });
    expect(seen.deleted).toBe('Terminating');
    const watches = server.requests.filter((q) => q.query.watch !== undefined);
    expect(watches.map((q) => q.query.watch)).toEqual(['True', 'True']);
  }, 180_000);
});
