import type { JSONSchema } from 'json-schema-to-typescript';
import { diagnostic } from '../diagnostics.js';
import { stringLiteral } from '../escape.js';
import type { Diagnostic } from '../model.js';
import type { JsonSchema } from '../../kube/model.js';
import type { KindPlan } from '../plan/plan.js';
import { encodePropertyName } from './own-names.js';
import { requiredUnion } from './doc-prose.js';
import { inputAlias, inputSchema, type InputAlias } from './input.js';
import { typeAst, type Typed } from './jstt.js';
import { applyRulesKeepingUndefined, type RuleContext } from './rules.js';
import { branches, children, isSchema, pointerSegment, walk, type Step } from '../schema-walk.js';
import type { KindRefs, ShapeModule, ShapeRef } from '../shapes/refs.js';

export interface KindTypes {
  /** The kind and its nested types, as json-schema-to-typescript typed them (emit declares them: see emit/declarations.ts). */
  readonly read: Typed;
  /** The body types (see input.ts): typed like `read`, or the alias when they are the same. */
  readonly input: Typed | InputAlias;
  /**
   * Interface name in the types -> the planned name. json-schema-to-typescript rewrites names it
   * is given (`K8sService` -> `K8SService`), so it sees placeholders and emit puts the names back.
   */
  readonly names: ReadonlyMap<string, string>;
  /** Names the types use from other modules of the output (see ShapeRef), sorted. */
  readonly imports: ReadonlyMap<ShapeModule, readonly string[]>;
  /** What the kind file exports again from those modules (default: `imports`); see emit's shapeImports. */
  readonly reexports?: ReadonlyMap<ShapeModule, readonly string[]>;
  readonly diagnostics: readonly Diagnostic[];
}

/** How one kind's schema is prepared: the planned names, and the nodes typed by a declaration elsewhere. */
interface Preparing {
  readonly base: Omit<RuleContext, 'pointer' | 'isRoot' | 'typeName'>;
  /** Pointer -> placeholder name (see KindTypes.names). */
  readonly typeNames: ReadonlyMap<string, string>;
  readonly refs: KindRefs;
  /** The prepared nodes that stand for a ShapeRef: `{ tsType: name }`, by identity. */
  readonly refNodes: Map<object, ShapeRef>;
}

/** Open spec and status for a CRD that declares no schema (legacy CRDs). */
const NO_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  },
};

export const COMPILE_OPTIONS = {
  bannerComment: '',
  format: false,
  additionalProperties: false,
  ignoreMinAndMaxItems: true,
  strictIndexSignatures: false,
  unknownAny: true,
  declareExternallyReferenced: true,
  enableConstEnums: false,
  inferStringEnumKeysFromValues: false,
  unreachableDefinitions: false,
} as const;

