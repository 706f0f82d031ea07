// Mapping-table rows the corpus has no example of (or not at that spot), on inline CRDs: generated,
// compiled in one strict program, and read back through the type checker.
import { beforeAll, describe, expect, it } from 'vitest';
import { crd, generateInline, object, type InlineRun } from '../../support/inline.js';

const str = { type: 'string' };
const pu = { 'x-kubernetes-preserve-unknown-fields': true };

const rows: Array<[string, { schema: object; path: string; want: string }]> = [
  ['array of maps', { schema: { type: 'array', items: { type: 'object', additionalProperties: str } }, path: 'spec.x', want: '{ [key: string]: string }[]' }],
  ['map of maps', { schema: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } } }, path: 'spec.x', want: '{ [key: string]: { [key: string]: number } }' }],
  ['map of arrays of maps', { schema: { type: 'object', additionalProperties: { type: 'array', items: { type: 'object', additionalProperties: str } } }, path: 'spec.x', want: '{ [key: string]: { [key: string]: string }[] }' }],
  ['preserve-unknown array of objects: items keep unknown fields', { schema: { type: 'array', ...pu, items: { type: 'object' } }, path: 'spec.x', want: '{ [key: string]: unknown }[]' }],
  ['preserve-unknown array of arrays', { schema: { type: 'array', ...pu, items: { type: 'array', items: { type: 'object' } } }, path: 'spec.x', want: '{ [key: string]: unknown }[][]' }],
  ['preserve-unknown array of strings', { schema: { type: 'array', ...pu, items: str }, path: 'spec.x', want: 'string[]' }],
  ['preserve-unknown array without items', { schema: { type: 'array', ...pu }, path: 'spec.x', want: 'unknown[]' }],
  ['preserve-unknown map with typed values', { schema: { type: 'object', ...pu, additionalProperties: { type: 'integer' } }, path: 'spec.x', want: '{ [key: string]: number }' }],
  ['preserve-unknown, no type: any JSON value', { schema: { ...pu }, path: 'spec.x', want: 'unknown' }],
  ['nullable preserve-unknown object', { schema: { type: 'object', nullable: true, ...pu }, path: 'spec.x', want: '{ [key: string]: unknown } | null' }],
  ['nullable array of nullable strings', { schema: { type: 'array', nullable: true, items: { ...str, nullable: true } }, path: 'spec.x', want: '(string | null)[] | null' }],
  ['int-or-string without anyOf', { schema: { 'x-kubernetes-int-or-string': true }, path: 'spec.x', want: 'number | string' }],
  ['int-or-string written as a string format', { schema: { type: 'string', format: 'int-or-string' }, path: 'spec.x', want: 'number | string' }],
  ['enum of values that are not identifiers', { schema: { type: 'string', enum: ['=~', 'a b', "it's", ''] }, path: 'spec.x', want: '"=~" | "a b" | "it\'s" | ""' }],
  ['integer enum', { schema: { type: 'integer', enum: [301, 0, -1] }, path: 'spec.x', want: '301 | 0 | -1' }],
  ['empty object: only {} is valid', { schema: { type: 'object' }, path: 'spec.x', want: '{ [key: string]: never }' }],
];

describe('mapping rows on inline CRDs', () => {
  let run: InlineRun;
  const kinds = rows.map((_, i) => `Row${i}`);

  beforeAll(async () => {
    const inputs = rows.map(([, row], i) => ({ path: `row${i}.yaml`, text: crd({ kind: kinds[i] as string, versions: [{ name: 'v1', schema: object({ spec: object({ x: row.schema }) }) }] }) }));
    inputs.push({ path: 'root.yaml', text: crd({ kind: 'Blob', versions: [{ name: 'v1', schema: { type: 'object', ...pu } }] }) });
    inputs.push({ path: 'root-props.yaml', text: crd({ kind: 'Bag', versions: [{ name: 'v1', schema: object({ spec: object({ a: str }) }, pu) }] }) });
    run = await generateInline(inputs, 'mapping-check');
  });

  it('compiles', () => {
    expect(run.program.errors()).toEqual([]);
  });

  it.each(rows.map(([name, row], i) => [name, row, i] as const))('%s', (_name, row, i) => {
    expect(run.typeAt(`${kinds[i]}.example.com/v1`, row.path)).toBe(row.want);
  });

  it('a root that preserves unknown fields without properties keeps spec and everything else reachable', () => {
    expect(run.membersAt('Blob.example.com/v1')).toEqual(["apiVersion: 'example.com/v1'", "kind: 'Blob'", 'metadata?: V1ObjectMeta', '[key: string]: unknown']);
  });

  it('a root that preserves unknown fields with properties keeps its properties and an index signature', () => {
    expect(run.membersAt('Bag.example.com/v1')).toEqual(["apiVersion: 'example.com/v1'", "kind: 'Bag'", 'metadata?: V1ObjectMeta', 'spec?: BagSpec', '[key: string]: unknown']);
  });

  it('the report explains each unknown and open field with its rule', () => {
    const open = run.report.crds.flatMap((c) => c.versions.flatMap((v) => v.open.map((f) => `${c.kind} ${f.path}: ${f.typed} (${f.why})`)));
    expect(open).toEqual([
      'Bag (root): properties + open map (preserve-unknown-fields)',
      'Blob (root): properties + open map (preserve-unknown-fields)',
      'Row15 spec.x: empty object (empty object)',
      'Row3 spec.x[]: open map (preserve-unknown-fields)',
      'Row4 spec.x[][]: open map (preserve-unknown-fields)',
      'Row8 spec.x: unknown (preserve-unknown-fields)',
      'Row9 spec.x: open map (preserve-unknown-fields)',
    ]);
  });
});
