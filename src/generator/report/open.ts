import type { JsonSchema } from '../../kube/model.js';
import { children, isEmbedded, isIntOrString, isSchema, mapValue, pointerSegment, preservesUnknown, properties, type Step } from '../schema-walk.js';

/**
 * Which fields of a schema come out as `unknown`, as open maps (`[key: string]: unknown`) or as
 * empty objects, and the schema rule that made them so. Follows the decisions of typegen/rules.ts, node by
 * node; the corpus test checks every entry against the emitted TypeScript.
 */

export type OpenShape = 'unknown' | 'open map' | 'properties + open map' | 'empty object';

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

export interface OpenField {
  /** JSON pointer into the version's schema: `#/properties/spec/properties/config`. */
  readonly pointer: string;
  /** The same as a TypeScript path: `spec.config`, `spec.items[]`, `spec.labels{}`, `(root)`. */
  readonly path: string;
  readonly typed: OpenShape;
  readonly why: OpenReason;
}

/** The open fields of one version's schema (`undefined` schema: a CRD that declares none). */
export function openFields(schema: JsonSchema | undefined, keepsUnknownFields: boolean): OpenField[] {
  if (!schema) {
    const root: OpenField[] = keepsUnknownFields ? [{ pointer: '#', path: '(root)', typed: 'properties + open map', why: 'legacy non-pruning CRD' }] : [];
    return [...root, ...['spec', 'status'].map((name): OpenField => ({ pointer: `#/properties/${name}`, path: name, typed: 'open map', why: 'no schema' }))];
  }
  const out: OpenField[] = [];
  const visit = (node: JsonSchema, pointer: string, path: string, isRoot: boolean): void => {
    const open = classify(node, isRoot, keepsUnknownFields);
    if (open) out.push({ pointer, path: isRoot ? '(root)' : path, ...open });
    for (const [step, child] of children(node)) {
      // The root's metadata is V1ObjectMeta (an embedded resource's EmbeddedObjectMeta), whatever the schema says.
      if (step.kind === 'property' && step.name === 'metadata' && (isRoot || isEmbedded(node))) continue;
      visit(child, `${pointer}/${pointerSegment(step)}`, joinPath(path, step), false);
    }
  };
  visit(schema, '#', '', true);
  return out;
}

/** `spec` + property `items` -> `spec.items`; + array items -> `spec.items[]`; + map values -> `{}`. */
export function joinPath(path: string, step: Step): string {
  if (step.kind === 'items') return `${path}[]`;
  if (step.kind === 'values') return `${path}{}`;
  if (step.kind === 'branch') return `${path}<${step.junctor}[${step.index}]>`;
  return path === '' ? step.name : `${path}.${step.name}`;
}

type Verdict = { readonly typed: OpenShape; readonly why: OpenReason } | undefined;

/** How one node is typed, when that is not a precise type (mirrors the order of typegen/rules.ts). */
function classify(node: JsonSchema, isRoot: boolean, keepsUnknownFields: boolean): Verdict {
  if (isIntOrString(node)) return undefined;
  // The root always has apiVersion, kind and metadata; an embedded resource gets them too.
  const hasProperties = isRoot || properties(node).length > 0 || isEmbedded(node);
  const open = (why: OpenReason): Verdict => ({ typed: hasProperties ? 'properties + open map' : 'open map', why });
  const values = mapValue(node);
  if (preservesUnknown(node) && !values) {
    if (hasProperties) return open('preserve-unknown-fields');
    if (node.type === undefined) return { typed: 'unknown', why: 'preserve-unknown-fields' };
    if (node.type === 'object') return open('preserve-unknown-fields');
  }
  if (isRoot) return keepsUnknownFields ? open('legacy non-pruning CRD') : undefined;
  if (node.additionalProperties === true) return open('additionalProperties: true');
  const valueVerdict = values ? classify(values, false, keepsUnknownFields) : undefined;
  if (valueVerdict?.typed === 'unknown') return open(valueVerdict.why);
  if (keepsUnknownFields && (node.type === 'object' || isSchema(node.properties)) && node.additionalProperties === undefined) {
    return open('legacy non-pruning CRD');
  }
  if (node.type === 'object' && !hasProperties && node.additionalProperties === undefined) return { typed: 'empty object', why: 'empty object' };
  if (isUntyped(node)) return { typed: 'unknown', why: 'no type' };
  return undefined;
}

const TYPING_KEYWORDS = ['type', 'properties', 'items', 'additionalProperties', 'enum', 'const', 'anyOf', 'oneOf', 'allOf'];

function isUntyped(node: JsonSchema): boolean {
  return TYPING_KEYWORDS.every((keyword) => node[keyword] === undefined);
}
