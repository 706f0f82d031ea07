// Values a rewrite could change or a library could trip on, and inputs of hostile size: each
// generates correct, compiling output (or one clear diagnostic), in one generate call.
import { beforeAll, describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/generator/model.js';
import { hostileCrd, memberNames, probe, specOf, type Probe } from './support/hostile.js';

const OWN_NAMES = ['hasOwnProperty', 'constructor', '__proto__', 'toString', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', '__crdgen_own_x__'];

/** A chain of `depth` nested objects, each with one leaf beside the next level. */
function deep(depth: number): object {
  let node: object = { type: 'object', properties: { leaf: { type: 'string' } } };
  for (let i = 0; i < depth; i++) node = { type: 'object', properties: { leaf: { type: 'string' }, next: node } };
  return node;
}

const KINDS: Record<string, object> = {
  Precise: specOf({ big: { type: 'integer', format: 'int64', enum: [1, 9007199254740993] }, safe: { type: 'integer', enum: [1, 9007199254740991] } }),
  Owned: specOf({ ...Object.fromEntries(OWN_NAMES.map((n) => [n, { type: 'object', properties: { x: { type: 'string' } }, default: { hasOwnProperty: 1 } }])) }),
  Nullable: { type: 'object', nullable: true, properties: { spec: { type: 'object', nullable: true, properties: { a: { type: 'string', nullable: true } } } } },
  Controlled: specOf({ a: { type: 'string', description: 'NUL \u0000 BEL \u0007 ESC \u001b LS \u2028 PS \u2029 BOM \ufeff', enum: ['\u0000', '\u2028'] }, '\u0000': { type: 'string' } }),
  Unicode: specOf({ 'ünïcödé': { type: 'string', description: '日本語 🚀 \ud83d' }, 'emoji🚀': { type: 'integer' } }),
  Deep: { type: 'object', properties: { spec: deep(200) } },
  Wide: specOf({ e: { type: 'string', enum: Array.from({ length: 20_000 }, (_, i) => `value-${i}`) } }),
};

describe('hostile values and sizes', () => {
  let run: Probe;
  const file = (kind: string) => run.kinds.get(`example.com/v1/${kind.toLowerCase()}.ts`) ?? '';
  const inputs: InputFile[] = Object.entries(KINDS).map(([kind, schema]) => ({ path: `values/${kind}.yaml`, text: hostileCrd({ kind, schema }) }));

  beforeAll(async () => {
    run = await probe(inputs, 'hostile-values');
  }, 300_000);

  it('generates and compiles in one strict program', () => {
    expect(run.errors).toEqual([]);
    expect(run.tsErrors).toEqual([]);
  });

  it('an int64 enum beyond 2^53 is typed number with a warning, never a wrong literal', () => {
    const warning = run.result.diagnostics.find((d) => d.code === 'unsafe-integer');
    expect(warning).toMatchObject({ severity: 'warning', schemaPath: '#/properties/spec/properties/big', subject: 'Precise.example.com/v1' });
    expect(warning?.message).toBe('enum value 9007199254740992 is beyond 2^53 and cannot be represented exactly in JavaScript: typed as number (compare such values as strings)');
    expect(file('Precise')).toMatch(/big\?: number;/);
    expect(file('Precise')).not.toContain('9007199254740992 |');
    expect(file('Precise')).toMatch(/safe\?: 1 \| 9007199254740991;/);
  });

  it('properties named like Object.prototype members (hasOwnProperty, __proto__, ...) are typed', () => {
    expect(memberNames(file('Owned'), 'OwnedSpec')).toEqual(OWN_NAMES);
    // All nine are the same shape: one declaration types them all.
    expect(file('Owned')).toMatch(/hasOwnProperty\?: (Owned\w+);[\s\S]*\n {2}constructor\?: \1;/);
  });

  it('nullable on the root is ignored (an object is never null); below the root it adds | null', () => {
    expect(file('Nullable')).toMatch(/export interface Nullable \{/);
    expect(file('Nullable')).toMatch(/spec\?: NullableSpec \| null;/);
    expect(file('Nullable')).toMatch(/a\?: string \| null;/);
  });

  it('control characters, line separators and lone surrogates stay inside comments and literals', () => {
    expect(memberNames(file('Controlled'), 'ControlledSpec')).toEqual(['a', '\u0000']);
    expect(memberNames(file('Unicode'), 'UnicodeSpec')).toEqual(['ünïcödé', 'emoji🚀']);
  });

  it('a 200-deep schema names every level, no name longer than 80 characters', () => {
    const names = [...file('Deep').matchAll(/^export interface (Deep\w*) \{/gm)].map((m) => m[1] as string);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(201);
    expect(Math.max(...names.map((n) => n.length))).toBeLessThanOrEqual(80);
  });

  it('a 20,000-value enum is kept whole', () => {
    expect(file('Wide')).toContain("'value-19999'".replace(/'/g, '"'));
    expect((file('Wide').match(/"value-\d+"/g) ?? []).length).toBe(20_000);
  });
});

describe('2,000 CRDs in one file', () => {
  it('generate, one file each, and compile', async () => {
    const text = Array.from({ length: 2_000 }, (_, i) => hostileCrd({ kind: `Kind${i}`, group: `g${i % 20}.example.com` })).join('\n---\n');
    const many = await probe([{ path: 'many.yaml', text }], 'hostile-many');
    expect(many.errors).toEqual([]);
    expect(many.kinds.size).toBe(2_000);
    expect(many.tsErrors).toEqual([]);
  }, 600_000);
});
