/**
 * json-schema-to-typescript's type AST -> the ts-morph structures of the declarations, as they are
 * emitted: the planned names, wire names, each type on one line (as renderType writes a type),
 * docs as its printer worded them. The AST is read where its printer would print it, so what is
 * emitted is exactly what printing and reading that text back gave, without the text.
 */
import type { IndexSignatureDeclarationStructure, InterfaceDeclarationStructure, JSDocStructure, OptionalKind, PropertySignatureStructure } from 'ts-morph';
import type { AST, TInterface, TInterfaceParam, TNamedInterface, TTuple } from 'json-schema-to-typescript/dist/src/types/AST.js';
import { Project, StructureKind, typescript as ts } from './ts-morph.js';
import { rawDoc } from './emit-docs.js';
import { oneLineText, renderType } from './inline-type.js';
import { stringLiteral } from '../escape.js';
import { decodePropertyName } from '../typegen/own-names.js';
import { jsttText, safeName, type Typed } from '../typegen/jstt.js';
import { hasComment, hasName, jsttComment, memberComment, namedInterfaces, printedKey, shown } from './jstt-ast.js';

type Docs = Array<OptionalKind<JSDocStructure>>;

/** The interfaces of one compiled schema, in the order json-schema-to-typescript declares them. */
export function declarations(typed: Typed, names: ReadonlyMap<string, string>): InterfaceDeclarationStructure[] {
  if (typed.options.strictIndexSignatures === true) throw new Error('declarations: strictIndexSignatures is not supported');
  const printer = new Printer(typed.options, names);
  return namedInterfaces(typed.ast).map((ast) => printer.declaration(ast));
}

/** A property name as json-schema-to-typescript printed it -> the wire name, printed again when it was encoded. */
export function wireName(printed: string): string {
  const quoted = /^['"]/.test(printed);
  let value = printed;
  if (quoted) {
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, printed);
    scanner.scan();
    value = scanner.getTokenValue();
  }
  const decoded = decodePropertyName(value);
  if (decoded === value) return printed;
  return /^[A-Za-z_$][\w$]*$/.test(decoded) ? decoded : stringLiteral(decoded);
}

const INDEX_KEY = '[k: string]';
const LEAF_TYPES = new Set(['BOOLEAN', 'CUSTOM_TYPE', 'LITERAL', 'NEVER', 'NULL', 'NUMBER', 'OBJECT', 'REFERENCE', 'STRING']);
const isAny = (ast: AST) => ast.type === 'ANY' || (ast.type === 'CUSTOM_TYPE' && ast.params.trim() === 'any');
const isUnknown = (ast: AST) => ast.type === 'UNKNOWN' || (ast.type === 'CUSTOM_TYPE' && ast.params.trim() === 'unknown');
const KEYWORDS: Partial<Record<AST['type'], string>> = { ANY: 'any', BOOLEAN: 'boolean', NEVER: 'never', NULL: 'null', NUMBER: 'number', OBJECT: 'object', STRING: 'string', UNKNOWN: 'unknown' };
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const STRING_LITERAL = /^'(?:[^'\\\n\r\u2028\u2029]|\\.)*'$/;

/** One member of a widened index signature: a type, or a `tsType` json-schema-to-typescript put in parentheses. */
type Part = { readonly ast: AST; readonly grouped: boolean } | 'undefined';

/** `tsType` texts other than names, rendered once (they name no placeholder: see `custom`). */
const customs = new Map<string, string>();
const MAX_CUSTOMS = 10_000;

class Printer {
  constructor(
    private readonly options: Typed['options'],
    private readonly names: ReadonlyMap<string, string>,
  ) {}

  private readonly typeName = (printed: string): string => this.names.get(printed) ?? printed;

  declaration(ast: TNamedInterface): InterfaceDeclarationStructure {
    const params = shown(ast.params);
    const index = params.find((p) => p.isIndexSignature);
    const widened = index ? this.widened(index, params) : undefined;
    const properties: Array<OptionalKind<PropertySignatureStructure>> = [];
    const indexSignatures: Array<OptionalKind<IndexSignatureDeclarationStructure>> = [];
    for (const p of params) {
      const comment = memberComment(p);
      if (p.isIndexSignature) {
        indexSignatures.push({
          kind: StructureKind.IndexSignature,
          keyName: 'key',
          keyType: 'string',
          returnType: p === index && widened !== undefined ? this.parts(widened, true) : this.whole(this.indexAst(p)),
          docs: comment === undefined ? [] : indexSignatureDocs(comment),
        });
      } else {
        properties.push({
          kind: StructureKind.PropertySignature,
          name: wireName(printedKey(p.keyName)),
          hasQuestionToken: !p.isRequired,
          type: this.whole(p.ast),
          docs: comment === undefined ? [] : [{ description: rawDoc(comment) }],
        });
      }
    }
    return {
      kind: StructureKind.Interface,
      name: this.typeName(safeName(ast.standaloneName)),
      isExported: true,
      docs: hasComment(ast) ? [{ description: rawDoc(jsttComment(ast.comment, ast.deprecated)) }] : [],
      properties,
      indexSignatures,
    };
  }

