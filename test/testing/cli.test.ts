import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTestServer } from '../../src/cli/commands/test-server.js';
import type { CliContext } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { cliStartArgs } from '../support/cli.js';
import { FIXTURES } from './helpers.js';
import { Kubectl, requireKubectl } from './kubectl.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function context(cwd: string): CliContext & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    env: {},
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: () => Promise.resolve(''),
    isTTY: false,
    out,
    err,
  };
}

async function until(check: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('crdgen test-server (in-process)', () => {
  it('loads CRD folders, prints the URL, writes the kubeconfig and stops when aborted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-cli-'));
    const ctx = context(ROOT);
    const controller = new AbortController();
    const kubeconfig = join(dir, 'kc.yaml');
    const running = runTestServer({ inputs: [FIXTURES], port: 0, kubeconfigOut: kubeconfig }, ctx, controller.signal);
    await until(() => ctx.out.length > 0);
    const line = ctx.out.join('');
    expect(line).toMatch(/^crdgen test-server listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const url = line.trim().split(' ').at(-1) ?? '';
    const crds = (await (await fetch(`${url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`)).json()) as { items: { metadata: { name: string } }[] };
    expect(crds.items.map((i) => i.metadata.name)).toEqual(['gadgets.example.com', 'widgets.example.com']);
    expect(readFileSync(kubeconfig, 'utf8')).toContain(`server: ${url}`);
    expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);
    controller.abort();
    expect(await running).toBe(0);
    expect(ctx.err.join('')).toContain('crdgen test-server stopped');
    await expect(fetch(`${url}/version`)).rejects.toThrow();
  });

  it('names each CEL rule it cannot evaluate once, as a warning at the CRD, and serves the CRD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-cli-cel-'));
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'things.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'things', kind: 'Thing' }, versions: [{ name: 'v1', served: true, storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-validations': [{ rule: 'self.a >' }, { rule: 'has(self.a)' }] } } } } }] },
    };
    writeFileSync(join(dir, 'thing.yaml'), JSON.stringify(crd));
    const ctx = context(dir);
    const controller = new AbortController();
    const running = runTestServer({ inputs: ['thing.yaml'], port: 0 }, ctx, controller.signal);
    await until(() => ctx.out.length > 0);
    controller.abort();
    expect(await running).toBe(0);
    const warnings = ctx.err.join('').split('\n').filter((l) => l.includes('x-kubernetes-validations'));
    expect(warnings).toEqual([
      expect.stringMatching(/^thing\.yaml:1: warning: CRD things\.example\.com version v1: x-kubernetes-validations rule at \.spec is not evaluated by this test server \(.+\): self\.a >$/),
    ]);
  });

  it('serves the project fixtures (fixtures/invalid is ignored); a CRD the API server refuses is reported and left out', async () => {
    const ctx = context(ROOT);
    const controller = new AbortController();
    const running = runTestServer({ inputs: ['fixtures'], port: 0 }, ctx, controller.signal);
    await until(() => ctx.out.length > 0);
    const url = ctx.out.join('').trim().split(' ').at(-1) ?? '';
    const crds = (await (await fetch(`${url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`)).json()) as { items: { metadata: { name: string } }[] };
    const names = crds.items.map((i) => i.metadata.name);
    expect(names).toContain('exporters.lab.example.com');
    expect(names).toContain('pools.infra.example.com');
    // Its Helm-templated label is not a valid label value, so the real API server refuses it too.
    expect(names).not.toContain('baskets.shop.example.com');
    expect(ctx.err.join('')).toContain('fixtures/valid/mixed.yaml:20: warning: not registered, the API server refuses it: cannot register CRD "baskets.shop.example.com"');
    expect(ctx.err.join('')).not.toContain('fixtures/invalid');
    controller.abort();
    expect(await running).toBe(0);
  });

  it('fails with one line for a missing input, invalid YAML and a bad port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-cli-'));
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: [\n');
    const missing = context(dir);
    expect(await main(['test-server', 'nope.yaml'], missing)).toBe(1);
    expect(missing.err.join('')).toBe('crdgen: nope.yaml: no such file or folder (check the path)\n');
    const broken = context(dir);
    expect(await main(['test-server', 'broken.yaml'], broken)).toBe(1);
    expect(broken.err.join('')).toMatch(/broken\.yaml:\d+: error: invalid YAML/);
    expect(broken.err.join('')).toContain('crdgen: the CRD inputs have errors (see above); the server was not started\n');
    const port = context(dir);
    expect(await main(['test-server', '--port', '70000'], port)).toBe(2);
    expect(port.err.join('')).toBe('crdgen: --port must be an integer from 0 to 65535, got 70000\n');
  });
});

describe('crdgen test-server (child process)', () => {
  it('serves kubectl until SIGTERM, then exits 0', async () => {
    requireKubectl();
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-cli-'));
    const kubeconfig = join(dir, 'kc.yaml');
    const child = spawn(
      process.execPath,
      [...cliStartArgs(), 'test-server', join(FIXTURES, 'widget-crd.yaml'), '--kubeconfig-out', kubeconfig],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await until(() => stdout.includes('\n'));
      expect(stdout).toMatch(/^crdgen test-server listening on http:\/\/127\.0\.0\.1:\d+\n$/);
      const kubectl = new Kubectl(readFileSync(kubeconfig, 'utf8'));
      const file = kubectl.file('w.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  color: red\n');
      expect((await kubectl.run('apply', '-f', file)).stdout.trim()).toBe('widget.example.com/w1 created');
      expect((await kubectl.run('get', 'widgets', '-o', 'name')).stdout.trim()).toBe('widget.example.com/w1');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('crdgen test-server stopped');
  });
});
