// examples/lab-controller.ts: the Exporter and Lease controllers built on Controller converge, also
// through dropped watches and failing writes, and never give one Exporter to two Leases at once.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ExporterApi, LeaseApi } from '../../generated/lab.example.com/v1alpha1/index.js';
import { getCondition } from '../../generated/index.js';
import { runTestServer } from '../../src/cli/commands/test-server.js';
import type { CliContext } from '../../src/cli/context.js';
import { startTestApiServer } from '../../src/testing/index.js';
import { ROOT } from '../support/fixtures.js';
import { durationMs, main, runLab, selectorString } from '../../examples/lab-controller.js';

const crd = (name: string) => load(readFileSync(new URL(`../../fixtures/valid/lab/${name}.yaml`, import.meta.url), 'utf8')) as object;

describe('examples/lab-controller.ts', () => {
  it('main() registers the Exporters and serves all three Leases with two matching boards', async () => {
    const log: string[] = [];
    await main([], (line) => log.push(line));
    expect(log.filter((l) => l.endsWith('registered')).sort()).toEqual(['exporter e1: registered', 'exporter e2: registered', 'exporter e3: registered']);
    const got = log.filter((l) => l.includes('got exporter'));
    expect(got).toHaveLength(3);
    expect(got.every((l) => / got exporter e[12]$/.test(l))).toBe(true);
    // The third Lease got a board only after one of the first two ended.
    const third = log.findIndex((l) => l.startsWith('lease l3: got'));
    expect(log.findIndex((l) => / ended, /.test(l))).toBeLessThan(third);
    expect(log.at(-1)).toBe('every lease has ended');
  }, 120_000);

  it('converges under dropped watches and failing status writes, one Lease per Exporter at a time', async () => {
    await using server = await startTestApiServer({ crds: [crd('exporters'), crd('leases')], namespaces: ['lab'] });
    const stop = new AbortController();
    const running = runLab({ kubeConfig: server.kubeConfig, namespace: 'lab', signal: stop.signal });
    const exporters = new ExporterApi({ kubeConfig: server.kubeConfig, namespace: 'lab' });
    const leases = new LeaseApi({ kubeConfig: server.kubeConfig, namespace: 'lab' });
    for (let i = 0; i < 4; i++) await exporters.create({ metadata: { name: `e${i}`, labels: { board: 'rpi4' } }, spec: { username: `u${i}` } });
    server.faults.failNext({ status: 503, method: 'PATCH', path: '/apis/lab.example.com/v1alpha1/namespaces/lab', count: 8 });
    server.faults.failNext({ status: 500, method: 'PUT', path: '/apis/lab.example.com/v1alpha1/namespaces/lab', count: 4 });
    const names = Array.from({ length: 10 }, (_, i) => `l${i}`);
    for (const [i, name] of names.entries()) {
      await leases.create({ metadata: { name }, spec: { clientRef: { name: 'ci' }, selector: { matchLabels: { board: 'rpi4' } }, duration: '300ms' } });
      if (i % 3 === 0) server.faults.resetWatches();
    }
    for (const name of names) await leases.waitFor(name, (l) => l.status?.ended === true, { timeoutMs: 90_000 });
    stop.abort();
    await running;
    const served = (await leases.list()).items.map((l) => ({
      exporter: l.status?.exporterRef?.name ?? '', begin: Date.parse(l.status?.beginTime ?? ''), end: Date.parse(l.status?.endTime ?? ''),
    }));
    expect(served.every((s) => s.exporter !== '' && s.begin <= s.end)).toBe(true);
    for (const a of served) {
      for (const b of served) {
        if (a !== b && a.exporter === b.exporter) expect(a.end <= b.begin || b.end <= a.begin, JSON.stringify([a, b])).toBe(true);
      }
    }
    for (const e of (await exporters.list()).items) {
      expect(e.metadata?.finalizers).toEqual(['lab.example.com/credential']);
      expect(getCondition(e, 'Registered')?.status).toBe('True');
    }
  }, 180_000);

  // The example runs as a program of its own (node + tsx), against the `crdgen test-server`
  // command run in this process: the command's code from reading the CRD folder to writing the
  // kubeconfig, without a second process to start (tsx and client-node load in seconds of CPU).
  // The command as a process of its own, until SIGTERM, is test/testing/cli.test.ts's.
  it('runs as a program against `crdgen test-server` (its kubeconfig file), and converges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-lab-'));
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    let listening = () => {};
    const ready = new Promise<void>((resolve) => (listening = resolve));
    const ctx: CliContext = { cwd: ROOT, env: {}, stdout: (t) => t.includes('listening') && listening(), stderr: () => {}, readStdin: async () => '', isTTY: false };
    const stop = new AbortController();
    const serving = runTestServer({ inputs: ['fixtures/valid/lab'], port: 0, kubeconfigOut: kubeconfig }, ctx, stop.signal);
    try {
      await Promise.race([ready, serving.then((code) => Promise.reject(new Error(`test-server returned ${code} before listening`)))]);
      const example = spawn(process.execPath, ['--import', 'tsx', 'examples/lab-controller.ts', '--kubeconfig', kubeconfig], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      example.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      example.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => example.once('exit', resolve));
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(out.trim().split('\n').at(-1)).toBe('every lease has ended');
      expect(out.match(/got exporter/g)).toHaveLength(3);
    } finally {
      stop.abort();
      await serving.catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('reads durations and selectors as the Lease kind writes them', () => {
    expect([durationMs('90s'), durationMs('5m'), durationMs('1h'), durationMs('soon'), durationMs(undefined)]).toEqual([90_000, 300_000, 3_600_000, undefined, undefined]);
    const lease = { apiVersion: 'lab.example.com/v1alpha1', kind: 'Lease', spec: { clientRef: {}, selector: { matchLabels: { board: 'rpi4' }, matchExpressions: [
      { key: 'site', operator: 'In' as const, values: ['a', 'b'] }, { key: 'broken', operator: 'DoesNotExist' as const },
    ] } } } as const;
    expect(selectorString(lease)).toBe('board=rpi4,site in (a,b),!broken');
  });
});
