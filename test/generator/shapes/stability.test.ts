// Names stay stable: adding or removing a kind, version or property that shares no shape with the
// rest renames nothing else; a shape takes the shortest of its nodes' names, so declaring it once
// only drops the names of its copies. Given/want tables, and a property over the fixtures: leaving
// out any one fixture file renames no node whose shape it did not hold.
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../../src/generator/model.js';
import { normalize } from '../../../src/generator/normalize/normalize.js';
import { DEFAULT_OPTIONS } from '../../../src/generator/options.js';
import { parse } from '../../../src/generator/parse/parse.js';
import { plan } from '../../../src/generator/plan/plan.js';
import { occurrences } from '../../../src/generator/shapes/occurrences.js';
import { share } from '../../../src/generator/shapes/share.js';
import { prepareKind } from '../../../src/generator/typegen/typegen.js';
import { crd, object } from '../../support/inline.js';
import { validInputs } from '../../support/fixtures.js';

interface Named {
  readonly name: string;
  /** `group shapeId`: which declaration the node is. */
  readonly shape: string;
  readonly source: string;
}

/** `<kind file> <pointer>` -> the name its type has in the output, for every named node but the roots. */
function outputNames(inputs: readonly InputFile[]): Map<string, Named> {
  const generationPlan = plan(normalize(parse([...inputs].sort((a, b) => (a.path < b.path ? -1 : 1))).documents).crds, DEFAULT_OPTIONS);
  const out = new Map<string, Named>();
  for (const group of new Set(generationPlan.groupVersions.map((gv) => gv.group))) {
    const prepared = generationPlan.groupVersions.filter((gv) => gv.group === group).flatMap((gv) => gv.kinds).map((k) => prepareKind(k));
    const all = occurrences(prepared);
    const sharing = share(prepared.map((p) => p.kind), all);
    for (const o of all) {
      const kind = (prepared[o.index] as (typeof prepared)[number]).kind;
      const name = sharing.declares.get(o.node)?.name ?? sharing.refs.get(o.node)?.name ?? o.name;
      out.set(`${kind.file} ${o.pointer}`, { name, shape: `${group} ${o.shape}`, source: kind.crd.source.file });
    }
  }
  return out;
}

const names = (inputs: readonly InputFile[]) => Object.fromEntries([...outputNames(inputs)].map(([k, v]) => [k, v.name]));
const int = { type: 'integer' };
const backend = object({ host: { type: 'string' }, port: int });
const kind = (name: string, spec: object, versions = ['v1']) => ({
  path: `${name}.json`,
  text: crd({ kind: name, group: 'st.example.com', versions: versions.map((v, i) => ({ name: v, storage: i === 0, schema: object({ spec: object(spec) }) })) }),
});

describe('names are stable', () => {
  const base = [kind('Alpha', { backend, limits: object({ max: int }) }), kind('Beta', { backend, other: object({ x: int }) })];

  const TABLE: Array<[string, InputFile[], { [key: string]: string }]> = [
    ['an unrelated kind is added', [...base, kind('Aa', { backend: object({ host: { type: 'string' } }), limits: object({ min: int }) })], {}],
    ['a version that shares its shapes is added', [base[0] as InputFile, kind('Beta', { backend, other: object({ x: int }) }, ['v1', 'v2'])], {}],
    ['an unrelated property is added', [kind('Alpha', { backend, limits: object({ max: int }), extra: object({ y: int }) }), base[1] as InputFile], {}],
    // A kind that shared a shape is related: the shape takes the shortest name left.
    ['a kind that shared a shape is removed', [base[0] as InputFile], { 'st.example.com/v1/alpha.ts #/properties/spec/properties/backend': 'AlphaBackend' }],
  ];
  const before = names(base);
  for (const [why, inputs, renamed] of TABLE) {
    it(`${why}: ${Object.keys(renamed).length === 0 ? 'nothing is renamed' : 'only the shared shape is renamed'}`, () => {
      const after = names(inputs);
      const changed = Object.fromEntries(Object.keys(after).filter((k) => k in before && after[k] !== before[k]).map((k) => [k, after[k] as string]));
      expect(changed).toEqual(renamed);
    });
  }

  // Two shapes of shapes.ts that want one name (the template of Foo, changed in v3 and back in
  // v5): which one has it hangs on where each one's newest node is, not on where each was met
  // first. (Left open: a shape that becomes shared, met in a second file, can still take the name
  // from one that was shared already when its node is newer.)
  const template = (fields: object) => object({ template: object(fields) });
  const foo = (versions: ReadonlyArray<readonly [string, object]>) => ({
    path: 'foo.json',
    text: crd({ kind: 'Foo', group: 'st.example.com', versions: versions.map(([name, spec], i) => ({ name, storage: i === versions.length - 1, schema: object({ spec }) })) }),
  });
  const a = template({ image: { type: 'string' } });
  const b = template({ image: { type: 'string' }, pull: { type: 'string' } });

  it.each([
    ['one of two shapes that want one name loses a version', [['v1', a], ['v3', b], ['v4', b], ['v5', a], ['v6', a]], [['v3', b], ['v4', b], ['v5', a], ['v6', a]]],
    ['one of them gains a version older than both', [['v3', b], ['v4', b], ['v5', a], ['v6', a]], [['v1', a], ['v3', b], ['v4', b], ['v5', a], ['v6', a]]],
  ] as const)('%s: the shapes keep their names', (_why, was, now) => {
    const before = outputNames([foo(was)]);
    const after = outputNames([foo(now)]);
    // Version -> the name of Foo's template there, for the versions both runs have.
    const templates = (all: Map<string, Named>) => new Map([...all].filter(([key]) => key.endsWith('foo.ts #/properties/spec/properties/template')).map(([key, n]) => [key.split('/')[1] as string, n.name]));
    const earlier = templates(before);
    const renamed = [...templates(after)].filter(([version, name]) => earlier.has(version) && earlier.get(version) !== name);
    expect(renamed).toEqual([]);
    // The shape of the newest version has the plain name.
    expect(Object.fromEntries(templates(after))).toMatchObject({ v3: 'FooTemplate_2', v4: 'FooTemplate_2', v5: 'FooTemplate' });
  });

  it('the backend both kinds hold is one name: the shortest of theirs', () => {
    expect(before['st.example.com/v1/alpha.ts #/properties/spec/properties/backend']).toBe('BetaBackend');
    expect(before['st.example.com/v1/beta.ts #/properties/spec/properties/backend']).toBe('BetaBackend');
  });

  it('does not depend on the order of the inputs', () => {
    const inputs = validInputs();
    expect(names([...inputs].reverse())).toEqual(names(inputs));
  });

  it('leaving out any one fixture file renames no node whose shape it did not hold', () => {
    const inputs = validInputs();
    const all = outputNames(inputs);
    for (const left of inputs) {
      const held = new Set([...all.values()].filter((n) => n.source === left.path).map((n) => n.shape));
      const after = outputNames(inputs.filter((f) => f !== left));
      const renamed = [...after].filter(([key, n]) => {
        const was = all.get(key);
        return was !== undefined && !held.has(was.shape) && was.name !== n.name;
      }).map(([key, n]) => `${key}: ${all.get(key)?.name} -> ${n.name}`);
      expect(`${left.path}: ${renamed.join(', ')}`).toBe(`${left.path}: `);
    }
  }, 120_000);
});
