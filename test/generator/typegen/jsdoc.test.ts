// The doc model: a node's doc in parts, its text form read back exactly, item and value docs moved
// onto their holder, the one-line summary; and prose that TypeScript's JSDoc parser never reads as
// a tag (checked with the parser itself).
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { commentText } from '../../../src/generator/escape.js';
import type { JsonSchema } from '../../../src/kube/model.js';
import { nodeDoc, parseDoc, renderDoc, summary, withHeldDoc, type Doc } from '../../../src/generator/typegen/jsdoc.js';

describe('nodeDoc', () => {
  const table: Array<[string, JsonSchema, Doc]> = [
    ['paragraphs, blank-line runs collapsed', { description: '  First.\n\n\n\nSecond\nline.  ' }, { prose: ['First.', 'Second\nline.'], tags: [] }],
    ['indented code keeps its indent', { description: 'Example:\n\n    a: b' }, { prose: ['Example:', '    a: b'], tags: [] }],
    ['tags after the prose', { description: 'Size.', default: 3, minItems: 1, pattern: '^a' }, { prose: ['Size.'], tags: [{ name: 'default', text: '3' }, { name: 'minItems', text: '1' }, { name: 'pattern', text: '^a' }] }],
    ['deprecation first among the tags', { description: 'Old.\n\nDeprecated: use b.', maximum: 3 }, { prose: ['Old.'], tags: [{ name: 'deprecated', text: 'use b.' }, { name: 'maximum', text: '3' }] }],
    ['required branches as a paragraph', { description: 'A.', oneOf: [{ required: ['x'] }, { required: ['y'] }] }, { prose: ['A.', 'Exactly one of `x` or `y` is required.'], tags: [] }],
    ['@ escaped in prose and tag values', { description: '@daily', default: 'a @b' }, { prose: ['\\@daily'], tags: [{ name: 'default', text: '"a \\@b"' }] }],
    ['nothing', { type: 'string' }, { prose: [], tags: [] }],
  ];
  it.each(table)('%s', (_name, node, want) => {
    expect(nodeDoc(node)).toEqual(want);
  });
});

describe('renderDoc and parseDoc', () => {
  const docs: Doc[] = [
    { prose: ['One.', 'Two\nlines.'], tags: [{ name: 'default', text: '1' }, { name: 'validation', text: 'a &&\n  b' }] },
    { prose: [], tags: [{ name: 'deprecated', text: '' }] },
    { prose: ['\\@daily at noon', '    code'], tags: [] },
  ];
  it.each(docs)('reads back what it wrote (%#)', (doc) => {
    expect(parseDoc(renderDoc(doc) as string)).toEqual(doc);
  });
  it('writes tags right after the prose, an empty doc as nothing', () => {
    expect(renderDoc({ prose: ['A.', 'B.'], tags: [{ name: 'x', text: 'y' }, { name: 'deprecated', text: '' }] })).toBe('A.\n\nB.\n@x y\n@deprecated');
    expect(renderDoc({ prose: [], tags: [] })).toBeUndefined();
  });
});

describe('withHeldDoc', () => {
  const holder: Doc = { prose: ['Hosts.'], tags: [{ name: 'listType', text: 'set' }] };
  it('labels the held prose and prefixes its tags', () => {
    expect(withHeldDoc(holder, { prose: ['A host.', 'More.'], tags: [{ name: 'pattern', text: '^a' }] }, { kind: 'item' })).toEqual({
      prose: ['Hosts.', 'Each item: A host.', 'More.'],
      tags: [{ name: 'listType', text: 'set' }, { name: 'itemPattern', text: '^a' }],
    });
  });
  it('relabels what was already lifted one level down', () => {
    const row: Doc = { prose: ['Each item: A cell.'], tags: [{ name: 'itemMinimum', text: '0' }] };
    expect(withHeldDoc({ prose: [], tags: [] }, row, { kind: 'value' })).toEqual({ prose: ['Each item of each value: A cell.'], tags: [{ name: 'valueItemMinimum', text: '0' }] });
  });
  it('labels a union branch by what it is, its nested labels too', () => {
    const branch: Doc = { prose: ['The old form.', 'Each item: A host.'], tags: [{ name: 'itemMaxLength', text: '9' }] };
    expect(withHeldDoc({ prose: ['Hosts.'], tags: [] }, branch, { branch: 'array', article: 'an ' })).toEqual({
      prose: ['Hosts.', 'When an array: The old form.', 'When an array, each item: A host.'],
      tags: [{ name: 'arrayItemMaxLength', text: '9' }],
    });
    expect(withHeldDoc({ prose: [], tags: [] }, { prose: ['Two.'], tags: [{ name: 'pattern', text: 'x' }] }, { branch: 'option 2', article: '' })).toEqual({
      prose: ['When option 2: Two.'],
      tags: [{ name: 'option2Pattern', text: 'x' }],
    });
  });
  it('an allOf branch joins as it is (it always holds)', () => {
    expect(withHeldDoc({ prose: ['A.'], tags: [] }, { prose: ['B.'], tags: [{ name: 'minimum', text: '1' }] }, { all: true })).toEqual({ prose: ['A.', 'B.'], tags: [{ name: 'minimum', text: '1' }] });
  });
});

describe('summary', () => {
  const table: Array<[string, string[], string | undefined]> = [
    ['first sentence', ['TLS settings. More here.', 'Second paragraph.'], 'TLS settings.'],
    ['lines joined', ['A long\nsentence. Next.'], 'A long sentence.'],
    ['abbreviations go on', ['Use e.g. the default. Next.'], 'Use e.g. the default.'],
    ['no sentence end', ['Added capabilities'], 'Added capabilities'],
    ['a label paragraph is no summary', ['Each item: A host.'], undefined],
    ['nor a branch label', ['When an array: The old form.'], undefined],
    ['no prose', [], undefined],
  ];
  it.each(table)('%s', (_name, prose, want) => {
    expect(summary({ prose, tags: [] })).toBe(want);
  });
});

describe('commentText against TypeScript\'s JSDoc parser', () => {
  const prose = [
    'Run @daily or @hourly.',
    '@every 5m at the start of a line',
    'tab\t@user, no-break\u00a0@user, zero-width\u200b@user, ideographic\u3000@user',
    'backticks do not protect: `a @b`',
    'an inline {@link Foo} and {@inheritDoc}',
    'mail ops@example.com and a@b stay as they are',
    'ends */ early, opens /* a comment',
  ];
  it.each(prose)('%j is prose only', (text) => {
    const source = ts.createSourceFile('a.ts', `/**\n * ${commentText(text).split('\n').join('\n * ')}\n */\nconst a = 1;`, ts.ScriptTarget.Latest, true);
    const [doc] = ts.getJSDocCommentsAndTags(source.statements[0] as ts.Node) as ts.JSDoc[];
    expect(doc?.tags ?? []).toEqual([]);
    const comment = typeof doc?.comment === 'string' ? doc.comment : (doc?.comment ?? []).map((c) => c.text).join('');
    // Markdown shows `\@`, `\*` and `\/` as the character itself.
    expect(comment.replace(/\\([@*/])/g, '$1')).toBe(text);
  });
  it('leaves text without tag starts alone', () => {
    expect(commentText('a@b (x) @ y')).toBe('a@b (x) \\@ y');
    expect(commentText('plain')).toBe('plain');
  });
});
