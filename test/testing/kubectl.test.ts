/**
 * The real client: kubectl (whatever version is installed) against the test server, started
 * in-process. The steps run in order and build on each other, like a user's session.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { call, FIXTURES, MERGE, WIDGETS } from './helpers.js';
import { Kubectl, requireKubectl } from './kubectl.js';

// Per kubectl step: kubectl takes 1-3 s idle; sized for a loaded machine.
const STEP = 180_000;

async function until(check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const w1 = (size: number) => `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w1
  labels:
    tier: gold
spec:
  color: red
  size: ${size}
  tags: [a]
`;

describe('kubectl against the test server', () => {
  let server: TestApiServer;
  let kubectl: Kubectl;
  /** kubectl's minor version: before 1.29 it validates with OpenAPI v2 on the client side. */
  let minor = 0;
  const crdFile = join(FIXTURES, 'widget-crd.yaml');

  beforeAll(async () => {
    minor = requireKubectl();
    server = await startTestApiServer();
    kubectl = new Kubectl(server.kubeConfigYaml);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('apply -f registers a CRD, and wait sees it Established', async () => {
    const applied = await kubectl.run('apply', '-f', crdFile);
    expect(applied.stderr).toBe('');
    expect(applied.stdout.trim()).toBe('customresourcedefinition.apiextensions.k8s.io/widgets.example.com created');
    expect(applied.code).toBe(0);
    const post = server.requests.find((r) => r.method === 'POST');
    expect(post?.query.fieldManager).toBe('kubectl-client-side-apply');
    // kubectl 1.29+ leaves validation to the server; 1.20 (Debian's) validates with /openapi/v2 itself.
    if (minor >= 27) expect(post?.query.fieldValidation).toBe('Strict');
    if (minor <= 20) expect(post?.query.fieldValidation).toBeUndefined();
    const waited = await kubectl.run('wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=120s');
    expect(waited.stdout.trim()).toBe('customresourcedefinition.apiextensions.k8s.io/widgets.example.com condition met');
  }, STEP);

  it('get finds the new resource through discovery (plural and short name)', async () => {
    const empty = await kubectl.run('get', 'widgets');
    expect(empty.code).toBe(0);
    expect(empty.stderr.trim()).toBe('No resources found in default namespace.');
    const resources = await kubectl.run('api-resources', '--api-group=example.com');
    expect(resources.stdout).toMatch(/^widgets\s+wg\s+example\.com\/v1\s+true\s+Widget$/m);
    expect((await kubectl.run('get', 'wg')).code).toBe(0);
  }, STEP);

  it('apply -f creates, then updates with a merge patch, then leaves an unchanged object alone', async () => {
    const file = kubectl.file('w1.yaml', w1(3));
    const created = await kubectl.run('apply', '-f', file);
    expect(created.stdout.trim()).toBe('widget.example.com/w1 created');
    kubectl.file('w1.yaml', w1(5));
    const configured = await kubectl.run('apply', '-f', file);
    expect(configured.stdout.trim()).toBe('widget.example.com/w1 configured');
    expect(server.requests.some((r) => r.method === 'PATCH' && r.headers['content-type'] === 'application/merge-patch+json')).toBe(true);
    const unchanged = await kubectl.run('apply', '-f', file);
    expect(unchanged.stdout.trim()).toBe('widget.example.com/w1 unchanged');
  }, STEP);

  it('apply --server-side creates and updates', async () => {
    const file = kubectl.file('w2.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w2\nspec:\n  color: blue\n');
    const created = await kubectl.run('apply', '--server-side', '-f', file);
    expect(created.stdout.trim()).toBe('widget.example.com/w2 serverside-applied');
    kubectl.file('w2.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w2\nspec:\n  color: green\n  size: 9\n');
    const updated = await kubectl.run('apply', '--server-side', '-f', file);
    expect(updated.stdout.trim()).toBe('widget.example.com/w2 serverside-applied');
    expect((await call(server, 'GET', `${WIDGETS}/w2`)).body.spec).toEqual({ color: 'green', size: 9 });
  }, STEP);

  it('patch --type merge and --type json; the default strategic patch fails as on a real server', async () => {
    const merge = await kubectl.run('patch', 'widget', 'w1', '--type', 'merge', '-p', '{"spec":{"size":7}}');
    expect(merge.stdout.trim()).toBe('widget.example.com/w1 patched');
    const json = await kubectl.run('patch', 'widget', 'w1', '--type', 'json', '-p', '[{"op":"add","path":"/spec/tags/-","value":"z"}]');
    expect(json.stdout.trim()).toBe('widget.example.com/w1 patched');
    const strategic = await kubectl.run('patch', 'widget', 'w1', '-p', '{"spec":{"size":8}}');
    expect(strategic.code).toBe(1);
    expect(strategic.stderr).toContain(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
    if (minor >= 29) expect(strategic.stderr).toContain('application/strategic-merge-patch+json is not supported by example.com/v1, Kind=Widget');
  }, STEP);

  it('get -o json shows the stored object', async () => {
    const r = await kubectl.run('get', 'widget', 'w1', '-o', 'json');
    expect(r.code).toBe(0);
    const object = JSON.parse(r.stdout) as {
      spec: { size: number; tags: string[]; color: string };
      metadata: { labels: Record<string, string>; annotations: Record<string, string>; generation: number; namespace: string };
    };
    expect(object.spec).toEqual({ color: 'red', size: 7, tags: ['a', 'z'] });
    expect(object.metadata.labels).toEqual({ tier: 'gold' });
    expect(object.metadata.namespace).toBe('default');
    expect(object.metadata.generation).toBe(4);
    expect(JSON.parse(object.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] ?? '{}').spec.size).toBe(5);
    const path = await kubectl.run('get', 'widget', 'w1', '-o', 'jsonpath={.spec.color}/{.spec.size}');
    expect(path.stdout).toBe('red/7');
  }, STEP);

  it('get -l filters by label and prints the printer columns', async () => {
    const r = await kubectl.run('get', 'widgets', '-l', 'tier=gold');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+COLOR\s+SIZE\s+READY\s+AGE$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^w1\s+red\s+7\s+\S*\s*\d+s$/);
    const all = await kubectl.run('get', 'widgets', '-A', '-l', 'tier notin (gold)', '--show-labels');
    expect(all.stdout).toMatch(/^NAMESPACE\s+NAME/);
    expect(all.stdout).toMatch(/^default\s+w2\s+green/m);
  }, STEP);

  it('get -w receives events', async () => {
    const watch = kubectl.start('get', 'widgets', '-w');
    try {
      const initial = await watch.waitForLines(3);
      expect(initial[0]).toMatch(/^NAME\s+COLOR/);
      await call(server, 'PATCH', `${WIDGETS}/w1`, { spec: { color: 'blue' } }, MERGE);
      const lines = await watch.waitForLines(4);
      expect(lines[3]).toMatch(/^w1\s+blue\s+7/);
      const label = await kubectl.run('label', 'widget', 'w2', 'touched=yes');
      expect(label.stdout.trim()).toBe('widget.example.com/w2 labeled');
      expect((await watch.waitForLines(5))[4]).toMatch(/^w2\s+green\s+9/);
    } finally {
      await watch.stop();
    }
  }, STEP);

  it('get <name> -w sees the first change to that object (synthetic ADDED first)', async () => {
    const watch = kubectl.start('get', 'widget', 'w2', '-w', '-o', 'jsonpath={.spec.size}{"\\n"}');
    try {
      await watch.waitForLines(1);
      await call(server, 'PATCH', `${WIDGETS}/w2`, { spec: { size: 10 } }, MERGE);
      expect((await watch.waitForLines(2))[1]).toBe('10');
    } finally {
      await watch.stop();
    }
  }, STEP);

  it('reports invalid objects as the real server does', async () => {
    const file = kubectl.file('bad.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: Bad_Name\nspec:\n  color: red\n');
    const r = await kubectl.run('apply', '-f', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The Widget "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"');
    const enumFile = kubectl.file('bad2.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: bad2\nspec:\n  color: purple\n');
    const schema = await kubectl.run('apply', '-f', enumFile);
    expect(schema.code).toBe(1);
    expect(schema.stderr).toContain('The Widget "bad2" is invalid: spec.color: Unsupported value: "purple": supported values: "red", "green", "blue"');
    const unknownFile = kubectl.file('bad3.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: bad3\nspec:\n  color: red\n  colour: rot\n');
    server.requests.length = 0;
    const strict = await kubectl.run('apply', '-f', unknownFile);
    expect(strict.code).toBe(1);
    const posted = server.requests.filter((r) => r.method === 'POST');
    if (minor >= 27) expect(posted).toHaveLength(1);
    if (posted.length > 0) {
      // the server validates (fieldValidation=Strict)
      expect(posted[0]?.query.fieldValidation).toBe('Strict');
      expect(strict.stderr).toContain('Error from server (BadRequest): error when creating');
      expect(strict.stderr).toContain('strict decoding error: unknown field "spec.colour"');
    } else {
      // kubectl validates itself against the /openapi/v2 document (1.20)
      expect(strict.stderr).toContain('unknown field "colour" in com.example.v1.Widget.spec');
    }
    const relaxed = await kubectl.run('apply', '--validate=false', '-f', unknownFile);
    expect(relaxed.stdout.trim()).toBe('widget.example.com/bad3 created');
    expect((await call(server, 'GET', `${WIDGETS}/bad3`)).body.spec).toEqual({ color: 'red', size: 1 });
  }, STEP);

  it('explain reads the schema from OpenAPI (v3, or v2 for older kubectl)', async () => {
    const r = await kubectl.run('explain', 'widgets.spec');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^KIND:\s+Widget$/m);
    expect(r.stdout).toMatch(/^\s+color\s+<string> -required-$/m);
    expect(r.stdout).toMatch(/^\s+tags\s+<\[\]string>$/m);
  }, STEP);

  it('delete waits for finalizers: it returns once they are removed', async () => {
    const file = kubectl.file('fin.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: fin\n  finalizers: [example.com/hold]\nspec:\n  color: red\n');
    expect((await kubectl.run('apply', '-f', file)).code).toBe(0);
    const deleting = kubectl.start('delete', 'widget', 'fin', '--timeout=120s');
    try {
      await until(async () => (await call(server, 'GET', `${WIDGETS}/fin`)).body.metadata?.deletionTimestamp !== undefined);
      await new Promise((r) => setTimeout(r, 500));
      expect(deleting.running).toBe(true);
      await call(server, 'PATCH', `${WIDGETS}/fin`, { metadata: { finalizers: null } }, MERGE);
      expect(await deleting.exited).toBe(0);
      expect(deleting.stdout.trim()).toBe('widget.example.com "fin" deleted');
    } finally {
      await deleting.stop();
    }
  }, STEP);

  it('delete removes an object; delete -f on the CRD drops the resource type', async () => {
    const r = await kubectl.run('delete', 'widget', 'w1');
    expect(r.stdout.trim()).toBe('widget.example.com "w1" deleted');
    const gone = await kubectl.run('get', 'widget', 'w1');
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): widgets.example.com "w1" not found');
    const crd = await kubectl.run('delete', '-f', crdFile);
    expect(crd.stdout.trim()).toBe('customresourcedefinition.apiextensions.k8s.io "widgets.example.com" deleted');
    const resources = await kubectl.run('api-resources');
    expect(resources.stdout).not.toContain('Widget');
    expect((await call(server, 'GET', `${WIDGETS}/w2`)).status).toBe(404);
  }, STEP);
});
