import { describe, expect, it } from 'vitest';
import { readYaml } from '../../../src/generator/parse/yaml-docs.js';

const summary = (text: string) => {
  const { documents, errors } = readYaml(text);
  return { docs: documents.map((d) => [d.index, d.line, d.value]), errors: errors.map((e) => [e.index, e.line, e.message]) };
};

describe('readYaml', () => {
  it.each<[string, { given: string; want: ReturnType<typeof summary> }]>([
    ['one document', { given: 'a: 1\n', want: { docs: [[0, 1, { a: 1 }]], errors: [] } }],
    ['leading marker and comments', { given: '# c\n---\n# d\na: 1\n---\nb: 2\n', want: { docs: [[0, 4, { a: 1 }], [1, 6, { b: 2 }]], errors: [] } }],
    ['empty documents and a trailing marker', { given: 'a: 1\n---\n---\nb: 2\n---\n', want: { docs: [[0, 1, { a: 1 }], [2, 4, { b: 2 }]], errors: [] } }],
    ['CRLF and a byte-order mark', { given: '\uFEFFa: 1\r\n---\r\nb: x\r\n', want: { docs: [[0, 1, { a: 1 }], [1, 3, { b: 'x' }]], errors: [] } }],
    ['block scalars end at a marker; an end marker; no newline at the end', { given: 'a: |\n  x\n  y\n...\n---\nb: >-\n  p\n  q\n---\nc: 3', want: { docs: [[0, 1, { a: 'x\ny\n' }], [2, 6, { b: 'p q' }], [3, 10, { c: 3 }]], errors: [] } }],
    ['timestamps stay strings, YAML 1.2 booleans', { given: 'at: 2024-01-01\nyes: yes\non: true\n', want: { docs: [[0, 1, { at: '2024-01-01', yes: 'yes', on: true }]], errors: [] } }],
    ['merge keys', { given: 'base: &b { x: 1 }\nd:\n  <<: *b\n  y: 2\n', want: { docs: [[0, 1, { base: { x: 1 }, d: { x: 1, y: 2 } }]], errors: [] } }],
    ['content on a marker line takes the precise path', { given: '--- { a: 1 }\n--- { b: 2 }\n', want: { docs: [[0, 1, { a: 1 }], [1, 2, { b: 2 }]], errors: [] } }],
    ['a syntax error in the second document names its line', { given: 'a: 1\n---\nb: 2\nb: 3\n', want: { docs: [[0, 1, { a: 1 }]], errors: [[1, 4, 'Map keys must be unique']] } }],
  ])('%s', (_name, { given, want }) => expect(summary(given)).toEqual(want));

  it('finds the line of a nested value', () => {
    const [doc] = readYaml('---\nspec:\n  names:\n    kind: W\n  items:\n    - a\n    - b\n').documents;
    expect([doc?.lineOf(['spec', 'names', 'kind']), doc?.lineOf(['spec', 'items', 1]), doc?.lineOf(['nope'])]).toEqual([4, 7, undefined]);
  });
});
