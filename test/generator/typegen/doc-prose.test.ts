// Given/want tables: which descriptions are deprecation notes, which junctors become a sentence, and
// which the type states as a union.
import { describe, expect, it } from 'vitest';
import { deprecation, requiredBranches, requiredUnion } from '../../../src/generator/typegen/doc-prose.js';
import type { JsonSchema } from '../../../src/kube/model.js';

const deprecations: Array<[string, { rest: string; note: string } | undefined]> = [
  // 1. a line that starts with the word
  ['Deprecated: use `warmup` instead.', { rest: '', note: 'use `warmup` instead.' }],
  ['DEPRECATED: InstallPlanRef', { rest: '', note: 'InstallPlanRef' }],
  ['Deprecated.', { rest: '', note: '' }],
  ['Deprecated', { rest: '', note: '' }],
  ['Deprecated. TCPSocket is NOT supported as a LifecycleHandler', { rest: '', note: 'TCPSocket is NOT supported as a LifecycleHandler' }],
  ['The old name.\n\nDeprecated: use name instead.', { rest: 'The old name.', note: 'use name instead.' }],
  ['The old name.\nDeprecated: use name\ninstead.\n\nMore text.', { rest: 'The old name.\n\nMore text.', note: 'use name\ninstead.' }],
  // 2. one name and "is deprecated:", or "This field is deprecated"
  ['bearerToken is deprecated: this will be removed.', { rest: '', note: 'bearerToken is deprecated: this will be removed.' }],
  ['disableMountSubPath deprecated: subPath usage will be removed.', { rest: '', note: 'disableMountSubPath deprecated: subPath usage will be removed.' }],
  ['keys is deprecated. Please use `.spec.certSecretRef` instead.', { rest: '', note: 'keys is deprecated. Please use `.spec.certSecretRef` instead.' }],
  ['This field is deprecated in favor of `x`.', { rest: '', note: 'This field is deprecated in favor of `x`.' }],
  // 3. a sentence that starts with DEPRECATED: in capitals
  ["Config for the challenge. DEPRECATED: the 'solver' field should be used.", { rest: 'Config for the challenge.', note: "the 'solver' field should be used." }],
  // not deprecations
  ['Deprecated indicates this version of the custom resource API is deprecated.', undefined],
  ['DeprecatedServiceAccount is a deprecated alias for ServiceAccountName.', undefined],
  ['RoundRobin value is deprecated and supported for backward compatibility.', undefined],
  ['Takes precedence over Regex (deprecated) if non-empty.', undefined],
  ['`LegacyRC2`: Deprecated. Not supported by default in OpenSSL 3.', undefined],
  ['The map of deprecated: keys and messages.', undefined],
  ['A mid-sentence Deprecated: is not a marker.', undefined],
];

describe('deprecation', () => {
  it.each(deprecations)('%j', (description, want) => {
    expect(deprecation(description)).toEqual(want);
  });
});

const req = (...names: string[]) => ({ required: names });
const branches: Array<[string, JsonSchema, string[]]> = [
  ['oneOf of required-only branches', { oneOf: [req('exact'), req('prefix'), req('regex')] }, ['Exactly one of `exact`, `prefix` or `regex` is required.']],
  ['anyOf of required-only branches', { anyOf: [req('a'), req('b')] }, ['At least one of `a` or `b` is required.']],
  ['a branch that requires two names', { oneOf: [req('a', 'b'), req('c')] }, ['Exactly one of `a` with `b` or `c` is required.']],
  ['a single branch', { oneOf: [req('a')] }, ['`a` is required.']],
  ['none or one (protobuf oneof)', { oneOf: [{ not: { anyOf: [req('wasm'), req('lua')] } }, req('wasm'), req('lua')] }, ['At most one of `wasm` or `lua` may be set.']],
  ['none or the only one: no sentence', { oneOf: [{ not: { anyOf: [req('a')] } }, req('a')] }, []],
  ['inside allOf, each', { allOf: [{ oneOf: [req('a'), req('b')] }, { anyOf: [req('c'), req('d')] }] }, ['Exactly one of `a` or `b` is required.', 'At least one of `c` or `d` is required.']],
  ['typed branches: no sentence', { oneOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, req('b')] }, []],
  ['not and anyOf that do not match: no sentence', { oneOf: [{ not: { anyOf: [req('a'), req('b')] } }, req('a'), req('c')] }, []],
  ['no junctor', { type: 'object' }, []],
];

describe('requiredBranches', () => {
  it.each(branches)('%s', (_name, node, want) => {
    expect(requiredBranches(node)).toEqual(want);
  });
});

const str = { type: 'string' };
const props = { properties: { a: str, b: str, c: str, d: str, mode: { type: 'string', default: 'auto' } } };
const unions: Array<[string, JsonSchema, string[][][]]> = [
  ['oneOf of required-only branches', { ...props, oneOf: [req('a'), req('b')] }, [[['a'], ['b']]]],
  ['anyOf, a branch of two names', { ...props, anyOf: [req('a', 'b'), req('c')] }, [[['a', 'b'], ['c']]]],
  ['a single branch', { ...props, oneOf: [req('a')] }, [[['a']]]],
  ['each junctor, also inside allOf', { ...props, oneOf: [req('a'), req('b')], allOf: [{ anyOf: [req('c'), req('d')] }] }, [[['a'], ['b']], [['c'], ['d']]]],
  ['a branch that also constrains: its names are still required', { ...props, oneOf: [{ required: ['a'], properties: { a: { minLength: 1 } } }, req('b')] }, [[['a'], ['b']]]],
  ['the same set twice: once', { ...props, anyOf: [req('a'), req('a'), req('b')] }, [[['a'], ['b']]]],
  ['none or one: a branch requires nothing', { ...props, oneOf: [{ not: { anyOf: [req('a'), req('b')] } }, req('a'), req('b')] }, []],
  ['a name the node does not declare', { ...props, oneOf: [req('a'), req('zz')] }, []],
  ['a name with a default (a body may leave it to the server)', { ...props, oneOf: [req('a'), req('mode')] }, []],
  ['a set the node requires anyway: no constraint', { ...props, required: ['a'], anyOf: [req('a'), req('b')] }, []],
  ['nested junctors in a branch are not read', { ...props, oneOf: [{ anyOf: [req('a'), req('b')] }, req('c')] }, []],
  ['no properties', { oneOf: [req('a'), req('b')] }, []],
];

describe('requiredUnion', () => {
  it.each(unions)('%s', (_name, node, want) => {
    expect(requiredUnion(node)).toEqual(want);
  });
});
