import { withBranchDocs, withChildDocs } from './held-docs.js';
import { encodePropertyName } from './own-names.js';
import { parseDoc, schemaDoc, summary } from './jsdoc.js';
import type { JsonSchema } from '../../kube/model.js';
import { branches, isEmbedded, isIntOrString, isSchema, preservesUnknown, properties, type Step } from '../schema-walk.js';

/** What a rule may know about the node it rewrites. */
export interface RuleContext {
  readonly pointer: string;
  readonly isRoot: boolean;
  /** The API server keeps unknown fields everywhere (v1beta1 CRDs unless preserveUnknownFields: false). */
  readonly keepsUnknownFields: boolean;
  /** Interface name for this node, when the planner gave it one. */
  readonly typeName?: string;
  /** What holds the node (absent at the root): a property, its parent's items or map values, or a junctor branch of its parent's type. */
  readonly heldBy?: Step['kind'];
  /** `'group/version'` and `'Kind'` as TypeScript literals, for the root. */
  readonly apiVersionLiteral: string;
  readonly kindLiteral: string;
  /** The name sets its `oneOf`/`anyOf` branches require, when its type can say so (see doc-prose's requiredUnion). */
  readonly requiredUnion?: ReadonlyArray<ReadonlyArray<readonly string[]>>;
}

type Node = { [key: string]: unknown };
/** A rule returns the rewritten node; it never mutates its input. */
export type Rule = (node: Readonly<Node>, ctx: RuleContext) => Node;

/** Why a rule leaves a node open (`unknown`, an index signature or an empty object): the generation report's reasons. */
export type OpenReason =
  /** `x-kubernetes-preserve-unknown-fields: true` (on the node, or on the array holding it) */
  | 'preserve-unknown-fields'
  /** `additionalProperties: true` */
  | 'additionalProperties: true'
  /** a v1beta1 CRD without `preserveUnknownFields: false`: the API server keeps unknown fields everywhere */
  | 'legacy non-pruning CRD'
  /** the version declares no openAPIV3Schema: spec and status are open */
  | 'no schema'
  /** a schema with no type, properties, items or junctors: any JSON value */
  | 'no type'
  /** `type: object` and nothing else: the API server prunes every field, so only `{}` is valid */
  | 'empty object';

/** Set on a rule that leaves the node open: why, when the rule changed the node. */
type Opens = (node: Readonly<Node>, ctx: RuleContext) => OpenReason | undefined;
const because = (why: OpenReason): Opens => () => why;

export const OPEN_MAP = '{ [key: string]: unknown }';
export const EMPTY_OBJECT = '{ [key: string]: never }';
const nullable = (node: Readonly<Node>, tsType: string) => (node.nullable === true ? `${tsType} | null` : tsType);
/** Keeps only what json-schema-to-typescript needs once a node is typed by `tsType`. */
/**
 * json-schema-to-typescript writes an array of a `tsType` as `${tsType}[]`: a union needs its
 * parentheses (`(number | string)[]`); emit drops them again where they wrap a whole type.
 */
const grouped = (tsType: string) => (tsType.includes(' | ') ? `(${tsType})` : tsType);
const typed = (node: Readonly<Node>, tsType: string): Node => ({
  tsType: grouped(nullable(node, tsType)),
  ...(node.description !== undefined ? { description: node.description } : {}),
});

/**
 * The schema rewrites applied, in order, to every node before json-schema-to-typescript sees it:
 * [name, rule, why the node is open when the rule fires (for rules that open it)]. The name of
 * each rule is its documentation; each has a given/want test.
 */
