import ts from 'typescript';
import type { Step } from '../../src/generator/schema-walk.js';

/**
 * Reads emitted declarations through the TypeScript type checker: from a root interface along a
 * schema path (properties, array items, map values), through type references, unions with null or
 * undefined, inline object types and index signatures.
 */

/** How a node came out: the forms the report must explain, or `closed` (a precise type). */
export type Shape = 'unknown' | 'open map' | 'properties + open map' | 'empty object' | 'closed';

const ANY = ts.TypeFlags.Unknown | ts.TypeFlags.Any;
/** An object type, or an intersection of them (`Name & { a: unknown }`: see mayOmit). */
const OBJECT = ts.TypeFlags.Object | ts.TypeFlags.Intersection;

/** The exported interface `name` declared in `file`. */
export function rootType(checker: ts.TypeChecker, file: ts.SourceFile, name: string): ts.Type | undefined {
  const decl = file.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  const symbol = decl ? checker.getSymbolAtLocation(decl.name) : undefined;
  return symbol ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
}

/** Without null and undefined (`unknown` stays `unknown`: NonNullable<unknown> would be `{}`). */
function nonNull(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  return type.flags & ANY ? type : checker.getNonNullableType(type);
}

/** The constituents of a type once null and undefined are removed. */
function members(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const stripped = nonNull(checker, type);
  return stripped.isUnion() ? stripped.types : [stripped];
}

/** A declared property (never one that only an index signature would accept). */
export function propertyOf(checker: ts.TypeChecker, type: ts.Type, name: string): ts.Symbol | undefined {
  for (const member of members(checker, type)) {
    if (!(member.flags & OBJECT)) continue;
    const symbol = checker.getPropertyOfType(member, name);
    if (symbol) return symbol;
  }
  return undefined;
}

/**
 * Whether an object of `type` may leave the property out: it is optional (or absent) in some
 * member of the union. `Name & ({ a: unknown } | { b: unknown })` (required-only branches) is the
 * union `(Name & { a: unknown }) | (Name & { b: unknown })`: each of `a` and `b` may be left out.
 */
export function mayOmit(checker: ts.TypeChecker, type: ts.Type, name: string): boolean {
  return members(checker, type).some((member) => {
    if (!(member.flags & OBJECT)) return false;
    const symbol = checker.getPropertyOfType(member, name);
    return symbol === undefined || (symbol.flags & ts.SymbolFlags.Optional) !== 0;
  });
}

/** The type one step further down, null and undefined removed; undefined when there is no such member. */
export function follow(checker: ts.TypeChecker, type: ts.Type, step: Step): ts.Type | undefined {
  const declared = declaredStep(checker, type, step);
  return declared && nonNull(checker, declared);
}

/** The type one step further down as declared (`T | null` stays so; optional adds `undefined`). */
export function declaredStep(checker: ts.TypeChecker, type: ts.Type, step: Step): ts.Type | undefined {
  if (step.kind === 'property') {
    const symbol = propertyOf(checker, type, step.name);
    return symbol ? checker.getTypeOfSymbol(symbol) : undefined;
  }
  for (const member of members(checker, type)) {
    if (step.kind === 'items' && checker.isArrayType(member)) {
      const element = checker.getTypeArguments(member as ts.TypeReference)[0];
      if (element) return element;
    }
    if (step.kind === 'values' && member.flags & OBJECT && !checker.isArrayType(member)) {
      const index = stringIndex(checker, member);
      if (index) return index.type;
    }
  }
  return undefined;
}

function stringIndex(checker: ts.TypeChecker, type: ts.Type): ts.IndexInfo | undefined {
  return checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
}

export function shapeOf(checker: ts.TypeChecker, type: ts.Type): Shape {
  const all = members(checker, type);
  if (all.some((m) => m.flags & ANY)) return 'unknown';
  const shapes = new Set(all.map((m) => memberShape(checker, m)));
  return shapes.size === 1 ? ([...shapes][0] as Shape) : 'closed';
}

function memberShape(checker: ts.TypeChecker, type: ts.Type): Shape {
  if (!(type.flags & OBJECT) || checker.isArrayType(type)) return 'closed';
  const index = stringIndex(checker, type);
  if (!index) return 'closed';
  const hasProperties = type.getProperties().length > 0;
  if (index.type.flags & ANY) return hasProperties ? 'properties + open map' : 'open map';
  if (index.type.flags & ts.TypeFlags.Never && !hasProperties) return 'empty object';
  return 'closed';
}

/** `spec.rules[].matches[].headers{}.name` -> steps (`[]` array items, `{}` map values). */
export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  for (const part of path.split('.')) {
    const match = /^(.*?)((?:\[\]|\{\})*)$/.exec(part) as RegExpExecArray;
    if (match[1]) steps.push({ kind: 'property', name: match[1] });
    for (const suffix of (match[2] ?? '').match(/\[\]|\{\}/g) ?? []) steps.push(suffix === '[]' ? { kind: 'items' } : { kind: 'values' });
  }
  return steps;
}

