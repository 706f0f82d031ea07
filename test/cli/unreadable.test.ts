// Input files and folders the user may not read: one clear error line, exit 1, nothing written. The
// real CLI runs as a child process. Root reads any file, so when the test runs as root the child runs
// without the two capabilities that let root skip permission checks (CAP_DAC_OVERRIDE and
// CAP_DAC_READ_SEARCH, dropped by util-linux's setpriv): the kernel then checks the file's mode as it
// would for any user. Changing to another uid (nobody) instead would also need the checkout to be
// readable by that user, which a CI checkout below /root is not.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../support/cli.js';
import { crdYaml } from '../support/fixtures.js';

const CRD = crdYaml({ type: 'object' });

const DROP = '-dac_override,-dac_read_search';
/** As root: the CLI under setpriv without the permission-skipping capabilities; else as it is. */
const WRAPPER = process.getuid?.() === 0 ? ['setpriv', `--inh-caps=${DROP}`, `--bounding-set=${DROP}`, '--'] : [];

const locked: string[] = [];
afterAll(() => {
  // Let the temporary folders be removed by whoever cleans /tmp.
  for (const path of locked) chmodSync(path, 0o755);
});

/** A project with crds/ok.yaml readable and `lock` (a path below it) made unreadable. */
function project(lock: string, asFolder: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'crdgen-unreadable-'));
  mkdirSync(join(dir, 'crds', 'locked'), { recursive: true });
  writeFileSync(join(dir, 'crds', 'ok.yaml'), CRD);
  writeFileSync(join(dir, 'crds', 'locked', 'secret.yaml'), crdYaml({ type: 'object' }, { kind: 'Gadget' }));
  writeFileSync(join(dir, 'secret.yaml'), CRD);
  chmodSync(join(dir, lock), asFolder ? 0o311 : 0o000);
  locked.push(join(dir, lock));
  return dir;
}

describe('an unreadable input', () => {
  it.each([
    ['a file named on the command line', 'secret.yaml', false, ['secret.yaml'], 'crdgen: secret.yaml: cannot read it: permission denied\n'],
    ['a file found in a folder', 'crds/locked/secret.yaml', false, ['crds'], 'crdgen: crds/locked/secret.yaml: cannot read it: permission denied\n'],
    ['a folder below an input folder', 'crds/locked', true, ['crds'], 'crdgen: crds/locked: cannot read it: permission denied\n'],
    ['a folder matched by a glob', 'crds/locked', true, ['crds/**/*.yaml'], 'crdgen: crds/locked: cannot read it: permission denied\n'],
  ])('%s: one error line, exit 1, nothing written', async (_what, lock, asFolder, inputs, stderr) => {
    const dir = project(lock, asFolder);
    const cli = spawnCli(['generate', ...inputs, '-o', 'out', '--no-cache'], { cwd: dir, wrapper: WRAPPER });
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toBe(stderr);
    expect(cli.stdout()).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['crds', 'secret.yaml']);
  }, 120_000);
});
