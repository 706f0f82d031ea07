// The floor a generator is measured against: a bare Node process that reads every input, parses
// it with js-yaml and writes as many output bytes as crdgen wrote, in files of the same sizes.
// Usage: node floor.mjs <manifest.json>  (manifest: { inputs: [path], outDir, outputs: [{ path, size }] })
// outDir does not exist yet: the bench removes an earlier run's, as it does crdgen's, before it
// starts the clock (bench/crdgen.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadAll } from 'js-yaml';

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let documents = 0;
for (const input of manifest.inputs) {
  try {
    documents += loadAll(readFileSync(input, 'utf8')).length;
  } catch {
    // crdgen reads a few files js-yaml refuses; the floor still read them
  }
}
for (const output of manifest.outputs) {
  const path = join(manifest.outDir, output.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.alloc(output.size, 0x20));
}
process.stdout.write(`${documents} documents, ${manifest.outputs.length} files\n`);
