// Where generated files get the runtime from. Copy mode (the default) writes src/runtime into
// <out>/runtime unchanged but for the banner line, and that output compiles on its own; a relative
// --runtime is relative to the output folder, a bare one (a package) is kept as written.
// generated/ (the golden output) uses a relative one, so this file is where copy mode is checked.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BANNER, generate, loadAssets } from '../../../src/index.js';
import { ROOT, validInputs } from '../../support/fixtures.js';
import { STRICT_NODENEXT, STRICTEST_BUNDLER, typecheck } from '../../support/typecheck.js';

const RUNTIME = join(ROOT, 'src', 'runtime');
const inputs = validInputs().filter((f) => ['fixtures/valid/lab/exporters.yaml', 'fixtures/valid/cluster-scale.yaml'].includes(f.path));

/** The import of the runtime in each generated file (kind files and index.ts), by path. */
function runtimeImports(files: readonly { path: string; contents: string }[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const file of files) {
    const match = /from '([^']*)';/.exec(file.contents.split('\n').find((l) => l.includes('AbstractAsyncCustomObjectApi') || l.startsWith('export * from ')) ?? '');
    if (match && !file.path.startsWith('runtime/') && !file.path.endsWith('/index.ts')) found[file.path] = match[1] as string;
  }
  return found;
}

describe('copy mode (runtime: copy)', async () => {
  const result = await generate(inputs, { runtime: 'copy' }, await loadAssets());
  const copied = result.files.filter((f) => f.path.startsWith('runtime/'));

  it('writes every file of src/runtime, byte-equal after the banner line', () => {
    const sources = readdirSync(RUNTIME).filter((n) => n.endsWith('.ts')).sort();
    expect(copied.map((f) => f.path)).toEqual(sources.map((n) => `runtime/${n}`));
    for (const file of copied) {
      expect(file.contents).toBe(`${BANNER}\n${readFileSync(join(RUNTIME, file.path.slice('runtime/'.length)), 'utf8')}`);
    }
  });

  it('imports the copy from each file', () => {
    expect(runtimeImports(result.files)).toEqual({
      'index.ts': './runtime/index.js',
      'infra.example.com/v1/pool.ts': '../../runtime/index.js',
      'lab.example.com/v1alpha1/exporter.ts': '../../runtime/index.js',
    });
  });

  it('compiles on its own under strict settings', () => {
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    const out = mkdtempSync(join(ROOT, 'tmp', 'copy-mode-'));
    const paths = result.files.map((f) => {
      const path = join(out, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.contents);
      return path;
    });
    expect(typecheck(paths, STRICT_NODENEXT)).toBe('');
    expect(typecheck(paths, STRICTEST_BUNDLER)).toBe('');
  });
});

describe('an import specifier (runtime: <module>)', () => {
  it('relative: from the output folder, adjusted for each file', async () => {
    const result = await generate(inputs, { runtime: '../lib/runtime/index.js' }, await loadAssets());
    expect(result.files.some((f) => f.path.startsWith('runtime/'))).toBe(false);
    expect(runtimeImports(result.files)).toMatchObject({
      'index.ts': '../lib/runtime/index.js',
      'infra.example.com/v1/pool.ts': '../../../lib/runtime/index.js',
    });
    const here = await generate(inputs, { runtime: './vendor/./runtime.js' }, await loadAssets());
    expect(runtimeImports(here.files)).toMatchObject({ 'index.ts': './vendor/runtime.js', 'infra.example.com/v1/pool.ts': '../../vendor/runtime.js' });
  });

  it('a package: as written, in every file', async () => {
    const result = await generate(inputs, { runtime: 'crdgen/runtime' }, await loadAssets());
    expect(new Set(Object.values(runtimeImports(result.files)))).toEqual(new Set(['crdgen/runtime']));
  });
});
