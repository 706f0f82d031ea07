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

// Adding or removing a kind or version that repeats a shape: only the nodes of that shape may be
// renamed; a shape that becomes shared (or stops being) never takes a name from another shape or
// gives one back, since every shape's claim on a name counts, shared or not (share.ts). Each row:
// the inputs without and with the change, and every node present in both runs that is renamed:
// [its name without, its name with].
describe('a shape that becomes shared renames no other shape', () => {
  const str = { type: 'string' };
  /** One CRD of group st.example.com: versions in order, the last one stored. */
  const crdOf = (kindName: string, versions: ReadonlyArray<readonly [string, object]>): InputFile => ({
    path: `${kindName.toLowerCase()}.json`,
    text: crd({ kind: kindName, group: 'st.example.com', versions: versions.map(([name, spec], i) => ({ name, storage: i === versions.length - 1, schema: object({ spec: object(spec) }) })) }),
  });
  const image = object({ image: str });
  const pulled = object({ image: str, pull: str });
  const x = object({ p: int });
  const s = object({ q: int });
  const t = (n: number) => object({ image: str, [`f${n}`]: int });
  const at = (version: string, kindFile: string, path: string) => `st.example.com/${version}/${kindFile}.ts #/properties/spec/properties/${path}`;
  // Foo's template: one shape in v3 and v4 (shared), another in v6 only.
  const foo = crdOf('Foo', [['v3', { template: pulled }], ['v4', { template: pulled }], ['v6', { template: image }]]);
  // Foo v1 holds s under another name than v2 does, and x under the name s has in v2.
  const moved = crdOf('Foo', [['v1', { a: x, bb: s }], ['v2', { a: s }]]);
  // Four shapes of Foo's template: t(1) in v4 and v5, t(2) in v1 and v2, t(3) in v3 only.
  const many = crdOf('Foo', [['v1', { template: t(2) }], ['v2', { template: t(2) }], ['v3', { template: t(3) }], ['v4', { template: t(1) }], ['v5', { template: t(1) }]]);
  const barbaz = (versions: string[]) => crdOf('Barbaz', versions.map((v) => [v, { template: v === 'v3' ? t(3) : t(4), replicas: int }] as const));

  const TABLE: Array<[string, InputFile[], InputFile[], { [key: string]: readonly [string, string] }]> = [
    [
      'the unshared template of v6 becomes shared (an unrelated kind holds it under a longer name): v3 and v4 keep theirs',
      [foo],
      [foo, crdOf('Zed', [['v1', { containerTemplateOverride: image }]])],
      { [at('v6', 'foo', 'template')]: ['FooTemplate', 'FooSpecTemplate'] },
    ],
    [
      'x becomes shared (a kind holds it under a longer name): only x is renamed (s, which FooA is kept from, keeps FooBb)',
      [moved],
      [moved, crdOf('Bar', [['v1', { longerName: x }]])],
      { [at('v1', 'foo', 'a')]: ['FooA', 'BarLongerName'] },
    ],
    [
      'a third template shape becomes shared (a version of another kind holds it): the second keeps its number',
      [many, barbaz(['v1', 'v2'])],
      [many, barbaz(['v1', 'v2', 'v3'])],
      { [at('v3', 'foo', 'template')]: ['FooTemplate', 'BarbazSpecTemplate'] },
    ],
  ];
  for (const [why, without, withIt, renamed] of TABLE) {
    const changed = (from: { [key: string]: string }, to: { [key: string]: string }) =>
      Object.fromEntries(Object.keys(to).filter((k) => k in from && to[k] !== from[k]).map((k) => [k, to[k] as string]));
    it(`${why} (added)`, () => {
      expect(changed(names(without), names(withIt))).toEqual(Object.fromEntries(Object.entries(renamed).map(([k, [, now]]) => [k, now])));
    });
    it(`${why} (removed)`, () => {
      expect(changed(names(withIt), names(without))).toEqual(Object.fromEntries(Object.entries(renamed).map(([k, [was]]) => [k, was])));
    });
  }

  it('the names of the rows (a shared shape keeps the plain name while the newer one is declared in its own file)', () => {
    expect(names([foo])).toMatchObject({ [at('v3', 'foo', 'template')]: 'FooTemplate', [at('v4', 'foo', 'template')]: 'FooTemplate', [at('v6', 'foo', 'template')]: 'FooTemplate' });
    expect(names([moved])).toMatchObject({ [at('v1', 'foo', 'a')]: 'FooA', [at('v1', 'foo', 'bb')]: 'FooBb', [at('v2', 'foo', 'a')]: 'FooBb' });
    expect(names([many, barbaz(['v1', 'v2'])])).toMatchObject({
      [at('v5', 'foo', 'template')]: 'FooTemplate', [at('v1', 'foo', 'template')]: 'FooSpecTemplate', [at('v3', 'foo', 'template')]: 'FooTemplate', [at('v1', 'barbaz', 'template')]: 'BarbazTemplate',
    });
  });

  // Kinds of a folder are claimed in kind order (numeric, not the text of their index): a tenth
  // kind added before two that want one name does not swap them.
  it('an unrelated kind that moves the others past the tenth place renames nothing', () => {
    const plain = (kindName: string) => ({ path: `${kindName.toLowerCase()}.json`, text: crd({ kind: kindName, group: 'st.example.com', versions: [{ name: 'v1', schema: object({ n: int }) }] }) });
    const fillers = ['Aa', 'Ab', 'Ac', 'Ad', 'Ae', 'Af', 'Ag', 'Ah', 'Ai'].map(plain);
    const pair = [crdOf('Foo', [['v1', { barBaz: x }]]), crdOf('FooBar', [['v1', { baz: s }]])];
    const before = names([...fillers, ...pair]);
    expect(before).toMatchObject({ [at('v1', 'foo', 'barBaz')]: 'FooBarBaz', [at('v1', 'foobar', 'baz')]: 'FooBarSpecBaz' });
    const after = names([...fillers, plain('Aaa'), ...pair]);
    expect(Object.fromEntries(Object.keys(before).filter((k) => after[k] !== before[k]).map((k) => [k, after[k]]))).toEqual({});
  });
  // A shape that wins none of its names takes a longer tail of its path that no node carries.
  // FooX is W's (the newer of two claims by two nodes), but v4 declares it for z, so no shape
  // takes it: W takes FooAX, its v4 name, and L, which lost FooX, FooSpecAX (not FooX_2).
  it('a shape that loses every name takes the shortest longer tail no node carries', () => {
    const l = object({ l1: int });
    const w = object({ w1: int });
    const z = object({ z1: int });
    const all = names([crdOf('Foo', [['v1alpha1', { a: object({ x: l }) }], ['v1', { a: object({ x: l }) }], ['v2', { a: object({ x: w }) }], ['v3', { a: object({ x: w }) }], ['v4', { x: z, a: object({ x: w }) }]])]);
    expect(all).toMatchObject({ [at('v1', 'foo', 'a/properties/x')]: 'FooSpecAX', [at('v1alpha1', 'foo', 'a/properties/x')]: 'FooSpecAX', [at('v3', 'foo', 'a/properties/x')]: 'FooAX', [at('v4', 'foo', 'a/properties/x')]: 'FooAX' });
  });

  // The indirect case: C carries only FooW, a name of B; B then wins FooXx, a name A carries too.
  // A's name hangs on the claims on its own names (FooP: D's, FooXx: B's, both stronger), so it is
  // the same whether C is there or not; only B, which carries FooW, may be renamed.
  it('an unrelated version that takes a name from another shape renames no third shape (added and removed)', () => {
    const a = object({ a1: int });
    const b = object({ b1: int });
    const c = object({ c1: int });
    const d = object({ d1: int });
    const versions: Array<readonly [string, object]> = [['v1', { p: a }], ['v2', { xx: a }], ['v3', { w: b }], ['v4', { xx: b }], ['v5', { p: d }], ['v6', { p: d }]];
    const without = names([crdOf('Foo', versions)]);
    const withC = names([crdOf('Foo', [...versions, ['v7', { w: c }], ['v8', { w: c }]])]);
    // The specs are shapes too (v7's takes FooSpec, a name the change carries): left out here.
    const changed = (from: { [key: string]: string }, to: { [key: string]: string }) =>
      Object.fromEntries(Object.keys(to).filter((k) => k in from && to[k] !== from[k] && !k.endsWith('#/properties/spec')).map((k) => [k, to[k] as string]));
    expect(changed(without, withC)).toEqual({ [at('v3', 'foo', 'w')]: 'FooXx', [at('v4', 'foo', 'xx')]: 'FooXx' });
    expect(changed(withC, without)).toEqual({ [at('v3', 'foo', 'w')]: 'FooW', [at('v4', 'foo', 'xx')]: 'FooW' });
    // A wins none of its names: it takes FooSpecP, one path word longer than FooP.
    expect(without).toMatchObject({ [at('v1', 'foo', 'p')]: 'FooSpecP', [at('v2', 'foo', 'xx')]: 'FooSpecP', [at('v3', 'foo', 'w')]: 'FooW', [at('v5', 'foo', 'p')]: 'FooP' });
  });
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
  // v5): which one has it hangs on each one's own claim on it (two nodes or more, then the newest
  // node), not on where each was met first; the other takes a name one path word longer.
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
    expect(Object.fromEntries(templates(after))).toMatchObject({ v3: 'FooSpecTemplate', v4: 'FooSpecTemplate', v5: 'FooTemplate' });
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
