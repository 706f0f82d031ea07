import type { JsonSchema } from '../../kube/model.js';
import { children, isEmbedded, mapValue, pointerSegment, properties, type Step } from '../schema-walk.js';
import { EMPTY_OBJECT, OPEN_MAP, traceRules, type OpenReason } from '../typegen/rules.js';

/**
 * Which fields of a schema come out as `unknown`, as open maps (`[key: string]: unknown`) or as
 * empty objects, and the schema rule that made them so: each node is put through the rules of
 * typegen/rules.ts, which say why they open a node. The corpus test checks every entry against the
 * emitted TypeScript.
 */

export type OpenShape = 'unknown' | 'open map' | 'properties + open map' | 'empty object';

export type { OpenReason };

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

/** How one node is typed, when that is not a precise type: what the rules make of it, and why. */
function classify(node: JsonSchema, isRoot: boolean, keepsUnknownFields: boolean): Verdict {
  // Names and literals do not change whether a node is open; nullable only adds `| null`.
  const ctx = { pointer: '', isRoot, keepsUnknownFields, apiVersionLiteral: 'string', kindLiteral: 'string' };
  const { node: typed, opened } = traceRules({ ...node, nullable: undefined }, ctx);
  const hasProperties = properties(typed).length > 0;
  const open = (why: OpenReason): Verdict => ({ typed: hasProperties ? 'properties + open map' : 'open map', why });
  if (opened) {
    if (typed.tsType === 'unknown') return { typed: 'unknown', why: opened };
    if (typed.tsType === OPEN_MAP) return { typed: 'open map', why: opened };
    if (typed.tsType === EMPTY_OBJECT) return { typed: 'empty object', why: opened };
    return open(opened);
  }
  // A map of values typed unknown is an open map; json-schema-to-typescript types a node with no typing keyword unknown.
  const values = mapValue(typed);
  const valueVerdict = values && !isRoot ? classify(values, false, keepsUnknownFields) : undefined;
  if (valueVerdict?.typed === 'unknown') return open(valueVerdict.why);
  if (typed.tsType === undefined && isUntyped(typed)) return { typed: 'unknown', why: 'no type' };
  return undefined;
}

const TYPING_KEYWORDS = ['type', 'properties', 'items', 'additionalProperties', 'enum', 'const', 'anyOf', 'oneOf', 'allOf'];

function isUntyped(node: JsonSchema): boolean {
  return TYPING_KEYWORDS.every((keyword) => node[keyword] === undefined);
}
