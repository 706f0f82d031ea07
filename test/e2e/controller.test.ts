// Issue item 6, the flow the Python original could not do, as examples/exporter-controller.ts runs
// it: a controller loop (a watch) sets status.credential after a delay, and waitFor returns the
// typed Exporter without polling. The example's own functions run in-process here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exporter, ExporterApi } from '../../generated/lab.example.com/v1alpha1/index.js';
import type { TestApiServer } from '../../src/testing/index.js';
import { createAndWaitForCredential, main, runController, startLab } from '../../examples/exporter-controller.js';

describe('examples/exporter-controller.ts', () => {
  let server: TestApiServer;
  let exporters: ExporterApi;
  beforeAll(async () => {
    ({ server, exporters } = await startLab());
  });
  afterAll(() => server.close());

  it('waitFor returns the typed Exporter once the controller has set its credential; nothing polls', async () => {
    const stop = new AbortController();
    const log: string[] = [];
    server.requests.length = 0;
    const controller = runController(exporters, { signal: stop.signal, delayMs: 800, log: (l) => log.push(l) });
    const exporter: Exporter = await createAndWaitForCredential(exporters, 'e1', (l) => log.push(l));
    stop.abort();
    await controller;

    expect(exporter).toMatchObject({
      apiVersion: 'lab.example.com/v1alpha1',
      kind: 'Exporter',
      metadata: { name: 'e1', namespace: 'lab' },
      spec: { username: 'e1', enabled: true },
      status: { credential: { name: 'e1-token' } },
    });
    expect(exporter.metadata?.creationTimestamp).toBeInstanceOf(Date);
    // waitFor was watching before the controller set the credential: it waited for the event.
    const order = server.requests.map((r) => (r.method === 'PATCH' ? 'PATCH' : r.query.fieldSelector === 'metadata.name=e1' && r.query.watch === 'true' ? 'waitFor watch' : ''));
    expect(order.indexOf('waitFor watch')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('waitFor watch')).toBeLessThan(order.indexOf('PATCH'));

    // In 800 ms a polling loop would have read the object again and again. Here: the controller's
    // initial list and watch, waitFor's one read and one watch; the rest are writes.
    const gets = server.requests.filter((r) => r.method === 'GET');
    const reads = gets.filter((r) => r.query.watch !== 'true').map((r) => r.path);
    const watches = gets.filter((r) => r.query.watch === 'true').map((r) => `${r.path}?${r.query.fieldSelector ?? ''}`);
    expect(reads.sort()).toEqual(['/apis/lab.example.com/v1alpha1/namespaces/lab/exporters', '/apis/lab.example.com/v1alpha1/namespaces/lab/exporters/e1']);
    expect(watches.sort()).toEqual(['/apis/lab.example.com/v1alpha1/namespaces/lab/exporters?', '/apis/lab.example.com/v1alpha1/namespaces/lab/exporters?metadata.name=e1']);
    expect(server.requests.map((r) => r.method).filter((m) => m !== 'GET')).toEqual(['POST', 'PATCH']);
    expect(log).toContain('controller: e1 has credential e1-token');
  });

  it('main() runs the whole example against its own server', async () => {
    const lines: string[] = [];
    const exporter = await main((l) => lines.push(l));
    expect(exporter.status?.credential?.name).toBe('bench-1-token');
    expect(lines[0]).toMatch(/^API server at http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toContain('main: bench-1 is ready with credential bench-1-token');
    expect(lines.find((l) => l.includes('GET requests in all'))).toMatch(/GET requests in all: 2 reads, 2 watches$/);
  });
});