const RULE_TABLE: ReadonlyArray<readonly [string, Rule, Opens?]> = [
  [
    'drop keywords that name, reference or type schemas (title, $ref, $id, definitions, tsType)',
    (node) => {
      const { title: _t, $ref: _r, $id: _i, id: _id, $schema: _s, definitions: _d, $defs: _dd, tsType: _ts, tsEnumNames: _te, ...rest } = node;
      return rest;
    },
  ],
  [
    'description, deprecation, required branches, default, format, limits, pattern and CEL rules -> doc comment',
    (node) => {
      const doc = schemaDoc(node);
      const { description: _d, ...rest } = node;
      return doc === undefined ? rest : { ...rest, description: doc };
    },
  ],
  [
    'items, map values and union branches without a declaration of their own -> their doc on the node that holds them',
    (node) => {
      // A branch is printed inside its holder's union: its own items and values move to the branch,
      // and from there, with the branch's doc, to the holder.
      const own = withChildDocs(node);
      return branches(node).length > 0 ? withBranchDocs(own) : own;
    },
  ],
  [
    'enum with values the type cannot hold exactly (beyond 2^53, not finite, objects) -> the plain type',
    (node) => (Array.isArray(node.enum) && node.enum.some((v) => !isExactLiteral(v)) ? withoutEnum(node) : node),
  ],
  [
    'x-kubernetes-int-or-string -> number | string',
    (node) => (isIntOrString(node) ? typed(node, 'number | string') : node),
  ],
  [
    'value-validation junctors (allOf, anyOf, oneOf, not) do not add types',
    (node) => {
      if (node.tsType !== undefined || (node.type === undefined && node.properties === undefined)) return node;
      const { allOf: _a, anyOf: _b, oneOf: _c, not: _d, ...rest } = node;
      return rest;
    },
  ],
  [
    'root apiVersion and kind -> string literals, root metadata -> V1ObjectMeta',
    (node, ctx) => {
      if (!ctx.isRoot) return node;
      const props = isSchema(node.properties) ? node.properties : {};
      const required = Array.isArray(node.required) ? node.required.filter((r) => r !== 'apiVersion' && r !== 'kind') : [];
      return {
        ...node,
        type: 'object',
        properties: {
          apiVersion: { ...descriptionOf(props.apiVersion), tsType: ctx.apiVersionLiteral },
          kind: { ...descriptionOf(props.kind), tsType: ctx.kindLiteral },
          metadata: { ...descriptionOf(props.metadata), tsType: 'V1ObjectMeta' },
          ...Object.fromEntries(Object.entries(props).filter(([k]) => k !== 'apiVersion' && k !== 'kind' && k !== 'metadata')),
        },
        required: ['apiVersion', 'kind', ...required],
        // The object itself is never null, whatever the schema says.
        nullable: undefined,
        // A root that keeps unknown fields (its own flag, or a legacy CRD that never prunes) keeps
        // them all: `spec` and the rest stay reachable.
        additionalProperties: preservesUnknown(node) || ctx.keepsUnknownFields ? {} : false,
        'x-kubernetes-preserve-unknown-fields': undefined,
      };
    },
    (node, ctx) => (preservesUnknown(node) ? 'preserve-unknown-fields' : ctx.keepsUnknownFields ? 'legacy non-pruning CRD' : undefined),
  ],
  [
    'x-kubernetes-embedded-resource -> apiVersion, kind and metadata (EmbeddedObjectMeta: its wire form) plus the properties',
    (node) => {
      if (!isEmbedded(node) || node.tsType !== undefined) return node;
      const props = isSchema(node.properties) ? node.properties : {};
      const required = Array.isArray(node.required) ? node.required : [];
      return {
        ...node,
        type: 'object',
        properties: {
          apiVersion: props.apiVersion ?? { type: 'string' },
          kind: props.kind ?? { type: 'string' },
          // Only the root's metadata is decoded into V1ObjectMeta (Dates) by the runtime.
          metadata: { ...descriptionOf(props.metadata), tsType: 'EmbeddedObjectMeta' },
          ...Object.fromEntries(Object.entries(props).filter(([k]) => k !== 'apiVersion' && k !== 'kind' && k !== 'metadata')),
        },
        required: [...new Set(['apiVersion', 'kind', ...required])],
      };
    },
  ],
  [
    'x-kubernetes-preserve-unknown-fields without properties -> open map (any value when untyped)',
    (node) => {
      // A map's values are typed by additionalProperties whether or not unknown fields are kept.
      if (!preservesUnknown(node) || node.tsType !== undefined || properties(node).length > 0 || isSchema(node.additionalProperties)) return node;
      if (node.type === undefined) return typed(node, 'unknown');
      if (node.type === 'object') return typed(node, OPEN_MAP);
      return node;
    },
    because('preserve-unknown-fields'),
  ],
  [
    'x-kubernetes-preserve-unknown-fields with properties -> the properties plus an index signature',
    (node, ctx) =>
      !ctx.isRoot && preservesUnknown(node) && node.tsType === undefined && properties(node).length > 0
        ? { ...node, additionalProperties: true }
        : node,
    because('preserve-unknown-fields'),
  ],
  [
    'additionalProperties: true -> index signature of unknown',
    (node) => (node.additionalProperties === true && node.tsType === undefined ? { ...node, additionalProperties: {} } : node),
    because('additionalProperties: true'),
  ],
  [
    'objects of CRDs that do not prune -> index signature on every object (the root: see the root rule)',
    (node, ctx) =>
      ctx.keepsUnknownFields && !ctx.isRoot && node.tsType === undefined && (node.type === 'object' || isSchema(node.properties)) && node.additionalProperties === undefined
        ? { ...node, additionalProperties: {} }
        : node,
    because('legacy non-pruning CRD'),
  ],
  [
    'object without properties or additionalProperties -> empty object (the API server prunes every field)',
    (node) =>
      node.type === 'object' && node.tsType === undefined && properties(node).length === 0 && node.additionalProperties === undefined && !isEmbedded(node)
        ? typed(node, EMPTY_OBJECT)
        : node,
    because('empty object'),
  ],
  [
    'type string with properties -> string (the properties are never valid)',
    (node) => {
      if (node.tsType !== undefined || typeof node.type !== 'string' || node.type === 'object' || node.properties === undefined) return node;
      const { properties: _p, required: _r, ...rest } = node;
      return rest;
    },
  ],
  [
    'required names without a property schema are dropped',
    (node) => {
      if (!Array.isArray(node.required) || node.tsType !== undefined) return node;
      const names = new Set(properties(node).map(([name]) => name));
      const required = node.required.filter((r): r is string => typeof r === 'string' && names.has(r));
      const { required: _r, ...rest } = node;
      return required.length > 0 ? { ...rest, required } : rest;
    },
  ],
  [
    'named nodes carry the planned interface name',
    (node, ctx) => (ctx.typeName !== undefined && node.tsType === undefined ? { ...node, title: ctx.typeName } : node),
  ],
  [
    'named node held by a property -> Name (or Name | null) with its doc on the property, the first sentence on its interface',
    (node, ctx) => {
      if (ctx.isRoot || node.title === undefined) return node;
      const { nullable, description, ...object } = node;
      const doc = typeof description === 'string' ? description : undefined;
      // Items, map values and junctor branches are nodes of their own, apart from the field that
      // holds them: their doc stays on their interface (the field has its own).
      const onProperty = doc !== undefined && ctx.heldBy === 'property';
      const line = onProperty ? summary(parseDoc(doc)) : doc;
      const inner = { ...object, ...(line !== undefined ? { description: line } : {}) };
      if (nullable !== true && !onProperty) return inner;
      return { ...(onProperty ? { description: doc } : {}), anyOf: nullable === true ? [inner, { type: 'null' }] : [inner] };
    },
  ],
  [
    'named node whose oneOf/anyOf branches require names -> held as Name & ({ a: unknown } | { b: unknown }) (its interface keeps them optional)',
    (node, ctx) => {
      const union = ctx.requiredUnion ?? [];
      if (ctx.isRoot || ctx.typeName === undefined || union.length === 0) return node;
      const held = (inner: unknown) => ({ allOf: [inner, ...union.map((sets) => ({ tsType: requiringOne(sets) }))] });
      if (node.title !== undefined) return held(node);
      // Name | null, or the doc's holder: the named node is the first branch.
      const [first, ...rest] = Array.isArray(node.anyOf) ? node.anyOf : [];
      return isSchema(first) && first.title !== undefined ? { ...node, anyOf: [held(first), ...rest] } : node;
    },
  ],
];

