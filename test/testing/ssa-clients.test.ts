/**
 * Server-side apply through real clients nobody here wrote: kubectl (`apply --server-side` with
 * two field managers, then `--force-conflicts`, exactly as on a real cluster; messages from
 * kubectl's apply command and apimachinery's conflict.go) and Python's official client.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { call } from './helpers.js';
import { Kubectl, requireKubectl } from './kubectl.js';
import { requirePythonKubernetes, runPython } from './python.js';
import { GIZMO_CRD, GIZMOS, owners } from './ssa-fixture.js';

const STEP = 120_000;
const PYTHON_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'clients', 'ssa_python.py');

/** What kubectl adds under a conflict (kubectl apply's help for server-side conflicts). */
const KUBECTL_HINT = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

let server: TestApiServer;
beforeEach(async () => {
  server = await startTestApiServer({ crds: [GIZMO_CRD] });
});
afterEach(() => server.close());

describe('kubectl apply --server-side', () => {
  it('two field managers conflict as on a real cluster; --force-conflicts takes the field', async () => {
    requireKubectl();
    const kubectl = new Kubectl(server.kubeConfigYaml);
    const manifest = (image: string, size: string) =>
      kubectl.file('g1.yaml', stringify({ apiVersion: 'ssa.example.com/v1', kind: 'Gizmo', metadata: { name: 'g1', namespace: 'default' }, spec: { image, size } }));
    const first = await kubectl.run('apply', '--server-side', '--field-manager=team-a', '-f', manifest('img-a', 'small'));
    expect(first).toMatchObject({ code: 0, stdout: 'gizmo.ssa.example.com/g1 serverside-applied\n' });

    const conflicted = await kubectl.run('apply', '--server-side', '--field-manager=team-b', '-f', manifest('img-b', 'small'));
    expect(conflicted.code).toBe(1);
    expect(conflicted.stdout).toBe('');
    expect(conflicted.stderr).toBe(`error: Apply failed with 1 conflict: conflict with "team-a": .spec.image\n${KUBECTL_HINT}`);

    const forced = await kubectl.run('apply', '--server-side', '--field-manager=team-b', '--force-conflicts', '-f', manifest('img-b', 'small'));
    expect(forced).toMatchObject({ code: 0, stdout: 'gizmo.ssa.example.com/g1 serverside-applied\n' });
    const shown = await kubectl.run('get', 'gizmo', 'g1', '-n', 'default', '--show-managed-fields', '-o', 'json');
    const object = JSON.parse(shown.stdout);
    expect(object.spec).toEqual({ image: 'img-b', size: 'small' });
    // size had the same value in both manifests, so it is shared; image moved to team-b.
    expect(owners(object)).toEqual({
      'team-a/Apply': { 'f:spec': { 'f:size': {} } },
      'team-b/Apply': { 'f:spec': { 'f:image': {}, 'f:size': {} } },
    });
  }, STEP);
});

describe('kubectl: from client-side to server-side apply (apiserver lastAppliedManager / lastAppliedUpdater)', () => {
  it('apply --server-side after a client-side apply takes the fields the annotation still matches, without --force-conflicts', async () => {
    requireKubectl();
    const kubectl = new Kubectl(server.kubeConfigYaml);
    const manifest = (image: string) =>
      kubectl.file('g1.yaml', stringify({ apiVersion: 'ssa.example.com/v1', kind: 'Gizmo', metadata: { name: 'g1', namespace: 'default' }, spec: { image, size: 's' } }));
    expect((await kubectl.run('apply', '-f', manifest('img-a'))).stdout).toBe('gizmo.ssa.example.com/g1 created\n');
    const created = (await call(server, 'GET', `${GIZMOS}/g1`)).body;
    expect(Object.keys(owners(created))).toEqual(['kubectl-client-side-apply/Update']);

    const upgraded = await kubectl.run('apply', '--server-side', '-f', manifest('img-b'));
    expect(upgraded).toMatchObject({ code: 0, stdout: 'gizmo.ssa.example.com/g1 serverside-applied\n', stderr: '' });
    const object = (await call(server, 'GET', `${GIZMOS}/g1`)).body;
    expect(object.spec).toEqual({ image: 'img-b', size: 's' });
    // The annotation follows the applied configuration (Go's JSON: sorted keys, final newline).
    expect(object.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"ssa.example.com/v1","kind":"Gizmo","metadata":{"name":"g1","namespace":"default"},"spec":{"image":"img-b","size":"s"}}\n',
    );
    // kubectl then moves the client-side entry to its Apply entry with a JSON patch on managedFields.
    expect(owners(object)['kubectl-client-side-apply/Update']).toBeUndefined();
    expect(owners(object)['kubectl/Apply']).toEqual({ 'f:spec': { 'f:image': {}, 'f:size': {} } });

    const other = await kubectl.run('apply', '--server-side', '--field-manager=someone-else', '-f', manifest('img-c'));
    expect(other.stderr.split('\n')[0]).toBe('error: Apply failed with 1 conflict: conflict with "kubectl": .spec.image');
  }, STEP);
});

describe("Python's kubernetes client", () => {
  it('applies with a field manager, gets the 409 conflict, forces, and reads managedFields back', async () => {
    const python = requirePythonKubernetes();
    const r = await runPython(python, PYTHON_SCRIPT, [server.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const seen = JSON.parse(r.stdout);
    expect(seen.applied).toMatchObject([{ manager: 'py-applier', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:image': {} } } }]);
    expect(seen.conflict.status).toBe(409);
    expect(seen.conflict.body).toMatchObject({
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "py-applier": .spec.image',
      details: { causes: [{ reason: 'FieldManagerConflict', field: '.spec.image' }] },
    });
    // The client sends force=True (Python's spelling): any value but 0 and false is true.
    expect(seen.forced).toMatchObject([{ manager: 'py-other', operation: 'Apply' }]);
    // Its create names no manager: the server takes the User-Agent's first part.
    expect(seen.created).toMatchObject([{ manager: 'OpenAPI-Generator', operation: 'Update' }]);
    expect((await call(server, 'GET', `${GIZMOS}/g1`)).body.spec.image).toBe('b');
  }, STEP);
});
