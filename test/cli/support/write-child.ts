// Child process for the kill tests: writes a prepared output (files from a JSON manifest) through
// the CLI's writer, with CRDGEN_PAUSE_AT_STEP honoured, so the parent can SIGKILL it at any step.
import { readFileSync } from 'node:fs';
import type { EmittedFile } from '../../../src/generator/model.js';
import { diffOutput } from '../../../src/cli/output-diff.js';
import { pauseHook } from '../../../src/cli/output-lock.js';
import { repairOutput, writeOutput } from '../../../src/cli/output-write.js';

const [outDir, manifest] = process.argv.slice(2) as [string, string];
const { files, clean } = JSON.parse(readFileSync(manifest, 'utf8')) as { files: EmittedFile[]; clean: boolean };
const hook = pauseHook(process.env, (text) => process.stderr.write(text));
// As the CLI does: repair what a killed run left, then compare.
await repairOutput(outDir, outDir, hook);
const diff = await diffOutput(outDir, files);
await writeOutput({ outDir, shown: outDir, files, diff, remove: clean ? diff.stale : [], hook });
process.stdout.write('done\n');
