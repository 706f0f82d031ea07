// The golden snapshot: generated/ is exactly what the generator makes from fixtures/valid today
// (importing the runtime from src/runtime, so it holds generated files only).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../src/index.js';
import { GENERATED, GOLDEN_RUNTIME, listFiles, ROOT, validInputs } from '../support/fixtures.js';

describe('golden output (generated/)', async () => {
  const result = await generate(validInputs(), { runtime: GOLDEN_RUNTIME }, await loadAssets());

  it('is what npm run generate writes', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.generate).toBe(`tsx src/cli/bin.ts generate fixtures -o generated --clean --runtime ${GOLDEN_RUNTIME}`);
  });

  it('generates the fixtures without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.length).toBeGreaterThan(20);
  });

  it('lists what each kind file holds', () => {
    const paths = new Set(result.files.map((f) => f.path));
    expect(result.kinds.every((k) => paths.has(k.file))).toBe(true);
    expect(result.kinds.find((k) => k.kind === 'Pool')).toEqual({ group: 'infra.example.com', version: 'v1', kind: 'Pool', file: 'infra.example.com/v1/pool.ts' });
    expect(result.kinds.filter((k) => k.kind === 'Gizmo').map((k) => k.version)).toEqual(['v1', 'v1beta1']);
  });

  for (const file of result.files) {
    it(`matches generated/${file.path}`, async () => {
      await expect(file.contents).toMatchFileSnapshot(join(GENERATED, file.path));
    });
  }

  it('leaves no stale file in generated/', () => {
    const onDisk = listFiles(GENERATED, /\.ts$/).map((p) => p.slice(GENERATED.length + 1));
    expect(onDisk.sort()).toEqual(result.files.map((f) => f.path).sort());
  });
});