  private indexAst(param: TInterfaceParam): AST {
    if (param.keyName !== INDEX_KEY || !param.isRequired) throw new Error(`json-schema-to-typescript wrote an index signature ${param.keyName}`);
    return param.ast;
  }

  /** A type as the whole type of a member: without parentheses around it. */
  private whole(ast: AST): string {
    if (hasName(ast)) return this.typeName(safeName(ast.standaloneName));
    if (ast.type === 'UNION' || ast.type === 'INTERSECTION') {
      if (ast.params.length === 1) return this.whole(ast.params[0] as AST);
      if (ast.params.length > 1) return ast.params.map((p) => this.inline(p)).join(ast.type === 'UNION' ? ' | ' : ' & ');
    }
    if (ast.type === 'CUSTOM_TYPE') return this.custom(ast.params, true);
    return this.inline(ast);
  }

  /** A type inside another type. */
  private inline(ast: AST): string {
    if (hasName(ast)) return this.typeName(safeName(ast.standaloneName));
    const keyword = KEYWORDS[ast.type];
    if (keyword !== undefined) return keyword;
    switch (ast.type) {
      case 'LITERAL':
        return JSON.stringify(ast.params);
      case 'ARRAY':
        return endsWithQuote(ast.params) ? `(${this.inline(ast.params)})[]` : `${this.inline(ast.params)}[]`;
      case 'INTERFACE':
        return this.literal(ast);
      case 'UNION':
      case 'INTERSECTION':
        if (ast.params.length === 0) return ast.type === 'UNION' ? 'never' : '{ [key: string]: unknown }';
        if (ast.params.length === 1) return this.inline(ast.params[0] as AST);
        return `(${ast.params.map((p) => this.inline(p)).join(ast.type === 'UNION' ? ' | ' : ' & ')})`;
      case 'CUSTOM_TYPE':
        return this.custom(ast.params, false);
      case 'TUPLE':
        return this.tuple(ast);
      default:
        throw new Error(`json-schema-to-typescript typed a node as ${ast.type}`);
    }
  }

  /** An interface without a name: an object type literal on one line, each member's doc before it. */
  private literal(ast: TInterface): string {
    const params = shown(ast.params);
    if (params.length === 0) return '{}';
    const index = params.find((p) => p.isIndexSignature);
    const widened = index ? this.widened(index, params) : undefined;
    const members = params.map((p) => {
      const comment = memberComment(p);
      const doc = comment === undefined ? '' : oneLineText(comment);
      const member = p.isIndexSignature
        ? `[key: string]: ${p === index && widened !== undefined ? this.parts(widened, true) : this.whole(this.indexAst(p))}`
        : `${wireName(printedKey(p.keyName))}${p.isRequired ? '' : '?'}: ${this.whole(p.ast)}`;
      return doc === '' ? member : `/** ${doc} */ ${member}`;
    });
    return `{ ${members.join('; ')} }`;
  }

  /** A tuple, as json-schema-to-typescript spells one (a union of tuples when items are optional). */
  private tuple(ast: TTuple): string {
    // minItems may be absent at run time (ignoreMinAndMaxItems): every comparison with it is then false.
    const minItems = ast.minItems as number;
    const maxItems = ast.maxItems || -1;
    const unknown: AST = this.options.unknownAny ? { type: 'UNKNOWN' } : { type: 'ANY' };
    let spread = ast.spreadParam;
    const params = [...ast.params];
    if (minItems > 0 && minItems > params.length && ast.spreadParam === undefined && maxItems < 0) spread = unknown;
    if (maxItems > params.length && ast.spreadParam === undefined) for (let i = params.length; i < maxItems; i += 1) params.push(unknown);
    const withSpread = (list: string[]) => (spread ? [...list, `...(${this.inline(spread)})[]`] : list);
    const listed = (list: readonly string[]) => `[${list.join(', ')}]`;
    const texts = params.map((p) => this.inline(p));
    if (!(texts.length > minItems)) return listed(withSpread(texts));
    const cumulative = texts.slice(0, minItems);
    const union = [listed(cumulative)];
    for (let i = minItems; i < texts.length; i += 1) {
      cumulative.push(texts[i] as string);
      union.push(listed(i === texts.length - 1 ? withSpread(cumulative) : cumulative));
    }
    return union.join('|');
  }

