// A bare Node start for the cold-start comparison: import js-yaml, read one CRD file, parse it and
// write one file. Usage: node bare.mjs <crd.yaml> <out.json>
import { writeFileSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';

writeFileSync(process.argv[3], JSON.stringify(load(readFileSync(process.argv[2], 'utf8'))));
