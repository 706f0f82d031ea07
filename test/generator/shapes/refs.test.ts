// A named node typed by a declaration in another module of the output (ShapeRef): the kind file
// imports it (and exports it again), declares nothing for the node, keeps the property's doc, and
// its body type takes the module's body form.
import { describe, expect, it } from 'vitest';
import { loadAssets } from '../../../src/index.js';
import { emitContext, emitGroupVersion } from '../../../src/generator/emit/emit.js';
import { normalize } from '../../../src/generator/normalize/normalize.js';
import { DEFAULT_OPTIONS } from '../../../src/generator/options.js';
import { parse } from '../../../src/generator/parse/parse.js';
import { plan } from '../../../src/generator/plan/plan.js';
import { relativeSpecifier, type ShapeRef } from '../../../src/generator/shapes/refs.js';
import { typegen, type KindTypes } from '../../../src/generator/typegen/typegen.js';
import { STRICT_NODENEXT } from '../../support/typecheck.js';
import { inMemoryProgram } from '../../support/program.js';
import { crd, object } from '../../support/inline.js';

describe('relativeSpecifier', () => {
  const TABLE: Array<[string, string, string]> = [
    ['a.io/v1/widget.ts', 'a.io/shapes.ts', '../shapes.js'],
    ['a.io/v1/widget.ts', 'k8s.ts', '../../k8s.js'],
    ['a.io/v1/twin/widget.ts', 'a.io/shapes.ts', '../../shapes.js'],
    ['a.io/shapes.ts', 'k8s.ts', '../k8s.js'],
    ['a.io/index.ts', 'a.io/shapes.ts', './shapes.js'],
  ];
  for (const [from, to, want] of TABLE) it(`${from} -> ${to}`, () => expect(relativeSpecifier(from, to)).toBe(want));
});

const selector = object({ matchLabels: { type: 'object', additionalProperties: { type: 'string' } } }, { description: 'Which pods. More words.' });
const template = object({ replicas: { type: 'integer', default: 1 }, image: { type: 'string' } }, { required: ['replicas'] });
const schema = object({ spec: object({ selector, template, other: object({ x: { type: 'string' } }) }) });

async function kindFile(refs: ReadonlyMap<string, ShapeRef>): Promise<{ text: string; types: KindTypes }> {
  const inputs = [{ path: 'w.json', text: crd({ kind: 'Widget', group: 'a.io', versions: [{ name: 'v1', schema }] }) }];
  const generationPlan = plan(normalize(parse(inputs).documents).crds, DEFAULT_OPTIONS);
  const gv = generationPlan.groupVersions[0];
  const kind = gv?.kinds[0];
  if (!gv || !kind) throw new Error('no kind planned');
  const types = await typegen(kind, refs);
  const files = emitGroupVersion(emitContext((await loadAssets()).kindTemplate), gv, new Map([[kind, types]]), { runtime: './runtime/index.js', validators: false });
  return { text: files.files.find((f) => f.path === kind.file)?.contents ?? '', types };
}

describe('a node typed by a ShapeRef', () => {
  it('is imported from its module, exported again, and declared nowhere in the kind file', async () => {
    const refs = new Map<string, ShapeRef>([
      ['#/properties/spec/properties/selector', { module: 'k8s', name: 'LabelSelector' }],
      ['#/properties/spec/properties/template', { module: 'shapes', name: 'Template', inputName: 'TemplateInput' }],
    ]);
    const { text, types } = await kindFile(refs);
    expect([...types.imports]).toEqual([['k8s', ['LabelSelector']], ['shapes', ['Template', 'TemplateInput']]]);
    expect(text).toContain("import type { LabelSelector } from '../../k8s.js';\nexport type { LabelSelector } from '../../k8s.js';");
    expect(text).toContain("import type { Template, TemplateInput } from '../shapes.js';");
    expect(text).toContain('  /**\n   * Which pods. More words.\n   */\n  selector?: LabelSelector;');
    expect(text).toContain('  template?: Template;');
    expect(text).toContain('  template?: TemplateInput;');
    expect(text).not.toMatch(/interface WidgetSelector|interface WidgetTemplate\b/);
    expect(text).toMatch(/export interface WidgetOther \{/);
    // The kind file compiles against modules that declare what it imports.
    const program = inMemoryProgram(
      [
        { path: 'a.io/v1/widget.ts', contents: text },
        { path: 'k8s.ts', contents: 'export interface LabelSelector { matchLabels?: { [key: string]: string } }\n' },
        { path: 'a.io/shapes.ts', contents: 'export interface Template { replicas: number; image?: string }\nexport interface TemplateInput { replicas?: number; image?: string }\n' },
        ...(await loadAssets()).runtime.map((f) => ({ path: `runtime/${f.path}`, contents: f.text })),
      ],
      STRICT_NODENEXT,
      'shape-refs',
    );
    expect(program.errors()).toEqual([]);
  }, 120_000);

  it('without refs, every named node is declared in the kind file', async () => {
    const { text, types } = await kindFile(new Map());
    expect(types.imports.size).toBe(0);
    expect(text).not.toContain('import type { LabelSelector');
    expect(text).toMatch(/export interface WidgetSelector \{/);
    expect(text).toMatch(/export interface WidgetTemplateInput \{/);
  }, 120_000);
});
