// Names on inline CRDs built to clash: the same kind in several groups, properties that differ only
// in case or separator, nested paths that spell the same name, kinds named after globals or after
// another kind's List, odd versions. All generate, deterministically, compile together, and every
// rename is reported with what took the name.
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, loadAssets } from '../../../src/index.js';
import type { InputFile } from '../../../src/generator/model.js';
import { pascalCase } from '../../../src/generator/plan/naming.js';
import { crd, generateInline, object, type InlineRun } from '../../support/inline.js';

const str = { type: 'string' };
const leaf = (name: string) => object({ [name]: str });
const spec = (properties: object) => [{ name: 'v1', schema: object({ spec: object(properties) }) }];

const INPUTS: InputFile[] = [
  crd({ kind: 'Widget', group: 'alpha.example.com' }),
  crd({ kind: 'Widget', group: 'beta.example.com' }),
  crd({ kind: 'Widget', group: 'a-b.example.com' }),
  crd({ kind: 'Widget', group: 'a.b.example.com' }),
  // Every leaf is a shape of its own (no two nodes here share a declaration).
  crd({ kind: 'Gadget', versions: spec({ fooBar: leaf('ga'), FooBar: leaf('gb'), 'foo-bar': object({ baz: leaf('gc') }), foo_bar: leaf('gd'), foobar: leaf('ge') }) }),
  crd({ kind: 'Nest', versions: spec({ fooBar: leaf('na'), foo: object({ bar: leaf('nb') }), a: object({ bC: leaf('nc') }), aB: object({ c: leaf('nd') }) }) }),
  crd({ kind: 'Object' }),
  crd({ kind: 'Record' }),
  crd({ kind: 'Promise' }),
  crd({ kind: 'Box', versions: spec({ box: str }) }),
  crd({ kind: 'BoxList' }),
  crd({ kind: 'BoxSpec' }),
  crd({ kind: 'Thing', versions: ['v1-1-0', 'v11-0', 'v1'].map((name) => ({ name, schema: object({ spec: leaf('a') }) })) }),
].map((text, i) => ({ path: `names/${String(i).padStart(2, '0')}.yaml`, text }));