/** One kind's schema prepared for json-schema-to-typescript, before it is compiled (see compileKind). */
export interface PreparedKind {
  readonly kind: KindPlan;
  readonly root: { [key: string]: unknown };
  /** Pointer -> the placeholder title of its node (see KindTypes.names). */
  readonly placeholders: ReadonlyMap<string, string>;
  /** Placeholder title -> pointer. */
  readonly pointers: ReadonlyMap<string, string>;
  /** Prepared nodes standing for a ShapeRef (`{ tsType: name }`), by identity; more may be added before compiling. */
  readonly refNodes: Map<object, ShapeRef>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Types one kind at one version: rules prepare the schema, json-schema-to-typescript writes the
 * types. A node of `refs` gets no declaration: it is typed by the one the ref names.
 */
export async function typegen(kind: KindPlan, refs: KindRefs = new Map()): Promise<KindTypes> {
  return compileKind(prepareKind(kind, refs));
}

/** The rules applied to a kind's schema (children first); the nodes of `refs` become references. */
export function prepareKind(kind: KindPlan, refs: KindRefs = new Map()): PreparedKind {
  const diagnostics: Diagnostic[] = [];
  const { crd, version } = kind;
  if (!version.schema) {
    diagnostics.push(
      diagnostic('warning', 'no-schema', 'the CRD declares no openAPIV3Schema: spec and status are typed as open maps (add a schema for real types)', {
        source: crd.source,
        subject: kind.subject,
      }),
    );
  }
  const base: Omit<RuleContext, 'pointer' | 'isRoot' | 'typeName'> = {
    keepsUnknownFields: crd.preserveUnknownFields,
    apiVersionLiteral: stringLiteral(`${crd.group}/${version.name}`),
    kindLiteral: stringLiteral(crd.names.kind),
  };
  diagnostics.push(...inexactEnums(version.schema, kind));
  const placeholders = new Map([...kind.typeNames.keys()].map((pointer, i) => [pointer, `CrdgenType${i}`]));
  const preparing: Preparing = { base, typeNames: placeholders, refs, refNodes: new Map() };
  const root = prepareSchema(version.schema ?? NO_SCHEMA, '#', preparing) as { [key: string]: unknown };
  const pointers = new Map([...placeholders].map(([pointer, title]) => [title, pointer]));
  return { kind, root, placeholders, pointers, refNodes: preparing.refNodes, diagnostics };
}

/**
 * The declarations of a prepared kind. `kind` may rename nodes (a node that declares a shape its
 * kind file shares takes the shape's name: see shapes/share.ts); its pointers are the prepared ones.
 */
export async function compileKind(prepared: PreparedKind, kind: KindPlan = prepared.kind): Promise<KindTypes> {
  const { placeholders, refNodes, root } = prepared;
  const names = new Map([...kind.typeNames].map(([pointer, name]) => [placeholders.get(pointer) as string, name]));
  const read = await typeAst(root as JSONSchema, placeholders.get('#') ?? 'CrdgenType', COMPILE_OPTIONS);
  const input = inputSchema(root as JsonSchema, kind, placeholders, refNodes);
  for (const [placeholder, name] of input?.names ?? []) names.set(placeholder, name);
  const inputTypes = input ? await typeAst(input.schema as JSONSchema, input.rootTitle, COMPILE_OPTIONS) : inputAlias(kind);
  return { read, input: inputTypes, names, imports: importsOf(reachableRefs(root, refNodes), input?.usedRefs ?? []), diagnostics: prepared.diagnostics };
}

/** The refs of the reference nodes still in `root` (a node replaced later takes its own along). */
export function reachableRefs(root: unknown, refNodes: ReadonlyMap<object, ShapeRef>): ShapeRef[] {
  const out: ShapeRef[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const ref = refNodes.get(value);
    if (ref !== undefined) out.push(ref);
    else for (const child of Object.values(value)) visit(child);
  };
  visit(root);
  return out;
}

/** The names of other modules that the read types (`read`) and the body types (`input`) use. */
export function importsOf(read: readonly ShapeRef[], input: readonly ShapeRef[]): Map<ShapeModule, string[]> {
  const byModule = new Map<ShapeModule, Set<string>>();
  const add = (ref: ShapeRef, name: string) => {
    if (ref.module === 'self') return;
    byModule.set(ref.module, (byModule.get(ref.module) ?? new Set()).add(name));
  };
  for (const ref of read) add(ref, ref.name);
  for (const ref of input) add(ref, ref.inputName ?? ref.name);
  return new Map([...byModule].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, names]) => [m, [...names].sort()]));
}

/**
 * A prepared named node typed by `ref` instead: the titled object (alone, or the branch of the
 * `Name | null` wrapper that carries the property's doc) becomes `{ tsType: name }`.
 */
function asReference(prepared: JsonSchema, placeholder: string, ref: ShapeRef, refNodes: Map<object, ShapeRef>): JsonSchema {
  const swap = (node: unknown): unknown => {
    if (!isSchema(node) || node.title !== placeholder) return node;
    const out = { tsType: ref.name };
    refNodes.set(out, ref);
    return out;
  };
  // `Name | null` holds it as a branch, and so does `Name & (...)` (required-only branches: see the rules).
  const within = (node: unknown): unknown => {
    if (!isSchema(node) || node.title === placeholder) return swap(node);
    if (Array.isArray(node.anyOf)) return { ...node, anyOf: node.anyOf.map(within) };
    return Array.isArray(node.allOf) ? { ...node, allOf: node.allOf.map(within) } : node;
  };
  return within(prepared) as JsonSchema;
}

