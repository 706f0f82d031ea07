// Which nodes get a body type (<Name>Input) and how they are named: given/want tables for the
// schema analysis, and names that never displace another (a property named `input`, a default
// added to a CRD).
import { describe, expect, it } from 'vitest';
import { inputNodes } from '../../src/generator/server-defaults.js';
import type { JsonSchema } from '../../src/kube/model.js';
import { crd, generateInline, object } from '../support/inline.js';

const int = (extra: object = {}) => ({ type: 'integer', ...extra });

const TABLE: Array<[string, { given: JsonSchema; want: Array<[string, string[]]> }]> = [
  ['nothing defaulted', { given: object({ spec: object({ a: int() }, { required: ['a'] }) }) as JsonSchema, want: [] }],
  ['a default on an optional field changes no body', { given: object({ spec: object({ a: int({ default: 1 }) }) }) as JsonSchema, want: [] }],
  [
    'a required default and every node above it',
    { given: object({ spec: object({ a: int({ default: 1 }), b: int() }, { required: ['a', 'b'] }) }) as JsonSchema, want: [['#/properties/spec', ['a']], ['#', []]] },
  ],
  [
    'array items and map values',
    {
      given: object({
        ports: { type: 'array', items: object({ p: int({ default: 80 }) }, { required: ['p'] }) },
        limits: { type: 'object', additionalProperties: object({ max: int({ default: 1 }) }, { required: ['max'] }) },
      }) as JsonSchema,
      want: [['#/properties/ports/items', ['p']], ['#/properties/ports', []], ['#/properties/limits/additionalProperties', ['max']], ['#/properties/limits', []], ['#', []]],
    },
  ],
  [
    'the branches of a node whose junctor is its type',
    { given: object({ x: { anyOf: [{ type: 'array', items: { type: 'string' } }, object({ y: int({ default: 1 }) }, { required: ['y'] })] } }) as JsonSchema, want: [['#/properties/x/anyOf/1', ['y']], ['#/properties/x', []], ['#', []]] },
  ],
  ['the root itself', { given: object({ spec: object({ a: int() }, { default: {} }) }, { required: ['spec'] }) as JsonSchema, want: [['#', ['spec']]] }],
  ['a required name without a property schema', { given: object({ a: int() }, { required: ['a', 'ghost'] }) as JsonSchema, want: [] }],
];

describe('inputNodes', () => {
  for (const [name, { given, want }] of TABLE) it(name, () => expect([...inputNodes(given)]).toEqual(want));
});

const specWith = (extra: object) => object({ replicas: int({ default: 1 }), name: { type: 'string' }, ...extra }, { required: ['replicas', 'name'] });
const schema = (extra: object) => object({ spec: specWith(extra) });
const names = (text: string) => [...text.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1] as string).sort();

describe('input names', () => {
  it('claimed after every other name: a property named input keeps PresetInput, the body type is Preset_Input', async () => {
    const run = await generateInline([{ path: 'p.yaml', text: crd({ kind: 'Preset', versions: [{ name: 'v1', schema: object({ input: object({ a: int() }), spec: specWith({}) }) }] }) }], 'input-names');
    const text = run.contents('example.com/v1/preset.ts');
    expect(names(text)).toEqual(['Preset', 'PresetInput', 'PresetList', 'PresetSpec', 'PresetSpecInput', 'Preset_Input']);
    expect(text).toContain('export interface PresetInput {\n  a?: number;\n}');
    expect(text).toContain("export class PresetApi extends AbstractAsyncCustomObjectApi<Preset, PresetList, 'Namespaced', Preset_Input> {");
    expect(run.result.diagnostics.filter((d) => d.code === 'type-renamed').map((d) => d.message)).toEqual([
      'type named Preset_Input: PresetInput is taken by Preset.example.com/v1 #/properties/input',
    ]);
    expect(run.program.errors()).toEqual([]);
  });

  it('a default added to a CRD adds body types and renames nothing', async () => {
    const before = await generateInline([{ path: 'p.yaml', text: crd({ kind: 'Preset', versions: [{ name: 'v1', schema: object({ spec: object({ name: { type: 'string' }, deep: object({ x: int() }) }) }) }] }) }], 'input-before');
    const after = await generateInline([{ path: 'p.yaml', text: crd({ kind: 'Preset', versions: [{ name: 'v1', schema: schema({ deep: object({ x: int({ default: 2 }) }, { required: ['x'] }) }) }] }) }], 'input-after');
    const old = names(before.contents('example.com/v1/preset.ts'));
    const now = names(after.contents('example.com/v1/preset.ts'));
    expect(old).toEqual(['Preset', 'PresetDeep', 'PresetInput', 'PresetList', 'PresetSpec']);
    expect(now).toEqual([...old, 'PresetDeepInput', 'PresetSpecInput'].sort());
    expect(before.contents('example.com/v1/preset.ts')).toContain('export type PresetInput = Preset;');
  });
});
