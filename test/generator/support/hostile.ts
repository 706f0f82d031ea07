import ts from 'typescript';
import { generate, loadAssets } from '../../../src/index.js';
import type { GenerateResult, InputFile } from '../../../src/generator/model.js';
import { inMemoryProgram } from '../../support/program.js';
import { STRICT_NODENEXT } from '../../support/typecheck.js';

/**
 * Probes for hostile input: payloads carry the marker PWNED, which must never become code. Text
 * that escapes a comment or a string literal shows up as an identifier token; text that stays in
 * its comment or literal never does.
 */
export const MARK = 'PWNED';
/** Ends a doc comment, runs code, opens a new comment. */
export const CLOSE_COMMENT = `*/ ${MARK}(); /*`;
/** Ends a single- or double-quoted string literal, runs code, opens a new literal. */
export const BREAK_QUOTES = [`'; ${MARK}(); '`, `"; ${MARK}(); "`, `\`\${${MARK}()}\``, `\\'; ${MARK}(); //`];

/** Every place the marker appears as code (an identifier token), as `file:line`. */
export function injected(files: readonly { path: string; contents: string }[]): string[] {
  const hits: string[] = [];
  for (const file of files) {
    if (!file.contents.includes(MARK)) continue;
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, file.contents);
    for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
      if (token === ts.SyntaxKind.Identifier && scanner.getTokenText() === MARK) {
        const line = file.contents.slice(0, scanner.getTokenStart()).split('\n').length;
        hits.push(`${file.path}:${line}`);
      }
    }
  }
  return hits;
}

export interface Probe {
  readonly result: GenerateResult;
  /** TypeScript errors of the output in one strict program ('' lines when it compiles). */
  readonly tsErrors: string[];
  readonly injected: string[];
  /** The kind files (no runtime, no index), path -> text. */
  readonly kinds: ReadonlyMap<string, string>;
  readonly errors: string[];
}

/** Generates the inputs in one call and compiles the output in one strict program. */
export async function probe(inputs: readonly InputFile[], label: string): Promise<Probe> {
  const result = await generate(inputs, {}, await loadAssets());
  const tsErrors = result.files.length > 0 ? inMemoryProgram(result.files, STRICT_NODENEXT, label).errors() : [];
  const kinds = new Map(result.files.filter((f) => !f.path.startsWith('runtime/') && !f.path.endsWith('index.ts') && !f.path.endsWith('/shapes.ts')).map((f) => [f.path, f.contents]));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  return { result, tsErrors, injected: injected(result.files), kinds, errors };
}

/** Errors of a generate call without compiling (for inputs that must be refused). */
export async function refusal(inputs: readonly InputFile[]): Promise<{ errors: string[]; files: number }> {
  const result = await generate(inputs, {}, await loadAssets());
  return { errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`), files: result.files.length };
}

interface CrdSpec {
  kind?: string;
  group?: string;
  plural?: string;
  singular?: string;
  listKind?: string;
  version?: string;
  schema?: object;
  versionExtra?: object;
}

/** One v1 CRD as JSON text, every name overridable (nothing defaulted from another field's payload). */
export function hostileCrd(spec: CrdSpec): string {
  const kind = spec.kind ?? 'Widget';
  const group = spec.group ?? 'example.com';
  const plural = spec.plural ?? `${kind.toLowerCase()}s`;
  return JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, plural, ...(spec.singular ? { singular: spec.singular } : {}), ...(spec.listKind ? { listKind: spec.listKind } : {}) },
      versions: [
        {
          name: spec.version ?? 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: spec.schema ?? { type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' } } } } } },
          ...spec.versionExtra,
        },
      ],
    },
  });
}

export const specOf = (properties: object): object => ({ type: 'object', properties: { spec: { type: 'object', properties } } });

/** The wire names of an interface's members, read back by the TypeScript parser. */
export function memberNames(text: string, interfaceName: string): string[] {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const decl = file.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName);
  return (decl?.members ?? []).flatMap((m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? [m.name.text] : []));
}
