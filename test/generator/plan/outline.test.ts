// The outline (the plan up to the names of nested types) and nameKinds, which a unit of work runs
// for its folders, give together exactly what plan() gives: the same kinds, names and diagnostics.
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/generator/normalize/normalize.js';
import { DEFAULT_OPTIONS, type GenerateOptions } from '../../../src/generator/options.js';
import { parse } from '../../../src/generator/parse/parse.js';
import { nameKinds, outline, plan } from '../../../src/generator/plan/plan.js';
import { crdYaml, validInputs } from '../../support/fixtures.js';

const byJson = (list: readonly unknown[]) => list.map((d) => JSON.stringify(d)).sort();

function both(inputs: Parameters<typeof parse>[0], options: GenerateOptions) {
  const crds = normalize(parse(inputs).documents).crds;
  const whole = plan(crds, options);
  const outlined = outline(crds, options);
  const named = outlined.groupVersions.map((gv) => nameKinds(gv, options.renames));
  return { whole, outlined, named };
}

describe('outline + nameKinds', () => {
  it.each([
    ['the valid fixtures', validInputs(), DEFAULT_OPTIONS],
    ['the valid fixtures, every version, renamed kinds', validInputs(), { ...DEFAULT_OPTIONS, versions: 'all', renames: { Widget: 'Gadget', Exporter: 'Record' } } as GenerateOptions],
    [
      'a rename that takes the name a nested type would have',
      [{ path: 'clash.yaml', text: `${crdYaml({ type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } } } } } } }, { kind: 'Widget' })}` }],
      { ...DEFAULT_OPTIONS, renames: { Widget: 'WidgetSpec' } } as GenerateOptions,
    ],
  ])('give what plan() gives: %s', (_name, inputs, options) => {
    const { whole, outlined, named } = both(inputs, options);
    expect(named.map((n) => n.groupVersion)).toEqual(whole.groupVersions);
    expect(outlined.groups).toEqual(whole.groups);
    expect(byJson([...outlined.diagnostics, ...named.flatMap((n) => n.diagnostics)])).toEqual(byJson(whole.diagnostics));
    // The outline holds no nested names.
    expect(outlined.groupVersions.flatMap((gv) => gv.kinds).some((k) => 'typeNames' in k || 'inputTypes' in k)).toBe(false);
  });
});