/** Rewrites a schema bottom-up: children first, then the node's own rules. */
function prepareSchema(node: JsonSchema, pointer: string, preparing: Preparing, heldBy?: Step['kind']): JsonSchema {
  const { base, typeNames } = preparing;
  const typeName = typeNames.get(pointer);
  const ref = pointer === '#' ? undefined : preparing.refs.get(pointer);
  const union = pointer === '#' ? [] : requiredUnion(node);
  // One shape for every node's context (absent and undefined read the same to every rule).
  const ctx: RuleContext = {
    keepsUnknownFields: base.keepsUnknownFields,
    apiVersionLiteral: base.apiVersionLiteral,
    kindLiteral: base.kindLiteral,
    pointer,
    isRoot: pointer === '#',
    heldBy,
    typeName,
    requiredUnion: union.length > 0 ? union : undefined,
  };
  if (ref !== undefined && typeName !== undefined) {
    // Only the node's own doc and nullability matter: its contents are declared elsewhere.
    const own = forTypeGenerator(applyRulesKeepingUndefined(node, ctx));
    return asReference(own, typeName, ref, preparing.refNodes);
  }
  const rewritten: { [key: string]: unknown } = { ...node };
  const props: { [key: string]: unknown } = {};
  let hasProps = false;
  for (const [step, child] of children(node)) {
    const childPointer = `${pointer}/${pointerSegment(step)}`;
    const prepared = prepareSchema(child, childPointer, preparing, step.kind);
    if (step.kind === 'property') {
      // Assignment is safe: encodePropertyName encodes every Object.prototype name, `__proto__` too.
      props[encodePropertyName(step.name)] = prepared;
      hasProps = true;
    } else if (step.kind === 'items') {
      rewritten.items = prepared;
    } else {
      rewritten.additionalProperties = prepared;
    }
  }
  if (hasProps && isSchema(node.properties)) rewritten.properties = props;
  // Branches that are the node's type are prepared like any node (docs, names, Kubernetes rules).
  for (const [step, branch] of branches(node)) {
    if (step.kind !== 'branch') continue;
    const list = [...(rewritten[step.junctor] as unknown[])];
    list[step.index] = prepareSchema(branch, `${pointer}/${pointerSegment(step)}`, preparing, step.kind);
    rewritten[step.junctor] = list;
  }
  if (Array.isArray(node.required)) rewritten.required = node.required.map((r) => (typeof r === 'string' ? encodePropertyName(r) : r));
  return forTypeGenerator(applyRulesKeepingUndefined(rewritten, ctx));
}

/**
 * The keywords json-schema-to-typescript types from. Everything else (defaults, examples, limits,
 * CEL rules, extensions: already in the doc comment) is left out, so no value it walks can trip it
 * and it adds no doc text of its own (it would append `@minItems` after our tags).
 */
const TYPE_KEYWORDS = ['type', 'tsType', 'title', 'description', 'properties', 'required', 'items', 'additionalProperties', 'enum', 'nullable', 'anyOf', 'oneOf', 'allOf', 'deprecated'];

export function forTypeGenerator(node: JsonSchema): JsonSchema {
  const out: { [key: string]: unknown } = {};
  for (const key of TYPE_KEYWORDS) if (node[key] !== undefined) out[key] = node[key];
  // A rule may wrap the node itself in a junctor (`Name | null`): the wrapped node is kept to the
  // same keywords (branches prepared on their own already are, so this changes nothing for them).
  for (const junctor of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = out[junctor];
    if (Array.isArray(list)) out[junctor] = list.map((b: unknown) => (isSchema(b) ? forTypeGenerator(b) : b));
  }
  return out;
}

/** Integer enum values beyond 2^53 were rounded when the file was read: say so, and type the plain number. */
function inexactEnums(schema: JsonSchema | undefined, kind: KindPlan): Diagnostic[] {
  if (!schema) return [];
  const out: Diagnostic[] = [];
  for (const { node, pointer } of walk(schema)) {
    const value = Array.isArray(node.enum) ? node.enum.find((v) => typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) : undefined;
    if (value === undefined) continue;
    out.push(
      diagnostic('warning', 'unsafe-integer', `enum value ${String(value)} is beyond 2^53 and cannot be represented exactly in JavaScript: typed as number (compare such values as strings)`, {
        source: kind.crd.source,
        subject: kind.subject,
        schemaPath: pointer,
      }),
    );
  }
  return out;
}
