// Runs units on this thread and on worker threads (node:worker_threads), biggest first, each
// thread taking the next unit when it finishes one. Results are returned in the order of the
// units, whatever the order they finished in, so the output is the same for any number of threads.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { UnitOptions } from './unit.js';
import type { GroupUnit } from './units.js';
import type { UnitResult } from './unit-result.js';

/** What a worker is started with (see worker.ts). */
export interface WorkerStart {
  readonly kindTemplate: string;
  /** The template's declarations from an earlier run (see unit.ts storedTemplate). */
  readonly stored?: string;
  /** A module the worker imports before the generator's own (see GenerateHooks.workerSetup). */
  readonly setup?: string;
}

/** `count` workers, each loading the generator's modules as soon as it starts (see worker.ts). */
export function startWorkers(count: number, start: WorkerStart): Worker[] {
  return Array.from({ length: Math.max(0, count) }, () => startWorker(start));
}

/**
 * Why a worker stopped, once it has: listened for from its start, so that a worker started early
 * (and failing before drain listens) is neither an unhandled error nor waited for forever.
 */
const stops = new WeakMap<Worker, Error>();

const stoppedWith = (code: number) => new Error(`a generator worker stopped (exit code ${code})`);

/**
 * A worker running worker.js when built. Under tsx or vitest the sources are .ts, which Node
 * cannot load by itself: the worker then registers tsx's loader first (a development-only path).
 */
function startWorker(workerData: WorkerStart): Worker {
  // Loaded here, by the first worker: a run on this thread alone (one small CRD) never loads it.
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  let worker: Worker;
  if (!import.meta.url.endsWith('.ts')) worker = new Worker(new URL('./worker.js', import.meta.url), { workerData });
  else {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const entry = new URL('./worker.ts', import.meta.url).href;
    worker = new Worker(`import(${JSON.stringify(tsx)}).then((api) => api.register()).then(() => import(${JSON.stringify(entry)}));`, { eval: true, workerData });
  }
  const stopped = (error: Error) => {
    if (!stops.has(worker)) stops.set(worker, error);
  };
  worker.on('error', stopped);
  worker.on('exit', (code) => stopped(stoppedWith(code)));
  return worker;
}

interface Reply {
  readonly id: number;
  readonly result?: UnitResult;
  readonly error?: string;
}

/**
 * Units a worker holds at once: the one it runs and the next, so that it need not wait for this
 * thread, which reads its replies only between two units of its own, to send another.
 */
const HELD = 2;

/**
 * Runs `units` on `count` threads: this one and `count - 1` workers, those of `started` (workers
 * started with the same `start` earlier, see startWorkers) first; `cost` orders the units (largest
 * first) for an even spread. This thread takes the first unit, while the workers load the
 * generator's modules. `onDone` is called as each unit is done, on any thread, with its result.
 * `between` is work of the run's own that this thread does after each unit it made (while the
 * workers go on with theirs). Every worker of `started` is stopped when it returns.
 */
export async function runOnThreads(
  units: readonly GroupUnit[],
  cost: (unit: GroupUnit) => number,
  options: UnitOptions,
  start: WorkerStart,
  count: number,
  onDone: (unit: GroupUnit, result: UnitResult) => void,
  started: readonly Worker[] = [],
  between: () => Promise<void> = async () => undefined,
): Promise<UnitResult[]> {
  const run: Run = {
    units,
    queue: units.map((_, i) => i).sort((a, b) => cost(units[b] as GroupUnit) - cost(units[a] as GroupUnit) || a - b),
    results: new Array<UnitResult>(units.length),
    onDone,
    between,
  };
  const first = run.queue.shift();
  const wanted = Math.min(count, units.length) - 1;
  const workers = [...started.slice(0, wanted), ...startWorkers(wanted - started.length, start)];
  const spare = started.slice(wanted).map((w) => w.terminate());
  try {
    await Promise.all([drainHere(first, run, options, start), ...workers.map((worker) => drain(worker, run, options))]);
  } catch (error) {
    // This thread stops after the unit it is making.
    run.queue.length = 0;
    throw error;
  } finally {
    await Promise.all([...spare, ...workers.map((w) => w.terminate())]);
  }
  return run.results;
}

interface Run {
  readonly units: readonly GroupUnit[];
  /** Indexes of the units no thread has taken yet, in the order to take them. */
  readonly queue: number[];
  readonly results: UnitResult[];
  readonly onDone: (unit: GroupUnit, result: UnitResult) => void;
  readonly between: () => Promise<void>;
}

/** This thread makes `first`, then takes units off the shared queue until it is empty. */
async function drainHere(first: number | undefined, run: Run, options: UnitOptions, start: WorkerStart): Promise<void> {
  const { runUnit } = await import('./unit.js');
  for (let id = first; id !== undefined; id = run.queue.shift()) {
    const unit = run.units[id] as GroupUnit;
    const result = await runUnit(unit, options, start.kindTemplate, start.stored);
    run.results[id] = result;
    run.onDone(unit, result);
    // A unit's awaits settle as microtasks: the workers' replies are read in a turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    await run.between();
  }
}

/** One worker takes units off the shared queue, holding up to HELD at once, until it is empty. */
function drain(worker: Worker, run: Run, options: UnitOptions): Promise<void> {
  const { units, queue, results } = run;
  let held = 0;
  return new Promise((resolve, reject) => {
    const next = () => {
      const id = queue.shift();
      if (id === undefined) return held === 0 ? resolve() : undefined;
      held++;
      worker.postMessage({ id, unit: units[id], options });
    };
    worker.on('message', (reply: Reply) => {
      if (reply.result === undefined) return reject(new Error(`a generator worker failed: ${reply.error ?? 'no result'}`));
      held--;
      results[reply.id] = reply.result;
      run.onDone(units[reply.id] as GroupUnit, reply.result);
      next();
    });
    const stopped = stops.get(worker);
    if (stopped !== undefined) return reject(stopped);
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (queue.length > 0 || held > 0 || code !== 0) reject(stoppedWith(code));
    });
    for (let i = 0; i < HELD; i++) next();
  });
}