  /** A `tsType` the rules wrote: names are mapped; anything else is read once with the TypeScript parser. */
  private custom(text: string, whole: boolean): string {
    if (IDENTIFIER.test(text)) return this.typeName(text);
    // A string literal (`'group/v1'`) is printed as it is written.
    if (STRING_LITERAL.test(text)) return text;
    // Placeholders (every name `names` maps) start with Crdgen: other texts render the same for every kind.
    if (text.includes('Crdgen')) return renderType(text, wireName, this.typeName, whole);
    const key = `${whole ? 'w' : 'i'}${text}`;
    let rendered = customs.get(key);
    if (rendered === undefined) {
      if (customs.size >= MAX_CUSTOMS) customs.clear();
      customs.set(key, (rendered = renderType(text, wireName, (n) => n, whole)));
    }
    return rendered;
  }

  /**
   * The members json-schema-to-typescript widens an index signature to, so that every property
   * is assignable to it (`T | undefined` beside optional properties); undefined when it is not widened.
   */
  private widened(index: TInterfaceParam, params: readonly TInterfaceParam[]): Part[] | 'any' | 'unknown' | undefined {
    if (isAny(index.ast) || isUnknown(index.ast)) return undefined;
    const members: AST[] = [];
    const add = (ast: AST): void => {
      if (ast.type === 'UNION' && !hasName(ast)) {
        ast.params.forEach(add);
      } else if (ast.type === 'CUSTOM_TYPE' && !hasName(ast) && ast.params.includes('|') && /^[\w$.\s|]+$/.test(ast.params)) {
        for (const part of ast.params.split('|')) if (part.trim()) members.push({ type: 'CUSTOM_TYPE', params: part.trim() });
      } else {
        members.push(ast);
      }
    };
    add(index.ast);
    let needsUndefined = false;
    for (const sibling of params) {
      if (sibling === index || isAny(sibling.ast)) continue;
      if (!sibling.isRequired) needsUndefined = true;
      if (sibling.ast.type !== 'NEVER') add(sibling.ast);
    }
    if (members.some(isAny)) return 'any';
    if (members.some(isUnknown)) return 'unknown';
    if (members.length === 0 || (members.length === 1 && !needsUndefined)) return undefined;
    const seen = new Set<string>();
    const parts: Part[] = [];
    for (const ast of members) {
      const text = jsttText(ast, this.options);
      const underlying = hasName(ast) && LEAF_TYPES.has(ast.type) ? jsttText({ ...ast, standaloneName: undefined } as AST, this.options) : text;
      if (seen.has(text) || seen.has(underlying)) continue;
      seen.add(text).add(underlying);
      parts.push({ ast, grouped: ast.type === 'CUSTOM_TYPE' && !/^[\w$.]+(\[\])*$/.test(text) });
    }
    if (needsUndefined && !seen.has('undefined')) parts.push('undefined');
    return parts;
  }

  private parts(widened: Part[] | 'any' | 'unknown', whole: boolean): string {
    if (typeof widened === 'string') return widened;
    const one = (part: Part, asWhole: boolean): string => {
      if (part === 'undefined') return part;
      if (!part.grouped) return asWhole ? this.whole(part.ast) : this.inline(part.ast);
      return asWhole ? this.whole(part.ast) : `(${this.inline(part.ast)})`;
    };
    if (widened.length === 1) return one(widened[0] as Part, whole);
    return widened.map((p) => one(p, false)).join(' | ');
  }
}

/** Whether json-schema-to-typescript's text for the type ends in `"` (it then groups an array's items). */
function endsWithQuote(ast: AST): boolean {
  if (hasName(ast)) return false;
  if (ast.type === 'LITERAL') return typeof ast.params === 'string';
  if (ast.type === 'CUSTOM_TYPE') return ast.params.endsWith('"');
  if ((ast.type === 'UNION' || ast.type === 'INTERSECTION') && ast.params.length === 1) return endsWithQuote(ast.params[0] as AST);
  return false;
}

let docProject: Project | undefined;

/**
 * The docs of an index signature, as ts-morph reads a comment that is not one of the raw docs
 * (see withRawDocs): only a schema with its own `deprecated: true` on map values has one.
 */
function indexSignatureDocs(comment: string): Docs {
  docProject ??= new Project({ useInMemoryFileSystem: true });
  const file = docProject.createSourceFile('/__index__.ts', `interface I {\n${comment}\n[k: string]: unknown\n}\n`, { overwrite: true });
  const docs = file.getInterfaceOrThrow('I').getIndexSignatures()[0]?.getStructure().docs ?? [];
  docProject.removeSourceFile(file);
  return docs.map((d) => (typeof d === 'string' ? { description: d } : d));
}
