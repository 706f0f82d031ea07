// distIsFresh: the package test packs dist/ as it is only when it is what a clean build leaves.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distIsFresh } from './dist.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A project whose sources were written at second 1000 and whose dist/ at second 2000. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'crdgen-dist-'));
  dirs.push(root);
  const write = (path: string, at: number) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), at, at);
  };
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'src/index.ts', 'src/cli/main.ts', 'src/types.d.ts']) write(f, 1000);
  for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/cli/main.d.ts']) write(f, 2000);
  return root;
}

describe('distIsFresh', () => {
  it('is true for a build of every source, newer than each', () => {
    expect(distIsFresh(project())).toBe(true);
  });

  it('is false when a source or a tsconfig changed after the build, or an output is missing', () => {
    const edited = project();
    utimesSync(join(edited, 'src/cli/main.ts'), 3000, 3000);
    expect(distIsFresh(edited)).toBe(false);
    const config = project();
    utimesSync(join(config, 'tsconfig.build.json'), 3000, 3000);
    expect(distIsFresh(config)).toBe(false);
    const missing = project();
    rmSync(join(missing, 'dist/cli/main.d.ts'));
    expect(distIsFresh(missing)).toBe(false);
    const none = project();
    rmSync(join(none, 'dist'), { recursive: true });
    expect(distIsFresh(none)).toBe(false);
  });

  it('is false when dist holds a file no source builds (a removed source, something copied in)', () => {
    const root = project();
    writeFileSync(join(root, 'dist/old.js'), '');
    utimesSync(join(root, 'dist/old.js'), 2000, 2000);
    expect(distIsFresh(root)).toBe(false);
  });
});