describe('names', () => {
  let run: InlineRun;
  const renamed = () =>
    run.result.diagnostics.filter((d) => d.code === 'type-renamed').map((d) => `${d.subject}${d.schemaPath ? ` ${d.schemaPath}` : ''}: ${d.message}`);

  beforeAll(async () => {
    run = await generateInline(INPUTS, 'names-check');
  });

  it('everything compiles in one strict program', () => {
    expect(run.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.program.errors()).toEqual([]);
  });

  it('the same kind in four groups: four files, each with its own Widget, four namespaces in the root index', () => {
    const widgets = run.kindFiles.filter((f) => f.endsWith('/widget.ts'));
    expect(widgets).toEqual(['a-b.example.com/v1/widget.ts', 'a.b.example.com/v1/widget.ts', 'alpha.example.com/v1/widget.ts', 'beta.example.com/v1/widget.ts']);
    for (const file of widgets) expect(run.contents(file)).toMatch(/^export interface Widget \{$/m);
    expect(run.contents('index.ts')).toContain("export * as abExampleComV1 from './a-b.example.com/v1/index.js';\nexport * as a_b_example_com_v1 from './a.b.example.com/v1/index.js';");
    expect(renamed()).toContain('a.b.example.com/v1: namespace export named a_b_example_com_v1: abExampleComV1 is taken by a-b.example.com/v1 in the root index');
  });

  it('properties differing only in case or separator: the conventional name wins, the others keep their difference', () => {
    const names = (pointer: string) => run.membersAt('Gadget.example.com/v1', `spec.${pointer}`)?.join('; ');
    expect(run.membersAt('Gadget.example.com/v1', 'spec')).toEqual([
      'fooBar?: GadgetFooBar',
      'FooBar?: GadgetSpecFooBar',
      '"foo-bar"?: GadgetFoo_Bar',
      'foo_bar?: GadgetSpecFoo_Bar',
      'foobar?: GadgetFoobar',
    ]);
    // A renamed type's children are named from their own path.
    expect(names('foo-bar')).toBe('baz?: GadgetBaz');
  });

  it('nested paths that spell the same name', () => {
    expect(run.membersAt('Nest.example.com/v1', 'spec')).toEqual(['fooBar?: NestFooBar', 'foo?: NestFoo', 'a?: NestA', 'aB?: NestAB']);
    // Their full paths would spell NestSpecFooBar and NestSpecABC twice; the tails of their own paths differ.
    expect(run.typeAt('Nest.example.com/v1', 'spec.foo.bar')).toBe('NestBar');
    expect(run.typeAt('Nest.example.com/v1', 'spec.a.bC')).toBe('NestBC');
    expect(run.typeAt('Nest.example.com/v1', 'spec.aB.c')).toBe('NestC');
  });

  it('kinds named after globals get a Resource suffix on their interface only', () => {
    for (const kind of ['Object', 'Record', 'Promise']) {
      expect(run.typeName(`${kind}.example.com/v1`)).toBe(`${kind}Resource`);
      expect(run.contents(`example.com/v1/${kind.toLowerCase()}.ts`)).toMatch(
        new RegExp(`export interface ${kind}Resource \\{[\\s\\S]*kind: '${kind}';[\\s\\S]*export interface ${kind}List \\{[\\s\\S]*export class ${kind}Api extends`),
      );
    }
  });

  it("a kind keeps its name over another kind's List and nested types", () => {
    expect(run.membersAt('BoxList.example.com/v1')).toContain("kind: 'BoxList'");
    expect(run.contents('example.com/v1/box.ts')).toMatch(/export interface Box_List \{\n {2}apiVersion: 'example.com\/v1';\n {2}kind: 'BoxList';/);
    expect(run.typeAt('Box.example.com/v1', 'spec')).toBe('Box_Spec');
    expect(run.typeName('BoxSpec.example.com/v1')).toBe('BoxSpec');
  });

  it('versions that are not Kubernetes-style: own folders, digits kept apart in export names', () => {
    expect(run.kindFiles.filter((f) => f.endsWith('/thing.ts'))).toEqual(['example.com/v1-1-0/thing.ts', 'example.com/v1/thing.ts', 'example.com/v11-0/thing.ts']);
    expect(run.contents('index.ts')).toContain("export * as exampleComV1_1_0 from './example.com/v1-1-0/index.js';\nexport * as exampleComV11_0 from './example.com/v11-0/index.js';");
    expect([pascalCase('v1-1-0'), pascalCase('v11-0'), pascalCase('v1.10'), pascalCase('1-2')]).toEqual(['V1_1_0', 'V11_0', 'V1_10', '']);
  });

  it('reports every rename, saying what took the name', () => {
    expect(renamed()).toEqual([
      'a.b.example.com: namespace export named a_b_example_com: abExampleCom is taken by a-b.example.com in the root index',
      'a.b.example.com/v1: namespace export named a_b_example_com_v1: abExampleComV1 is taken by a-b.example.com/v1 in the root index',
      'Gadget.example.com/v1 #/properties/spec/properties/foo-bar: type named GadgetFoo_Bar: GadgetFooBar is taken by Gadget.example.com/v1 #/properties/spec/properties/fooBar',
      'Gadget.example.com/v1 #/properties/spec/properties/foo_bar: type named GadgetSpecFoo_Bar: GadgetSpecFooBar is taken by Gadget.example.com/v1 #/properties/spec/properties/FooBar',
      'Object.example.com/v1: type named ObjectResource: Object would shadow a global or imported name',
      'Record.example.com/v1: type named RecordResource: Record would shadow a global or imported name',
      'Promise.example.com/v1: type named PromiseResource: Promise would shadow a global or imported name',
      'Box.example.com/v1: type named Box_List: BoxList is taken by the kind BoxList.example.com',
      'Box.example.com/v1 #/properties/spec: type named Box_Spec: BoxSpec is taken by the kind BoxSpec.example.com',
    ]);
  });

  it('is deterministic: the same files and diagnostics for the inputs in reverse order', async () => {
    const again = await generate([...INPUTS].reverse(), {}, await loadAssets());
    expect(again.files).toEqual(run.result.files);
    expect(again.diagnostics).toEqual(run.result.diagnostics);
  });
});
