import { describe, expect, it } from 'vitest';
import { generate, loadAssets, normalize, parse, plan, typegen, DEFAULT_OPTIONS } from '../../src/index.js';
import { validInputs } from '../support/fixtures.js';

/** Freezes a value and everything reachable from it, so any mutation throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/** A fixed permutation (reversed, then the halves swapped): no randomness in tests. */
function shuffle<T>(items: readonly T[]): T[] {
  const reversed = [...items].reverse();
  const half = Math.floor(reversed.length / 2);
  return [...reversed.slice(half), ...reversed.slice(0, half)];
}

describe('determinism', () => {
  it('gives the same bytes twice and for a shuffled input order', async () => {
    const assets = await loadAssets();
    const inputs = validInputs();
    const first = await generate(inputs, {}, assets);
    const second = await generate(inputs, {}, assets);
    const shuffled = await generate(shuffle(inputs), {}, assets);
    expect(shuffle(inputs).map((f) => f.path)).not.toEqual(inputs.map((f) => f.path));
    expect(second.files).toEqual(first.files);
    expect(shuffled.files).toEqual(first.files);
    expect(shuffled.diagnostics).toEqual(first.diagnostics);
  });

  it('never mutates its input: every stage runs on deep-frozen values', async () => {
    const inputs = deepFreeze(validInputs());
    const parsed = parse(inputs);
    deepFreeze(parsed.documents.map((d) => d.raw));
    const normalized = normalize(parsed.documents);
    deepFreeze(normalized.crds);
    const planned = deepFreeze(plan(normalized.crds, DEFAULT_OPTIONS));
    expect(planned.groupVersions.length).toBeGreaterThan(5);
    for (const gv of planned.groupVersions) for (const kind of gv.kinds) expect((await typegen(kind)).read.ast.type).toBe('INTERFACE');
    const result = await generate(inputs, {}, deepFreeze(await loadAssets()));
    expect(result.files.length).toBeGreaterThan(0);
  });
});
