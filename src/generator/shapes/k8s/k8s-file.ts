import { compile, type JSONSchema } from 'json-schema-to-typescript';
import type { InterfaceDeclarationStructure, StatementStructures } from 'ts-morph';
import type { JsonSchema } from '../../../kube/model.js';
import { BANNER } from '../../emit/banner.js';
import { withRawDocs } from '../../emit/emit-docs.js';
import { renderType } from '../../emit/inline-type.js';
import { printFile, printStatements, type Declaration as PrintedDeclaration } from '../../emit/print-declarations.js';
import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind } from '../../emit/ts-morph.js';
import { children, type Step } from '../../schema-walk.js';
import { applyRules, type RuleContext } from '../../typegen/rules.js';
import { COMPILE_OPTIONS, forTypeGenerator } from '../../typegen/typegen.js';
import type { DeclarationTexts } from '../well-known.js';
import { declarationAt, declarationNamed, wellKnownType, type Declaration } from './catalog.js';
import { fieldsAt, shapeRefs, typeSchema, type Release } from './describe.js';

/**
 * `<out>/k8s.ts`: the Kubernetes types kind files refer to, each declared once, typed like every
 * other declaration of the output (the schema rules, then json-schema-to-typescript, then the
 * same printing as kind files). Their docs are ours (see describe.ts): the same whatever CRDs
 * were read, so the file changes only when the set of types used does. The description a CRD
 * gives the field stays on the property of the kind file that holds it.
 */

/** A property typed by another declaration of the file: the declaration's name. */
const REFERENCE = Symbol('reference');

const BASE: Omit<RuleContext, 'pointer' | 'isRoot'> = { keepsUnknownFields: false, apiVersionLiteral: 'string', kindLiteral: 'string' };