/** One line of TypeScript: whitespace collapsed, `;` before `}` dropped. */
export function normalizeTypeText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/;\s*}/g, ' }').trim();
}

/**
 * The type written at the end of `path`: the declared type as emitted (a property's type, or the
 * element or index-signature type inside it), else the checker's rendering of the type.
 */
export function typeTextAt(checker: ts.TypeChecker, root: ts.Type, path: string): string | undefined {
  let type: ts.Type | undefined = root;
  let node: ts.TypeNode | undefined;
  for (const step of parsePath(path)) {
    if (!type) return undefined;
    if (step.kind === 'property') {
      const decl = propertyOf(checker, type, step.name)?.valueDeclaration;
      node = decl && ts.isPropertySignature(decl) ? decl.type : undefined;
    } else {
      node = innerNode(node, step);
    }
    type = follow(checker, type, step);
  }
  if (!type) return undefined;
  while (node && ts.isParenthesizedTypeNode(node)) node = node.type;
  return normalizeTypeText(node ? node.getText() : checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation));
}

/** The element (`T[]`) or index-signature (`{ [key: string]: T }`) type node, through `(...)` and `| null`. */
function innerNode(node: ts.TypeNode | undefined, step: Step): ts.TypeNode | undefined {
  if (!node) return undefined;
  if (ts.isParenthesizedTypeNode(node)) return innerNode(node.type, step);
  if (ts.isUnionTypeNode(node)) {
    for (const member of node.types) {
      const inner = innerNode(member, step);
      if (inner) return inner;
    }
    return undefined;
  }
  if (step.kind === 'items' && ts.isArrayTypeNode(node)) return node.elementType;
  if (step.kind === 'values' && ts.isTypeLiteralNode(node)) return node.members.find(ts.isIndexSignatureDeclaration)?.type;
  return undefined;
}

/** The members of the type at `path` as `name?: type` lines (interfaces and inline object types). */
export function membersAt(checker: ts.TypeChecker, root: ts.Type, path: string): string[] | undefined {
  let type: ts.Type | undefined = root;
  for (const step of path === '' ? [] : parsePath(path)) type = type && follow(checker, type, step);
  if (!type) return undefined;
  // Of `Name & ({ a: unknown } | ...)`, the members of the interface.
  const object = members(checker, type).map((m) => (m.isIntersection() ? m.types.find((t) => t.flags & ts.TypeFlags.Object) ?? m : m)).find((m) => m.flags & ts.TypeFlags.Object);
  if (!object) return undefined;
  const lines = object.getProperties().map((symbol) => {
    const decl = symbol.valueDeclaration;
    const optional = symbol.flags & ts.SymbolFlags.Optional ? '?' : '';
    const text = decl && ts.isPropertySignature(decl) && decl.type ? decl.type.getText() : checker.typeToString(checker.getTypeOfSymbol(symbol));
    const name = decl && ts.isPropertySignature(decl) ? decl.name.getText() : symbol.name;
    return normalizeTypeText(`${name}${optional}: ${text}`);
  });
  const index = stringIndex(checker, object);
  if (index) lines.push(normalizeTypeText(`[key: string]: ${checker.typeToString(index.type)}`));
  return lines;
}

/** What an editor shows for a declaration: the doc text, then each tag as `@name text`. */
export interface ShownDoc {
  readonly text: string;
  readonly tags: string[];
}

function shown(checker: ts.TypeChecker, symbol: ts.Symbol): ShownDoc {
  return {
    text: ts.displayPartsToString(symbol.getDocumentationComment(checker)),
    tags: symbol.getJsDocTags(checker).map((t) => {
      const text = ts.displayPartsToString(t.text);
      return text === '' ? `@${t.name}` : `@${t.name} ${text}`;
    }),
  };
}

/**
 * The doc of the property at the end of `path` as TypeScript's language service reads it (what a
 * hover shows), or with `ofType`, the doc of the interface that types it.
 */
export function docAt(checker: ts.TypeChecker, root: ts.Type, path: string, ofType = false): ShownDoc | undefined {
  const steps = parsePath(path);
  const last = steps.at(-1);
  let type: ts.Type | undefined = root;
  for (const step of steps.slice(0, -1)) type = type && follow(checker, type, step);
  if (!type || last?.kind !== 'property') return undefined;
  const symbol = propertyOf(checker, type, last.name);
  if (!symbol) return undefined;
  if (!ofType) return shown(checker, symbol);
  const target = follow(checker, type, last);
  const isInterface = (m: ts.Type) => ((m.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Interface) !== 0;
  const named = target && (members(checker, target).flatMap((m) => (m.isIntersection() ? m.types : [m])).find(isInterface) ?? target);
  const element = named && checker.isArrayType(named) ? checker.getTypeArguments(named as ts.TypeReference)[0] : named;
  const declared = element?.getSymbol();
  return declared ? shown(checker, declared) : undefined;
}
