// Runs units on worker threads (node:worker_threads), biggest first, each worker taking the next
// unit when it finishes one. Results are returned in the order of the units, whatever the order
// they finished in, so the output is the same for any number of workers.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { UnitOptions } from './unit.js';
import type { GroupUnit } from './units.js';
import type { UnitResult } from './unit-result.js';

/**
 * A worker running worker.js when built. Under tsx or vitest the sources are .ts, which Node
 * cannot load by itself: the worker then registers tsx's loader first (a development-only path).
 */
function startWorker(kindTemplate: string, stored: string | undefined): Worker {
  const workerData = { kindTemplate, ...(stored === undefined ? {} : { stored }) };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { workerData });
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => api.register()).then(() => import(${JSON.stringify(entry)}));`, { eval: true, workerData });
}

interface Reply {
  readonly id: number;
  readonly result?: UnitResult;
  readonly error?: string;
  /** The template's declarations as JSON, in the first reply of a worker that read them (see unit.ts storedTemplate). */
  readonly template?: string;
}

/**
 * Runs `units` on `count` workers; `cost` orders them (largest first) for an even spread. `stored`:
 * the template's declarations from an earlier run; `template`: as a worker read them, when none were.
 */
export async function runOnWorkers(
  units: readonly GroupUnit[],
  cost: (unit: GroupUnit) => number,
  options: UnitOptions,
  kindTemplate: string,
  count: number,
  onDone: (unit: GroupUnit) => void,
  stored?: string,
): Promise<{ results: UnitResult[]; template?: string }> {
  const results: UnitResult[] = new Array<UnitResult>(units.length);
  const queue = units.map((_, i) => i).sort((a, b) => cost(units[b] as GroupUnit) - cost(units[a] as GroupUnit) || a - b);
  const workers = Array.from({ length: Math.min(count, units.length) }, () => startWorker(kindTemplate, stored));
  const read: { template?: string } = {};
  try {
    await Promise.all(workers.map((worker) => drain(worker, { units, queue, results, read }, options, onDone)));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { results, ...read };
}

interface Run {
  readonly units: readonly GroupUnit[];
  readonly queue: number[];
  readonly results: UnitResult[];
  readonly read: { template?: string };
}

/** One worker takes units off the shared queue until it is empty. */
function drain(worker: Worker, run: Run, options: UnitOptions, onDone: (unit: GroupUnit) => void): Promise<void> {
  const { units, queue, results, read } = run;
  return new Promise((resolve, reject) => {
    const next = () => {
      const id = queue.shift();
      if (id === undefined) return resolve();
      worker.postMessage({ id, unit: units[id], options });
    };
    worker.on('message', (reply: Reply) => {
      if (reply.result === undefined) return reject(new Error(`a generator worker failed: ${reply.error ?? 'no result'}`));
      results[reply.id] = reply.result;
      read.template ??= reply.template;
      onDone(units[reply.id] as GroupUnit);
      next();
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (queue.length > 0 || code !== 0) reject(new Error(`a generator worker stopped (exit code ${code})`));
    });
    next();
  });
}
