// A module for generate()'s workerSetup hook in tests: each worker thread that imports it writes
// `<threadId>.json` into the folder named by $CRDGEN_TEST_WORKER_PROBE (a thread's environment is
// a copy of the process's when it started), saying whether the thread had loaded ts-morph (what
// the generator's modules load) before it.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { threadId } from 'node:worker_threads';

const dir = process.env.CRDGEN_TEST_WORKER_PROBE;
if (dir === undefined) throw new Error('worker-probe: $CRDGEN_TEST_WORKER_PROBE is not set');
const tsMorph = Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes(`${sep}ts-morph${sep}`));
writeFileSync(join(dir, `${threadId}.json`), JSON.stringify({ tsMorph }));