/** The declarations of `names` and of every declaration they refer to, sorted by name. */
export function declarationClosure(names: readonly string[]): Declaration[] {
  const out = new Map<string, Declaration>();
  const add = (d: Declaration): void => {
    if (out.has(d.name)) return;
    out.set(d.name, d);
    for (const [, field] of fieldsAt(d.type, d.form.release)) for (const inner of shapeRefs(field.shape, d.form)) add(declarationAt(inner, d.form));
  };
  for (const name of names) {
    const d = declarationNamed(name);
    if (!d) throw new Error(`k8s.ts: ${name} is no well-known type`);
    add(d);
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Makes the text of every declaration `<out>/k8s.ts` declaring `names` holds that `texts` has not
 * made yet, typed and printed together. A declaration's text depends on it alone (not on the
 * placeholders it was typed with, nor on what was made with it), so the order they are made in,
 * and in what batches, changes nothing.
 */
export async function makeDeclarations(names: readonly string[], texts: DeclarationTexts): Promise<void> {
  const batch = declarationClosure(names).filter((d) => !texts.made.has(d.name));
  if (batch.length === 0) return;
  // json-schema-to-typescript rewrites some names it is given (see typegen): it sees placeholders.
  const placeholders = new Map(batch.map((d, i) => [d.name, `CrdgenType${i}`]));
  const placeholder = (name: string): string => {
    let found = placeholders.get(name);
    if (found === undefined) placeholders.set(name, (found = `CrdgenType${placeholders.size}`));
    return found;
  };
  let text = '';
  for (const d of batch) {
    const own = typeSchema(d.type, d.form, (inner) => ({ [REFERENCE]: placeholder(declarationAt(inner, d.form).name) }) as JsonSchema);
    const schema = { ...own, description: declarationDoc(d) };
    const title = placeholder(d.name);
    text += await compile(prepare(schema, '#', title) as JSONSchema, title, COMPILE_OPTIONS);
  }
  const names_ = new Map([...placeholders].map(([name, p]) => [p, name]));
  const printed = print(text, (p) => names_.get(p) ?? p, (texts.project ??= printProject()));
  if (printed.length !== batch.length) throw new Error(`k8s.ts: ${batch.length} declarations printed as ${printed.length} statements`);
  batch.forEach((d, i) => texts.made.set(d.name, printed[i] as string));
}

/** The text of `<out>/k8s.ts` declaring `names` (and what they refer to), with the declarations `texts` has made. */
export async function wellKnownText(names: readonly string[], texts: DeclarationTexts): Promise<string> {
  await makeDeclarations(names, texts);
  return `${BANNER}\n${declarationClosure(names).map((d) => texts.made.get(d.name) as string).join('\n')}`;
}

/** The doc of a declaration: the type's, after what sets this shape apart from the newest one. */
function declarationDoc(d: Declaration): string {
  const notes: string[] = [];
  const { release, emptyMeta } = d.form;
  if (release !== undefined) notes.push(`${d.type.name} as Kubernetes ${release} had it (newer releases ${onlyAdded(d.type.name, release) ? 'added' : 'changed'} fields: see ${d.type.name}).`);
  if (emptyMeta === true) notes.push(`${d.type.name} as a CRD holds it where embedded ObjectMeta is a bare object (controller-gen without generateEmbeddedObjectMeta): that metadata is always empty.`);
  return [...notes, d.type.doc].join('\n\n');
}

/** Whether every field the type (and what it holds) had at `release` is in the newest shape as it was: as required, of the same type. */
function onlyAdded(name: string, release: Release, seen = new Set<string>()): boolean {
  if (seen.has(name)) return true;
  seen.add(name);
  const type = wellKnownType(name);
  const newest = new Map(fieldsAt(type));
  return fieldsAt(type, release).every(([field, f]) => {
    const now = newest.get(field);
    const refs = shapeRefs(f.shape);
    return now !== undefined && (now.required === true) === (f.required === true) && shapeRefs(now.shape).join() === refs.join() && refs.every((inner) => onlyAdded(inner, release, seen));
  });
}

/** The schema rules on every node, bottom-up, as typegen applies them (the declaration is no kind root). */
function prepare(node: JsonSchema, pointer: string, typeName?: string, heldBy?: Step['kind']): JsonSchema {
  const reference = (node as { [REFERENCE]?: string })[REFERENCE];
  const ctx: RuleContext = { ...BASE, pointer, isRoot: false, ...(heldBy ? { heldBy } : {}), ...(typeName ? { typeName } : {}) };
  if (reference !== undefined) {
    // Only the holder's doc: the type is the other declaration.
    const { description } = forTypeGenerator(applyRules(typeof node.description === 'string' ? { description: node.description } : {}, ctx));
    return { tsType: reference, ...(description !== undefined ? { description } : {}) };
  }
  const rewritten: { [key: string]: unknown } = { ...node };
  const properties: { [key: string]: unknown } = {};
  for (const [step, child] of children(node)) {
    const prepared = prepare(child, `${pointer}/${step.kind === 'property' ? `properties/${step.name}` : step.kind}`, undefined, step.kind);
    if (step.kind === 'property') properties[step.name] = prepared;
    else if (step.kind === 'items') rewritten.items = prepared;
    else rewritten.additionalProperties = prepared;
  }
  if (node.properties !== undefined) rewritten.properties = properties;
  return forTypeGenerator(applyRules(rewritten, ctx));
}

const printProject = () =>
  new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single, newLineKind: NewLineKind.LineFeed, useTrailingCommas: true },
  });

/**
 * Declarations printed as kind files print theirs, one line per type, placeholders named: the text
 * of each statement as a file of it alone would print it (a file of several is those texts, each
 * after the next blank line).
 */
function print(text: string, typeName: (printed: string) => string, project: Project): string[] {
  const declarations = project.createSourceFile('/__k8s__.ts', text, { overwrite: true });
  const structure = declarations.getStructure().statements;
  const statements = withRawDocs(declarations, (Array.isArray(structure) ? structure : []).filter((s): s is StatementStructures => typeof s === 'object' && s !== null));
  const tidy = statements.map((s): StatementStructures => {
    if (s.kind !== StructureKind.Interface) return s;
    const iface = s as InterfaceDeclarationStructure;
    return {
      ...iface,
      name: typeName(iface.name),
      properties: (iface.properties ?? []).map((p) => ({ ...p, ...(typeof p.type === 'string' ? { type: renderType(p.type, (n) => n, typeName) } : {}) })),
      indexSignatures: (iface.indexSignatures ?? []).map((i) => ({ ...i, keyName: 'key', ...(typeof i.returnType === 'string' ? { returnType: renderType(i.returnType, (n) => n, typeName) } : {}) })),
    };
  });
  // Each printed as kind files print their declarations (emit/print-declarations.ts): the text
  // ts-morph prints for a file of it alone, without making a second source file of them.
  const printed = tidy.map((s) => (s.kind === StructureKind.Interface || s.kind === StructureKind.TypeAlias ? printFile([], [s as PrintedDeclaration]) : printStatements([s])));
  project.removeSourceFile(declarations);
  return printed;
}
