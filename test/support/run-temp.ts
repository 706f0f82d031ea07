/**
 * vitest global setup: every temporary folder of a test run lives in one folder of its own, removed
 * when the run ends. The tests (and the crdgen, kubectl and python children they start) make their
 * folders with `os.tmpdir()`, which reads TMPDIR; pointing TMPDIR here before the workers start
 * keeps the system's temporary folder clean without each file having to remove what it made (a
 * failed or timed-out test still leaves nothing behind once the run is over).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set while a run's folder is in place: each vitest project runs the global setup, the first one makes it. */
const MARK = 'CRDGEN_TEST_RUN_TMPDIR';
/** The temporary folder the run was started with, for what is kept between runs on purpose (test/compat/install.ts). */
export const KEPT = 'CRDGEN_TEST_KEPT_TMPDIR';

export default function setup(): () => void {
  if (process.env[MARK]) return () => {};
  const previous = process.env.TMPDIR;
  process.env[KEPT] = tmpdir();
  const dir = mkdtempSync(join(tmpdir(), 'crdgen-test-run-'));
  process.env.TMPDIR = dir;
  process.env[MARK] = dir;
  return () => {
    delete process.env[MARK];
    delete process.env[KEPT];
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}
