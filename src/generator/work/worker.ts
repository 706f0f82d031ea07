// A worker thread of the generator: runs units (see unit.ts) sent by pool.ts. Reads nothing but
// its own module files; the kind template comes as workerData.
import { parentPort, workerData } from 'node:worker_threads';
import type { GroupUnit } from './units.js';
import { runUnit, type UnitOptions } from './unit.js';

interface Task {
  readonly id: number;
  readonly unit: GroupUnit;
  readonly options: UnitOptions;
}

const { kindTemplate } = workerData as { kindTemplate: string };

parentPort?.on('message', (task: Task) => {
  runUnit(task.unit, task.options, kindTemplate).then(
    (result) => parentPort?.postMessage({ id: task.id, result }),
    (error: unknown) => parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
