// A worker thread of the generator: runs units (see unit.ts) sent by pool.ts. Reads nothing but
// its own module files; the kind template (and its declarations stored by an earlier run, if any)
// comes as workerData, and the first reply of a worker that read the declarations itself holds them.
import { parentPort, workerData } from 'node:worker_threads';
import type { GroupUnit } from './units.js';
import { runUnit, storedTemplate, type UnitOptions } from './unit.js';

interface Task {
  readonly id: number;
  readonly unit: GroupUnit;
  readonly options: UnitOptions;
}

const { kindTemplate, stored } = workerData as { kindTemplate: string; stored?: string };
let sent = stored !== undefined;

parentPort?.on('message', (task: Task) => {
  runUnit(task.unit, task.options, kindTemplate, stored).then(
    (result) => {
      const template = sent ? undefined : storedTemplate(kindTemplate);
      sent = true;
      parentPort?.postMessage({ id: task.id, result, ...(template === undefined ? {} : { template }) });
    },
    (error: unknown) => parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
