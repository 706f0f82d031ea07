// A worker thread of the generator: runs units (see unit.ts) sent by pool.ts, one at a time in the
// order they came. Reads nothing but its own module files; the kind template (and its
// declarations stored by an earlier run, if any) comes as workerData, with the module to import
// before the generator's own, if any (see GenerateHooks.workerSetup).
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerStart } from './pool.js';
import type { GroupUnit } from './units.js';
import type { UnitOptions } from './unit.js';

interface Task {
  readonly id: number;
  readonly unit: GroupUnit;
  readonly options: UnitOptions;
}

const { kindTemplate, stored, setup } = workerData as WorkerStart;

const loaded = (async () => {
  if (setup !== undefined) await import(setup);
  return import('./unit.js');
})();
// A failure to load is each task's reply (see run), not an unhandled rejection.
loaded.catch(() => undefined);

let previous: Promise<void> = Promise.resolve();

parentPort?.on('message', (task: Task) => {
  previous = previous.then(() => run(task));
});

async function run(task: Task): Promise<void> {
  try {
    const { runUnit } = await loaded;
    const result = await runUnit(task.unit, task.options, kindTemplate, stored);
    parentPort?.postMessage({ id: task.id, result });
  } catch (error) {
    parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) });
  }
}
