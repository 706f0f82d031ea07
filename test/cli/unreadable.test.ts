// Input files and folders the user may not read: one clear error line, exit 1, nothing written. The
// real CLI runs as a child process. Root reads any file, so when the test runs as root the child runs
// without the two capabilities that let root skip permission checks (CAP_DAC_OVERRIDE and
// CAP_DAC_READ_SEARCH, dropped by util-linux's setpriv): the kernel then checks the file's mode as it
// would for any user. Changing to another uid (nobody) instead would also need the checkout to be
// readable by that user, which a CI checkout below /root is not.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli.js';
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

describe('a .crdgenignore that cannot be read', () => {
  /** A project whose crds/ holds a CRD, a broken one that the ignore file names, and `.crdgenignore` as `make` leaves it. */
  function ignoring(make: (path: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'crdgen-unreadable-ignore-'));
    mkdirSync(join(dir, 'crds'));
    writeFileSync(join(dir, 'crds', 'ok.yaml'), CRD);
    writeFileSync(join(dir, 'crds', 'broken.yaml'), 'apiVersion: [\n');
    make(join(dir, 'crds', '.crdgenignore'));
    return dir;
  }
  const fix = '; make it a readable file or remove it (it lists what crdgen leaves out of crds)\n';

  it('without read permission: one error line, exit 1, nothing written (not a run that ignores nothing)', async () => {
    const dir = ignoring((path) => {
      writeFileSync(path, 'broken.yaml\n');
      chmodSync(path, 0o000);
      locked.push(path);
    });
    const cli = spawnCli(['generate', 'crds', '-o', 'out', '--no-cache'], { cwd: dir, wrapper: WRAPPER });
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toBe(`crdgen: crds/.crdgenignore: cannot read it: permission denied${fix}`);
    expect(cli.stdout()).toBe('');
    expect(readdirSync(dir)).toEqual(['crds']);
  }, 120_000);

  it.each([
    ['a folder', (path: string) => mkdirSync(path), 'crds/.crdgenignore: not a regular file'],
    ['a symbolic link to nothing', (path: string) => symlinkSync('missing', path), 'crds/.crdgenignore: cannot read it: no such file (a broken symbolic link?)'],
    ['a symbolic link loop', (path: string) => symlinkSync('.crdgenignore', path), 'crds/.crdgenignore: cannot read it: a symbolic link loop'],
  ])('%s: one error line, exit 1, nothing written', async (_what, make, line) => {
    const dir = ignoring(make);
    expect(await runCli(['generate', 'crds', '-o', 'out', '--no-cache'], { cwd: dir })).toEqual({ code: 1, stdout: '', stderr: `crdgen: ${line}${fix}` });
    expect(readdirSync(dir)).toEqual(['crds']);
  });

  it('a readable one still leaves out what it names', async () => {
    const dir = ignoring((path) => writeFileSync(path, 'broken.yaml\n'));
    const run = await runCli(['generate', 'crds', '-o', 'out', '--no-cache', '--runtime', 'crdgen/runtime'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
