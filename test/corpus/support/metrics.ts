import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';
import type { EmittedFile, InputFile } from '../../../src/generator/model.js';

/**
 * What a reader of the generated types meets, measured on emitted files: how many declarations,
 * how many of them repeat a structure already declared in the same group, how long the names are,
 * and how big the output is against its input.
 */
export interface OutputMetrics {
  /** Exported interfaces and type aliases. */
  readonly declarations: number;
  /** Distinct structures over the whole output (members and their types, references followed; docs ignored). */
  readonly distinctShapes: number;
  /** Share of declarations whose structure another declaration of the same group already has. */
  readonly duplicatedInGroup: number;
  /** The same, counted within each file (the measure the issue started from). */
  readonly duplicatedInFile: number;
  readonly nameLength: { readonly median: number; readonly p90: number; readonly max: number; readonly longest: string };
  readonly outputBytes: number;
  readonly inputBytes: number;
}

interface Declaration {
  readonly file: string;
  readonly name: string;
  readonly node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
}

export function measureOutput(files: readonly EmittedFile[], inputs: readonly InputFile[]): OutputMetrics {
  const sources = new Map(files.filter((f) => f.path.endsWith('.ts') && !f.path.startsWith('runtime/')).map((f) => [f.path, ts.createSourceFile(f.path, f.contents, ts.ScriptTarget.Latest, true)]));
  const declared = new Map<string, Map<string, Declaration>>();
  const imported = new Map<string, Map<string, string>>();
  const all: Declaration[] = [];
  for (const [path, source] of sources) {
    const own = new Map<string, Declaration>();
    const imports = new Map<string, string>();
    for (const s of source.statements) {
      if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        const d = { file: path, name: s.name.text, node: s };
        own.set(d.name, d);
        all.push(d);
      }
      if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text.startsWith('.')) {
        const target = normalize(join(dirname(path), s.moduleSpecifier.text)).replace(/\.js$/, '.ts');
        const bindings = s.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) imports.set(e.name.text, `${target}\0${(e.propertyName ?? e.name).text}`);
      }
    }
    declared.set(path, own);
    imported.set(path, imports);
  }
  const resolve = (file: string, name: string): Declaration | undefined => {
    const own = declared.get(file)?.get(name);
    if (own) return own;
    const via = imported.get(file)?.get(name);
    if (!via) return undefined;
    const [target, original] = via.split('\0') as [string, string];
    return declared.get(target)?.get(original);
  };
  const keys = new Map<Declaration, string>();
  const printer = ts.createPrinter({ removeComments: true });
  const keyOf = (d: Declaration, stack: Set<Declaration>): string => {
    const known = keys.get(d);
    if (known !== undefined) return known;
    if (stack.has(d)) return `@${d.name}`;
    stack.add(d);
    const source = sources.get(d.file) as ts.SourceFile;
    const body = ts.isInterfaceDeclaration(d.node) ? d.node.members : [d.node.type];
    const parts: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
        const target = resolve(d.file, node.typeName.text);
        parts.push(target ? `{${keyOf(target, stack)}}` : node.typeName.text);
        node.typeArguments?.forEach(visit);
        return;
      }
      if (node.getChildCount(source) === 0) {
        parts.push(printer.printNode(ts.EmitHint.Unspecified, node, source));
        return;
      }
      node.getChildren(source).forEach(visit);
    };
    for (const member of body) visit(member);
    stack.delete(d);
    const key = parts.join(' ');
    keys.set(d, key);
    return key;
  };
  for (const d of all) keyOf(d, new Set());
  const share = (scope: (d: Declaration) => string) => {
    const seen = new Set<string>();
    let repeated = 0;
    for (const d of all) {
      const k = `${scope(d)}\0${keys.get(d) as string}`;
      if (seen.has(k)) repeated++;
      else seen.add(k);
    }
    return all.length === 0 ? 0 : repeated / all.length;
  };
  const lengths = all.map((d) => d.name.length).sort((a, b) => a - b);
  const at = (q: number) => lengths[Math.min(lengths.length - 1, Math.floor(q * lengths.length))] ?? 0;
  const longest = all.reduce((a, b) => (b.name.length > a.length ? b.name : a), '');
  const bytes = (list: ReadonlyArray<{ readonly contents?: string; readonly text?: string }>) => list.reduce((n, f) => n + Buffer.byteLength(f.contents ?? f.text ?? ''), 0);
  return {
    declarations: all.length,
    distinctShapes: new Set(keys.values()).size,
    duplicatedInGroup: share((d) => d.file.split('/')[0] as string),
    duplicatedInFile: share((d) => d.file),
    nameLength: { median: at(0.5), p90: at(0.9), max: lengths.at(-1) ?? 0, longest },
    outputBytes: bytes(files),
    inputBytes: bytes(inputs),
  };
}

export function formatMetrics(m: OutputMetrics): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return (
    `output: ${m.declarations} declarations, ${m.distinctShapes} distinct shapes, duplicated ${pct(m.duplicatedInGroup)} in a group (${pct(m.duplicatedInFile)} in a file); ` +
    `names median ${m.nameLength.median} / p90 ${m.nameLength.p90} / max ${m.nameLength.max} (${m.nameLength.longest}); ` +
    `output/input bytes ${(m.outputBytes / m.inputBytes).toFixed(2)} (${m.outputBytes} / ${m.inputBytes})`
  );
}
