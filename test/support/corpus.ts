import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './fixtures.js';

/** The real-world CRD corpus: $CRDGEN_CORPUS, else ../shared/corpus beside the project. */
export const CORPUS = resolve(process.env.CRDGEN_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));
export const HAS_CORPUS = existsSync(CORPUS);

/** Prints why corpus tests are skipped (once per file that uses it). */
export function explainMissingCorpus(): void {
  if (!HAS_CORPUS) console.log(`corpus tests skipped: no CRD corpus at ${CORPUS} (set CRDGEN_CORPUS to run them)`);
}
