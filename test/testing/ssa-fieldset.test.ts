/**
 * Field sets and their FieldsV1 encoding. Sources: structured-merge-diff fieldpath/serialize.go
 * and serialize-pe.go (`f:`, `k:`, `v:`, `i:` keys, `.` for a member with children, sorted
 * fields-keys-values-indexes) and fieldpath/element.go (PathElement.String for conflict paths).
 */
import { describe, expect, it } from 'vitest';
import { FieldSet, pathString, type Path } from '../../src/testing/ssa/fieldset.js';

describe('FieldsV1 encoding', () => {
  const cases: [string, Path[], unknown][] = [
    ['a leaf field', [[{ field: 'spec' }, { field: 'image' }]], { 'f:spec': { 'f:image': {} } }],
    ['a member with children gets "."', [[{ field: 'labels' }], [{ field: 'labels' }, { field: 'app' }]], { 'f:labels': { '.': {}, 'f:app': {} } }],
    ['keys are JSON with sorted names', [[{ key: { protocol: 'TCP', name: 'http' } }]], { 'k:{"name":"http","protocol":"TCP"}': {} }],
    ['values are JSON', [[{ value: 'x' }], [{ value: 3 }]], { 'v:"x"': {}, 'v:3': {} }],
    ['fields sort before keys, values and indexes', [[{ index: 1 }], [{ value: 'a' }], [{ key: { a: 1 } }], [{ field: 'z' }]], { 'f:z': {}, 'k:{"a":1}': {}, 'v:"a"': {}, 'i:1': {} }],
  ];
  it.each(cases)('%s', (_name, paths, want) => {
    const set = FieldSet.of(paths);
    expect(set.toFieldsV1()).toEqual(want);
    expect(Object.keys(set.toFieldsV1())).toEqual(Object.keys(want as object));
    expect(FieldSet.fromFieldsV1(want).equals(set)).toBe(true);
  });

  it('refuses a key that is no path element', () => {
    expect(() => FieldSet.fromFieldsV1({ 'x:y': {} })).toThrow(/invalid path element/);
  });
});

describe('paths as conflicts print them (PathElement.String)', () => {
  const cases: [Path, string][] = [
    [[{ field: 'spec' }, { field: 'replicas' }], '.spec.replicas'],
    [[{ field: 'ports' }, { key: { protocol: 'TCP', port: 80 } }, { field: 'name' }], '.ports[port=80,protocol="TCP"].name'],
    [[{ field: 'finalizers' }, { value: 'a/b' }], '.finalizers[="a/b"]'],
    [[{ field: 'args' }, { index: 2 }], '.args[2]'],
  ];
  it.each(cases)('%j', (path, want) => expect(pathString(path)).toBe(want));
});

describe('set algebra', () => {
  const a = FieldSet.of([[{ field: 'x' }], [{ field: 's' }, { field: 'a' }], [{ field: 's' }, { field: 'b' }]]);
  const b = FieldSet.of([[{ field: 's' }, { field: 'b' }], [{ field: 'y' }]]);
  it('union, difference, intersection work path by path', () => {
    expect(a.union(b).paths().map(pathString)).toEqual(['.x', '.y', '.s.a', '.s.b']);
    expect(a.difference(b).paths().map(pathString)).toEqual(['.x', '.s.a']);
    expect(a.intersection(b).paths().map(pathString)).toEqual(['.s.b']);
  });
  it('recursiveDifference drops everything under a member', () => {
    expect(a.recursiveDifference(FieldSet.of([[{ field: 's' }]])).paths().map(pathString)).toEqual(['.x']);
  });
});
