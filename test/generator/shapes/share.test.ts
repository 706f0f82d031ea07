// Which nodes share a declaration, and where it goes: given/want tables over inline CRDs of one
// group (generated, compiled in one strict program). A node shares a declaration only when the
// declaration printed for it would be the same: structure and every doc inside it; its own doc
// sits on the property that holds it.
import { beforeAll, describe, expect, it } from 'vitest';
import { crd, generateInline, object, type InlineRun } from '../../support/inline.js';

const str = (description?: string) => ({ type: 'string', ...(description ? { description } : {}) });
const ref = (description?: string, extra: object = {}) => object({ name: str('Name of it.'), port: { type: 'integer', default: 80 } }, { required: ['name', 'port'], ...(description ? { description } : {}), ...extra });
const kind = (name: string, spec: object, versions = ['v1']) =>
  crd({ kind: name, group: 'share.example.com', versions: versions.map((v, i) => ({ name: v, storage: i === 0, schema: object({ spec: object(spec) }) })) });

const INPUTS = [
  // Across kinds and versions: Alpha v1, v2 and Beta hold the same `backend`.
  kind('Alpha', { backend: ref('Where it goes. More words.'), other: object({ a: str() }) }, ['v1', 'v2']),
  kind('Beta', { backend: ref('Another doc. Other words.', { nullable: true }) }),
  // Within one kind: declared once in its own file.
  kind('Gamma', { left: object({ w: { type: 'integer' } }), right: object({ w: { type: 'integer' } }) }),
  // Not the same declaration: a doc inside, the order of properties, an enum, a default.
  kind('Delta', {
    docInside: object({ name: str('Another name doc.'), port: { type: 'integer', default: 80 } }, { required: ['name', 'port'] }),
    order: object({ port: { type: 'integer', default: 80 }, name: str('Name of it.') }, { required: ['name', 'port'] }),
    left: object({ w: { type: 'integer', enum: [1, 2] } }),
    right: object({ w: { type: 'integer', default: 2 } }),
  }),
  // Items: their doc is on their interface, so it is part of the shape.
  kind('Epsilon', {
    first: { type: 'array', items: object({ x: str() }, { description: 'One item.' }) },
    second: { type: 'array', items: object({ x: str() }, { description: 'Another item.' }) },
    third: { type: 'array', items: object({ x: str() }, { description: 'One item.' }) },
  }),
].map((text, i) => ({ path: `share/${i}.json`, text }));

describe('shared shapes', () => {
  let run: InlineRun;
  const declaredIn = (name: string) => run.result.files.filter((f) => new RegExp(`^export interface ${name} \\{`, 'm').test(f.contents)).map((f) => f.path);

  beforeAll(async () => {
    run = await generateInline(INPUTS, 'shared-shapes');
  }, 240_000);

  it('everything compiles in one strict program', () => {
    expect(run.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.program.errors()).toEqual([]);
  });

  const TABLE: Array<[string, string, string, string, string[]]> = [
    // [why, subject, path, type, files declaring that type]
    ['across versions and kinds: shapes.ts', 'Alpha.share.example.com/v1', 'spec.backend', 'BetaBackend', ['share.example.com/shapes.ts']],
    ['the same declaration at another version', 'Alpha.share.example.com/v2', 'spec.backend', 'BetaBackend', ['share.example.com/shapes.ts']],
    ['nullability is the reference\'s', 'Beta.share.example.com/v1', 'spec.backend', 'BetaBackend | null', ['share.example.com/shapes.ts']],
    ['met in every version of a kind: shapes.ts', 'Alpha.share.example.com/v1', 'spec.other', 'AlphaOther', ['share.example.com/shapes.ts']],
    ['twice in one kind file: declared there once', 'Gamma.share.example.com/v1', 'spec.right', 'GammaLeft', ['share.example.com/v1/gamma.ts']],
    ['a doc inside differs: its own declaration', 'Delta.share.example.com/v1', 'spec.docInside', 'DeltaDocInside', ['share.example.com/v1/delta.ts']],
    ['the order of properties differs', 'Delta.share.example.com/v1', 'spec.order', 'DeltaOrder', ['share.example.com/v1/delta.ts']],
    ['an enum differs', 'Delta.share.example.com/v1', 'spec.left', 'DeltaLeft', ['share.example.com/v1/delta.ts']],
    ['a default differs', 'Delta.share.example.com/v1', 'spec.right', 'DeltaRight', ['share.example.com/v1/delta.ts']],
    ['items with the same doc', 'Epsilon.share.example.com/v1', 'spec.third', 'EpsilonFirst[]', ['share.example.com/v1/epsilon.ts']],
    ['items with another doc', 'Epsilon.share.example.com/v1', 'spec.second', 'EpsilonSecond[]', ['share.example.com/v1/epsilon.ts']],
  ];
  for (const [why, subject, path, type, files] of TABLE) {
    it(`${why}: ${subject} ${path} is ${type}`, () => {
      expect(run.typeAt(subject, path)).toBe(type);
      expect(declaredIn(type.replace(/ \| null$|\[\]$/g, ''))).toEqual(files);
    });
  }

  it('each property keeps its own doc; the shared interface drops a summary line its nodes disagree on', () => {
    expect(run.docAt('Alpha.share.example.com/v1', 'spec.backend')?.text).toBe('Where it goes. More words.');
    expect(run.docAt('Beta.share.example.com/v1', 'spec.backend')?.text).toBe('Another doc. Other words.');
    expect(run.docAt('Alpha.share.example.com/v1', 'spec.backend', true)?.text ?? '').toBe('');
    expect(run.docAt('Epsilon.share.example.com/v1', 'spec.first', true)?.text).toBe('One item.');
    expect(run.docAt('Epsilon.share.example.com/v1', 'spec.second', true)?.text).toBe('Another item.');
  });

  it('the body form is shared with its read form, and kind files import and export what they use', () => {
    expect(declaredIn('BetaBackendInput')).toEqual(['share.example.com/shapes.ts']);
    const beta = run.contents('share.example.com/v1/beta.ts');
    expect(beta).toContain("import type { BetaBackend, BetaBackendInput } from '../shapes.js';\nexport type { BetaBackend, BetaBackendInput } from '../shapes.js';");
    expect(beta).toMatch(/backend\?: BetaBackendInput \| null;/);
    // The group index exports each kind at its storage version; a shape exported by two of them is one declaration.
    expect(run.contents('share.example.com/index.ts')).not.toContain('also declared');
  });
});
