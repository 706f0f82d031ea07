// oneOf/anyOf branches that require names: what holds the object requires one branch's names
// (`Name & ({ a: unknown } | { b: unknown })`). Checked the way a user meets it: a program of
// objects compiled against the generated types, every valid object accepted, every object that
// sets no branch's names rejected (`@ts-expect-error` fails the compile when nothing errs).
import { beforeAll, describe, expect, it } from 'vitest';
import { STRICT_NODENEXT } from '../../support/typecheck.js';
import { inMemoryProgram } from '../../support/program.js';
import { crd, generateInline, object, type InlineRun } from '../../support/inline.js';

const str = { type: 'string' };
const int = { type: 'integer' };
const req = (...names: string[]) => ({ required: names });
const match = object({ exact: str, prefix: str, regex: str }, { oneOf: [req('exact'), req('prefix'), req('regex')] });
const spec = object({
  match,
  targets: { type: 'array', items: object({ host: str, port: int, 'ip-address': str }, { oneOf: [req('host', 'port'), req('ip-address')] }) },
  maybe: object({ a: str, b: str }, { nullable: true, anyOf: [req('a'), req('b')] }),
  byName: { type: 'object', additionalProperties: object({ ref: str, inline: str }, { oneOf: [{ required: ['ref'], properties: { ref: { minLength: 1 } } }, req('inline')] }) },
  defaulted: object({ mode: { type: 'string', default: 'auto' }, value: str }, { oneOf: [req('mode'), req('value')] }),
  atMostOne: object({ wasm: str, lua: str }, { oneOf: [{ not: { anyOf: [req('wasm'), req('lua')] } }, req('wasm'), req('lua')] }),
  // Kubernetes' LocalObjectReference (k8s.ts), held so that it has its name.
  named: object({ name: str }, { oneOf: [req('name')] }),
  // A required field the server defaults, deeper down: RouteSpecInput differs from RouteSpec.
  ports: { type: 'array', items: object({ name: str, protocol: { type: 'string', default: 'TCP' } }, { required: ['name', 'protocol'] }) },
});
const route = 'Route.example.com/v1';

const usage = `
import type { Route, RouteSpec, RouteSpecInput } from './example.com/v1/route.js';
import type { OtherSpec } from './example.com/v1/other.js';
import type { ApplyConfiguration, MergePatch } from './runtime/index.js';

export const valid: RouteSpec[] = [
  { match: { exact: 'a' } }, { match: { prefix: 'a' } }, { match: { regex: 'a' } },
  { targets: [{ host: 'h', port: 1 }, { 'ip-address': '10.0.0.1' }, { host: 'h', port: 1, 'ip-address': '10.0.0.1' }] },
  { maybe: null }, { maybe: { a: 'x' } }, { maybe: { b: 'y' } }, { maybe: { a: 'x', b: 'y' } },
  { byName: { one: { ref: 'r' }, two: { inline: 'i' } } },
  { defaulted: {} }, { atMostOne: {} }, { atMostOne: { lua: 'l' } }, { named: { name: 'n' } },
];
// @ts-expect-error no branch's name is set
export const none: RouteSpec = { match: {} };
// @ts-expect-error host without port
export const half: RouteSpec = { targets: [{ host: 'h' }] };
// @ts-expect-error neither a nor b
export const neither: RouteSpec = { maybe: {} };
// @ts-expect-error a map value without ref or inline
export const value: RouteSpec = { byName: { one: {} } };
// @ts-expect-error the only branch is not set
export const unnamed: RouteSpec = { named: {} };
// @ts-expect-error a wrong type is still caught
export const wrong: RouteSpec = { match: { exact: 1 } };
// @ts-expect-error an unknown property is still caught
export const extra: RouteSpec = { match: { exact: 'a', other: 1 } };
export const body: RouteSpecInput = { match: { prefix: 'p' }, ports: [{ name: 'http' }] };
// @ts-expect-error create bodies require a branch too
export const badBody: RouteSpecInput = { match: {} };
export const applied: ApplyConfiguration<Route> = { spec: { match: {}, targets: [{ host: 'h' }] } };
export const merged: MergePatch<Route> = { spec: { match: { exact: null } } };
export const shared: OtherSpec = { match: { exact: 'a' } };
// @ts-expect-error the kind that shares the shape requires a branch too
export const sharedNone: OtherSpec = { match: {} };
`;

describe('required-only branches typed as a union', () => {
  let run: InlineRun;

  beforeAll(async () => {
    const other = object({ match });
    run = await generateInline(
      [
        { path: 'route.yaml', text: crd({ kind: 'Route', versions: [{ name: 'v1', schema: object({ spec }) }] }) },
        { path: 'other.yaml', text: crd({ kind: 'Other', versions: [{ name: 'v1', schema: object({ spec: other }) }] }) },
      ],
      'required-union',
    );
  }, 120_000);

  it('holds each such object as Name & (one set of names | ...); the interface keeps them optional', () => {
    // Both kinds hold the same match: one declaration (shapes.ts), each holder requiring a branch.
    expect(run.typeAt(route, 'spec.match')).toBe('OtherMatch & ({ exact: unknown } | { prefix: unknown } | { regex: unknown })');
    expect(run.typeAt('Other.example.com/v1', 'spec.match')).toBe('OtherMatch & ({ exact: unknown } | { prefix: unknown } | { regex: unknown })');
    expect(run.membersAt(route, 'spec.match')).toEqual(['exact?: string', 'prefix?: string', 'regex?: string']);
    expect(run.typeAt(route, 'spec.targets')).toBe('(RouteTarget & ({ host: unknown; port: unknown } | { "ip-address": unknown }))[]');
    expect(run.typeAt(route, 'spec.maybe')).toBe('(RouteMaybe & ({ a: unknown } | { b: unknown })) | null');
    expect(run.typeAt(route, 'spec.byName')).toBe('{ [key: string]: RouteByName & ({ ref: unknown } | { inline: unknown }) }');
    expect(run.typeAt(route, 'spec.named')).toBe('LocalObjectReference & { name: unknown }');
  });

  it('states in the doc what it does not type', () => {
    expect(run.typeAt(route, 'spec.defaulted')).toBe('RouteDefaulted');
    expect(run.docAt(route, 'spec.defaulted')?.text).toBe('Exactly one of `mode` or `value` is required.');
    expect(run.typeAt(route, 'spec.atMostOne')).toBe('RouteAtMostOne');
    expect(run.docAt(route, 'spec.atMostOne')?.text).toBe('At most one of `wasm` or `lua` may be set.');
    expect(run.docAt(route, 'spec.match')?.text).toBe('Exactly one of `exact`, `prefix` or `regex` is required.');
  });

  it('accepts every valid object and rejects one that sets no branch (read, body, apply and merge forms)', () => {
    expect(run.program.errors()).toEqual([]);
    const program = inMemoryProgram([...run.result.files, { path: 'usage.ts', contents: usage }], STRICT_NODENEXT, 'required-union-usage');
    expect(program.errors()).toEqual([]);
  });
});
