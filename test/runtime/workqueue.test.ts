// WorkQueue invariants, as seeded property tests (a failing seed is printed and replays exactly),
// plus the backoff, delayed adds and shutdown.
import { describe, expect, it } from 'vitest';
import { ExponentialBackoff, TokenBucket, WorkQueue } from '../../src/runtime/index.js';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/**
 * Random adds, delayed adds and failures from a producer while `workers` workers take keys and
 * hold them for a random number of ticks. Checks: no key is ever held by two workers at once, and
 * every key is processed (a get after) after its last add.
 */
async function run(seed: number, workers: number): Promise<void> {
  const random = prng(seed);
  const queue = new WorkQueue<string>({ backoff: new ExponentialBackoff(1, 8) });
  const keys = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => `k${i}`);
  const held = new Set<string>();
  let seq = 0;
  const lastAdd = new Map<string, number>();
  const lastStart = new Map<string, number>();
  const violations: string[] = [];
  const worker = async () => {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      if (held.has(key)) violations.push(`${key} held twice`);
      held.add(key);
      lastStart.set(key, ++seq);
      for (let n = Math.floor(random() * 4); n > 0; n--) await tick();
      held.delete(key);
      if (random() < 0.1) queue.addRateLimited(key);
      else queue.forget(key);
      queue.done(key);
    }
  };
  const running = Array.from({ length: workers }, worker);
  for (let op = 0; op < 300; op++) {
    const key = keys[Math.floor(random() * keys.length)]!;
    const r = random();
    if (r < 0.7) {
      queue.add(key);
      lastAdd.set(key, ++seq);
    } else if (r < 0.8) {
      // Counted as an add when it fires (a later add of the key may come first).
      queue.addAfter(key, 1 + Math.floor(random() * 3));
    }
    if (random() < 0.5) await tick();
  }
  await until(`seed ${seed}: the queue drains`, () => queue.length === 0 && queue.inFlight === 0 && queue.delayed === 0);
  await queue.shutDown();
  await Promise.all(running);
  expect(violations, `seed ${seed}`).toEqual([]);
  for (const [key, added] of lastAdd) {
    expect(lastStart.get(key) ?? 0, `seed ${seed}: ${key} processed after its last add`).toBeGreaterThan(added);
  }
}

describe('WorkQueue', () => {
  it('never gives one key to two workers and processes every key after its last add (200 seeds)', async () => {
    for (let seed = 1; seed <= 200; seed++) await run(seed, 1 + (seed % 5));
  });

  it('processes a key added many times before it is taken once', async () => {
    const queue = new WorkQueue<{ name: string; namespace: string }>();
    for (let i = 0; i < 5; i++) queue.add({ name: 'a', namespace: 'ns' });
    queue.add({ name: 'b', namespace: 'ns' });
    expect(queue.length).toBe(2);
    expect(await queue.get()).toEqual({ name: 'a', namespace: 'ns' });
    expect(await queue.get()).toEqual({ name: 'b', namespace: 'ns' });
    expect(queue.length).toBe(0);
  });

  it('queues a key added while it is processed again after done, not before', async () => {
    const queue = new WorkQueue<string>();
    queue.add('a');
    const first = await queue.get();
    queue.add('a');
    expect(queue.length).toBe(0);
    let second: string | undefined;
    void queue.get().then((k) => (second = k));
    await tick();
    expect(second).toBeUndefined();
    queue.done(first!);
    await tick();
    expect(second).toBe('a');
  });

  it('backs off per key, doubling from 5 ms up to 1000 s, until forget', () => {
    const backoff = new ExponentialBackoff();
    const delays = Array.from({ length: 20 }, () => backoff.when('a'));
    expect(delays.slice(0, 4)).toEqual([5, 10, 20, 40]);
    expect(delays[18]).toBe(1_000_000);
    expect(delays[19]).toBe(1_000_000);
    expect(backoff.when('b')).toBe(5);
    expect(backoff.retries('a')).toBe(20);
    backoff.forget('a');
    expect(backoff.retries('a')).toBe(0);
    expect(backoff.when('a')).toBe(5);
  });

  it('limits retries overall with a token bucket: 10 a second after a burst of 100 (client-go\'s default)', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 100, () => now);
    const burst = Array.from({ length: 100 }, () => bucket.reserve());
    expect(burst.every((d) => d === 0)).toBe(true);
    expect([bucket.reserve(), bucket.reserve()]).toEqual([100, 200]);
    now += 1_000; // ten tokens come back; two were lent already
    expect(Array.from({ length: 8 }, () => bucket.reserve()).every((d) => d === 0)).toBe(true);
    expect(bucket.reserve()).toBe(100);
  });

  it('counts requeues and forgets them', async () => {
    const queue = new WorkQueue<string>({ backoff: new ExponentialBackoff(1, 4) });
    queue.addRateLimited('a');
    expect(queue.numRequeues('a')).toBe(1);
    expect(queue.length).toBe(0);
    expect(await queue.get()).toBe('a');
    queue.addRateLimited('a');
    queue.done('a');
    expect(await queue.get()).toBe('a');
    expect(queue.numRequeues('a')).toBe(2);
    queue.forget('a');
    expect(queue.numRequeues('a')).toBe(0);
  });

  it('adds later with addAfter; the earliest of several delayed adds wins', async () => {
    const queue = new WorkQueue<string>();
    queue.addAfter('a', 60_000);
    queue.addAfter('a', 5);
    expect(queue.delayed).toBe(1);
    expect(queue.length).toBe(0);
    expect(await queue.get()).toBe('a');
    expect(queue.delayed).toBe(0);
  });

  it('shuts down: waiting gets end, queued and delayed items are dropped, in-flight work finishes', async () => {
    const queue = new WorkQueue<string>();
    queue.add('a');
    queue.add('b');
    queue.addAfter('c', 60_000);
    const held = await queue.get();
    let stopped = false;
    const shutDown = queue.shutDown().then(() => (stopped = true));
    expect(await queue.get()).toBeUndefined();
    queue.add('d');
    expect(queue.length).toBe(0);
    expect(queue.delayed).toBe(0);
    await tick();
    expect(stopped).toBe(false);
    queue.done(held!);
    await shutDown;
    expect(stopped).toBe(true);
  });
});