export const rules: ReadonlyMap<string, Rule> = new Map(RULE_TABLE.map(([name, rule]) => [name, rule]));

/**
 * `({ a: unknown } | { b: unknown; c: unknown })`, or `{ a: unknown }` for one set: an object that has the names of one set (the
 * intersection with the node's interface gives each its type). Names as the type generator sees
 * them (encoded, decoded again when emitted), quoted unless identifiers.
 */
function requiringOne(sets: ReadonlyArray<readonly string[]>): string {
  const key = (name: string) => {
    const encoded = encodePropertyName(name);
    return /^[A-Za-z_$][\w$]*$/.test(encoded) ? encoded : JSON.stringify(encoded);
  };
  const each = sets.map((names) => `{ ${names.map((n) => `${key(n)}: unknown`).join('; ')} }`);
  return each.length === 1 ? (each[0] as string) : `(${each.join(' | ')})`;
}

/** A value TypeScript can write as a literal type that means exactly that value. */
function isExactLiteral(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value));
  return value === null || typeof value === 'string' || typeof value === 'boolean';
}

function withoutEnum(node: Readonly<Node>): Node {
  const { enum: _e, ...rest } = node;
  return rest;
}

function descriptionOf(value: unknown): { description?: unknown } {
  return isSchema(value) && typeof value.description === 'string' ? { description: value.description } : {};
}

/** Applies every rule to one node (children are rewritten by the caller). */
export function applyRules(node: Readonly<Node>, ctx: RuleContext): Node {
  return traceRules(node, ctx).node;
}

/** Every rule on one node, for forTypeGenerator (defined keywords only): keys set to undefined stay, no reasons traced. */
export function applyRulesKeepingUndefined(node: Readonly<Node>, ctx: RuleContext): Node {
  let current = node as Node; // rules never mutate their input
  for (const [, rule] of RULE_TABLE) current = rule(current, ctx);
  return current;
}

/** Applies every rule to one node, and says why the first rule that opened it did so. */
export function traceRules(node: Readonly<Node>, ctx: RuleContext): { readonly node: Node; readonly opened?: OpenReason } {
  let current: Node = { ...node };
  let opened: OpenReason | undefined;
  for (const [, rule, opens] of RULE_TABLE) {
    const next = rule(current, ctx);
    // A rule returns its input unchanged when it does not apply.
    if (opened === undefined && opens && next !== current) opened = opens(current, ctx);
    current = next;
  }
  for (const key of Object.keys(current)) if (current[key] === undefined) delete current[key];
  return opened === undefined ? { node: current } : { node: current, opened };
}
