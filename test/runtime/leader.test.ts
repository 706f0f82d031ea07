// Leader election on coordination.k8s.io/v1 Leases served by the test API server: one holder at a
// time, release on stop, takeover after expiry, stepping down when renewals fail, and two
// leader-elected controllers of which only the leader reconciles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoordinationV1Api } from '@kubernetes/client-node';
import { startTestApiServer, type TestApiServer } from '../../src/testing/index.js';
import { Controller, LeaderElector, LeadershipLostError, type LeaderElectionOptions } from '../../src/runtime/index.js';
import { RUNTIME_NAMESPACES, widgetCrd } from './support/crds.js';
import { WidgetApi } from './support/kinds.js';
import { until } from './support/wait.js';

let server: TestApiServer;
beforeAll(async () => {
  server = await startTestApiServer({ crds: [widgetCrd], namespaces: [...RUNTIME_NAMESPACES, 'leader'] });
});
afterAll(() => server.close());

/** Short durations for tests; the defaults are client-go's 15 s / 10 s / 2 s. */
const short = { leaseDurationMs: 6_000, renewDeadlineMs: 4_000, retryPeriodMs: 300 };
const elector = (name: string, identity: string, more: Partial<LeaderElectionOptions> = {}) =>
  new LeaderElector({ kubeConfig: server.kubeConfig, namespace: 'leader', name, identity, ...short, ...more });
const readLease = (name: string) => server.kubeConfig.makeApiClient(CoordinationV1Api).readNamespacedLease({ name, namespace: 'leader' });

/** Runs `elector` until `stop` aborts, marking while it leads. */
function candidate(e: LeaderElector, stop: AbortSignal) {
  const state = { leading: false, led: false };
  const done = e.run(stop, async (signal) => {
    state.leading = true;
    state.led = true;
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    state.leading = false;
  });
  return { state, done };
}

describe('LeaderElector', () => {
  it('lets one candidate hold the lease; on stop it releases it and the other takes over', async () => {
    const [stopA, stopB] = [new AbortController(), new AbortController()];
    const a = candidate(elector('pair', 'a'), stopA.signal);
    await until('a leads', () => a.state.leading);
    const b = candidate(elector('pair', 'b'), stopB.signal);
    // b keeps trying while a renews: wait for several renewals by a, b must not lead meanwhile.
    const renewals = async () => Number(new Date(String((await readLease('pair')).spec?.renewTime)).getTime());
    const first = await renewals();
    await until('a renewed twice', async () => (await renewals()) > first + 450);
    expect(b.state.led).toBe(false);
    const held = await readLease('pair');
    expect(held.spec?.holderIdentity).toBe('a');
    expect(held.spec?.leaseDurationSeconds).toBe(6);
    stopA.abort();
    await a.done;
    await until('b leads', () => b.state.leading);
    const taken = await readLease('pair');
    expect(taken.spec?.holderIdentity).toBe('b');
    expect(taken.spec?.leaseTransitions).toBe(1);
    stopB.abort();
    await b.done;
    expect((await readLease('pair')).spec?.holderIdentity).toBe('');
  });

  it('takes over an unreleased lease once its holder stops renewing for the lease duration', async () => {
    const [stopA, stopB] = [new AbortController(), new AbortController()];
    const a = candidate(elector('expiry', 'a', { releaseOnCancel: false }), stopA.signal);
    await until('a leads', () => a.state.leading);
    stopA.abort();
    await a.done;
    expect((await readLease('expiry')).spec?.holderIdentity).toBe('a');
    const seen: string[] = [];
    const b = candidate(elector('expiry', 'b', { onNewLeader: (id) => seen.push(id) }), stopB.signal);
    await until('b leads', () => b.state.leading);
    expect(seen).toEqual(['a', 'b']);
    stopB.abort();
    await b.done;
  });

  it('steps down and rejects with LeadershipLostError when it cannot renew within the deadline', async () => {
    const stop = new AbortController();
    const e = elector('lost', 'a');
    let leadSignal: AbortSignal | undefined;
    const run = e.run(stop.signal, async (signal) => {
      leadSignal = signal;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    });
    await until('it leads', () => e.isLeader);
    server.faults.failNext({ status: 500, path: '/apis/coordination.k8s.io/v1/namespaces/leader/leases/lost', count: 1_000 });
    await expect(run).rejects.toThrow(LeadershipLostError);
    expect(leadSignal?.aborted).toBe(true);
    expect(e.isLeader).toBe(false);
    server.faults.clear();
  });

  it('refuses durations that break client-go\'s rules', () => {
    expect(() => elector('x', 'a', { leaseDurationMs: 1000, renewDeadlineMs: 1000 })).toThrow(
      'leader election: leaseDurationMs (1000) must be greater than renewDeadlineMs (1000)',
    );
    expect(() => elector('x', 'a', { renewDeadlineMs: 1000, retryPeriodMs: 900 })).toThrow(
      'leader election: renewDeadlineMs (1000) must be greater than 1.2 x retryPeriodMs (900)',
    );
  });
});

describe('Controller with leader election', () => {
  it('reconciles only on the leader; the other takes over when the first one\'s signal aborts', async () => {
    const widgets = new WidgetApi({ kubeConfig: server.kubeConfig, namespace: 'leader' });
    await widgets.create({ metadata: { name: 'w1' } });
    const reconciledBy: string[] = [];
    const start = (id: string, signal: AbortSignal) => {
      const controller = new Controller({
        for: widgets, signal, leaderElection: elector('controller', id),
        reconcile: ({ name }) => void reconciledBy.push(`${id} ${name}`),
      });
      return controller.run();
    };
    const [stopA, stopB] = [new AbortController(), new AbortController()];
    const a = start('a', stopA.signal);
    await until('a reconciled w1', () => reconciledBy.includes('a w1'));
    const b = start('b', stopB.signal);
    await widgets.create({ metadata: { name: 'w2' } });
    await until('a reconciled w2', () => reconciledBy.includes('a w2'));
    stopA.abort();
    await a;
    await widgets.create({ metadata: { name: 'w3' } });
    await until('b reconciled w3', () => reconciledBy.includes('b w3'));
    stopB.abort();
    await b;
    // b reconciled nothing while a led; once leading it started from its own synced cache (all three).
    expect(reconciledBy.filter((r) => r.startsWith('a'))).toEqual(['a w1', 'a w2']);
    expect(reconciledBy.filter((r) => r.startsWith('b')).sort()).toEqual(['b w1', 'b w2', 'b w3']);
    expect(reconciledBy.indexOf('b w1')).toBeGreaterThan(reconciledBy.indexOf('a w2'));
  });
});
