/**
 * Writes schema/crdgen.config.schema.json from the option tables (src/cli/config-schema.ts).
 * `npm run schema` after adding or changing an option; `-- --check` only says whether it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchemaText } from '../src/cli/config-schema.js';
import { CONFIG_SCHEMA_PATH } from '../src/cli/config.js';

const file = join(import.meta.dirname, '..', CONFIG_SCHEMA_PATH);
const want = configSchemaText();
const have = (() => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
})();
if (have === want) {
  process.stdout.write(`${CONFIG_SCHEMA_PATH}: up to date\n`);
} else if (process.argv.includes('--check')) {
  process.stderr.write(`${CONFIG_SCHEMA_PATH}: stale (run npm run schema)\n`);
  process.exitCode = 1;
} else {
  writeFileSync(file, want);
  process.stdout.write(`${CONFIG_SCHEMA_PATH}: written\n`);
}
