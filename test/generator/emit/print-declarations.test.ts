// The declarations of a kind file are printed without ts-morph's writer (emit/print-declarations.ts):
// the text must be what ts-morph prints for the same structures, including where its writer loses
// track of a string and indents wrongly (then ts-morph prints them itself).
import type { InterfaceDeclarationStructure, StatementStructures, TypeAliasDeclarationStructure } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { printStructure, StructureKind } from '../../../src/generator/emit/ts-morph.js';
import { declarations } from '../../../src/generator/emit/declarations.js';
import { dataKey, printFile, type Declaration } from '../../../src/generator/emit/print-declarations.js';
import { normalize } from '../../../src/generator/normalize/normalize.js';
import { DEFAULT_OPTIONS } from '../../../src/generator/options.js';
import { parse } from '../../../src/generator/parse/parse.js';
import { plan } from '../../../src/generator/plan/plan.js';
import { typegen } from '../../../src/generator/typegen/typegen.js';
import { validInputs } from '../../support/fixtures.js';

/** What ts-morph prints for the statements of one file. */
const tsMorph = (statements: ReadonlyArray<StatementStructures | string>) =>
  printStructure({ kind: StructureKind.SourceFile, statements: [...statements] }, { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true });

const iface = (name: string, members: Partial<InterfaceDeclarationStructure>): InterfaceDeclarationStructure => ({ kind: StructureKind.Interface, name, isExported: true, ...members });
const prop = (name: string, type: string, extra: object = {}) => ({ kind: StructureKind.PropertySignature, name, type, ...extra }) as const;
const alias: TypeAliasDeclarationStructure = { kind: StructureKind.TypeAlias, isExported: true, name: 'WidgetInput', type: 'Widget', docs: [{ description: 'The same as Widget.' }] };
const head: StatementStructures[] = [{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: '../k8s.js', namedImports: ['A', 'B'] }];
const tail: Array<StatementStructures | string> = [iface('WidgetList', { properties: [prop('items', 'Widget[]')] }), '/** A constant. */\nexport const x = 1;', iface('Last', {})];

const TABLE: Array<[string, Declaration[]]> = [
  ['members, docs in block and one-line form', [
    iface('Widget', {
      docs: [{ description: '\nThe widget.\n\nMore words.' }],
      indexSignatures: [{ kind: StructureKind.IndexSignature, keyName: 'key', keyType: 'string', returnType: 'unknown', docs: [{ description: '@deprecated' }] }],
      properties: [prop('a', 'string', { hasQuestionToken: true, docs: [{ description: '@default 1' }] }), prop('"b-c"', '"x" | "y"', { docs: [{ description: '\nline\n\n  indented' }] }), prop('d', '{ /** Inline. */ e?: number }')],
    }),
    alias,
  ]],
  ['a deprecated root: the tag as its own comment', [iface('Widget', { docs: [{ description: '\nOld.' }, { tags: [{ kind: StructureKind.JSDocTag, tagName: 'deprecated', text: 'use v2\nnow' }] }], properties: [prop('a', 'string')] })]],
  ['an empty interface, aliases in a row', [iface('Empty', {}), alias, { ...alias, name: 'Other' }, iface('After', { properties: [prop('z', 'Empty')] })]],
  ['a literal ending in a backslash, then a backtick: the lines after it lose their indent', [
    iface('Widget', { properties: [prop('a', '"x\\\\" | "y`"'), prop('b', 'string', { docs: [{ description: '\nAfter it.' }] })] }),
    iface('Next', { properties: [prop('c', 'number')] }),
  ]],
  ['a carriage return in a doc', [iface('Widget', { properties: [prop('a', 'string', { docs: [{ description: '\none\rtwo' }] }), prop('b', 'string')] })]],
];

describe('printFile', () => {
  for (const [name, statements] of TABLE) {
    it(`prints what ts-morph prints: ${name}`, () => {
      expect(printFile(head, statements, tail)).toBe(tsMorph([...head, ...statements, ...tail]));
      expect(printFile([], statements)).toBe(tsMorph(statements));
    });
  }

  it('prints what ts-morph prints for the declarations of every fixture kind', async () => {
    const kinds = plan(normalize(parse(validInputs()).documents).crds, DEFAULT_OPTIONS).groupVersions.flatMap((gv) => gv.kinds);
    expect(kinds.length).toBeGreaterThan(20);
    for (const kind of kinds) {
      const types = await typegen(kind);
      const statements = [...declarations(types.read, types.names), ...('ast' in types.input ? declarations(types.input, types.names) : [])];
      expect(printFile(head, statements, tail), kind.subject).toBe(tsMorph([...head, ...statements, ...tail]));
    }
  }, 120_000);

  it('prints each head as ts-morph does when heads differ in any part, are repeated, or hold what the head printed once per thread cannot key', () => {
    const statements = (TABLE[0] as [string, Declaration[]])[1];
    const heads: StatementStructures[][] = [
      head,
      [{ ...head[0], namedImports: ['A', 'C'] } as StatementStructures],
      [{ ...head[0], isTypeOnly: false } as StatementStructures],
      [{ ...head[0], moduleSpecifier: '../k9s.js' } as StatementStructures],
      [...head, { kind: StructureKind.ImportDeclaration, moduleSpecifier: './x.js', namedImports: ['A'] }],
      head,
      [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: './w.js', namedImports: [(writer) => writer.write('W')] }],
      [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: './w.js', namedImports: [(writer) => writer.write('V')] }],
    ];
    for (const h of heads) expect(printFile(h, statements, tail)).toBe(tsMorph([...h, ...statements, ...tail]));
  });
});

describe('dataKey', () => {
  it('keys plain data by its JSON, and nothing else', () => {
    expect(dataKey([{ a: 'x', b: [1, true, null] }])).toBe('[{"a":"x","b":[1,true,null]}]');
    expect(dataKey([{ a: 'x' }])).not.toBe(dataKey([{ a: 'y' }]));
    // eslint-disable-next-line no-sparse-arrays
    for (const odd of [() => 1, undefined, [1, , 2], { a: undefined }, Number.NaN, new Date(0), Object.create(null) as object, Symbol('s')]) expect(dataKey([{ a: odd }])).toBeUndefined();
  });
});
