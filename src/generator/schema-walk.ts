import type { JsonSchema } from '../kube/model.js';

/**
 * How crdgen reads the shape of a Kubernetes structural schema. The planner (naming), the schema
 * rules (typing) and the corpus checks all walk schemas through these functions so they agree on
 * which nodes become named interfaces.
 */

export type SchemaNode = JsonSchema;

export const isSchema = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function properties(node: SchemaNode): ReadonlyArray<readonly [string, SchemaNode]> {
  const props = node.properties;
  if (!isSchema(props)) return [];
  const out: Array<readonly [string, SchemaNode]> = [];
  for (const name of Object.keys(props)) {
    const child = props[name];
    if (isSchema(child)) out.push([name, child]);
  }
  return out;
}

export const isIntOrString = (node: SchemaNode): boolean =>
  node['x-kubernetes-int-or-string'] === true || (node.type === 'string' && node.format === 'int-or-string');

export const preservesUnknown = (node: SchemaNode): boolean => node['x-kubernetes-preserve-unknown-fields'] === true;

export const isEmbedded = (node: SchemaNode): boolean => node['x-kubernetes-embedded-resource'] === true;

/** The value schema of a map (`additionalProperties: {schema}`), if any. */
export function mapValue(node: SchemaNode): SchemaNode | undefined {
  return isSchema(node.additionalProperties) ? node.additionalProperties : undefined;
}

/** The item schema of an array (a tuple-style `items: [...]` is read as its first schema). */
function arrayItems(node: SchemaNode): SchemaNode | undefined {
  if (isSchema(node.items)) return node.items;
  if (Array.isArray(node.items) && isSchema(node.items[0])) return node.items[0];
  return undefined;
}

/** A node that becomes its own named interface: an object with properties, or an embedded resource. */
export function isNamedObject(node: SchemaNode): boolean {
  if (isIntOrString(node)) return false;
  if (node.type !== undefined && node.type !== 'object') return false;
  return properties(node).length > 0 || isEmbedded(node);
}

/** One step from a node to a child schema: a property, the array items, or the map values. */
export type Step =
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'items' }
  | { readonly kind: 'values' }
  | { readonly kind: 'branch'; readonly junctor: Junctor; readonly index: number; readonly named: number };

export type Junctor = 'oneOf' | 'anyOf' | 'allOf';

/**
 * A node without type or properties whose oneOf/anyOf/allOf is its type (legacy CRDs that accept,
 * say, an array or an object): the branches are typed like any node and joined (`A | B`, `A & B`).
 * Beside a type, junctors only validate and are dropped (see the rules).
 */
function keepsJunctors(node: SchemaNode): boolean {
  return node.type === undefined && node.properties === undefined && !isIntOrString(node) && !preservesUnknown(node);
}

/** The branches of a node whose junctors are its type (see keepsJunctors); `named` counts the named ones. */
export function branches(node: SchemaNode): Array<readonly [Step, SchemaNode]> {
  if (!keepsJunctors(node)) return [];
  const out: Array<readonly [Step, SchemaNode]> = [];
  for (const junctor of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = node[junctor];
    if (!Array.isArray(list)) continue;
    const named = list.filter((b) => isSchema(b) && isNamedObject(b)).length;
    list.forEach((branch, index) => {
      if (isSchema(branch)) out.push([{ kind: 'branch', junctor, index, named }, branch]);
    });
  }
  return out;
}

/**
 * The children crdgen types (junctors such as anyOf are validation only in structural schemas).
 * The items of an array that preserves unknown fields preserve them too: the API server does not
 * prune inside such an array (its pruning skips the array's items as it skips the array).
 */
export function children(node: SchemaNode): Array<readonly [Step, SchemaNode]> {
  if (isIntOrString(node)) return [];
  const out: Array<readonly [Step, SchemaNode]> = properties(node).map(
    ([name, child]) => [{ kind: 'property', name }, child] as const,
  );
  const items = arrayItems(node);
  if (items) out.push([{ kind: 'items' }, preservesUnknown(node) && !preservesUnknown(items) ? { ...items, 'x-kubernetes-preserve-unknown-fields': true } : items]);
  const values = mapValue(node);
  if (values) out.push([{ kind: 'values' }, values]);
  return out;
}

/** JSON pointer segment for a step (RFC 6901 escaping). */
export function pointerSegment(step: Step): string {
  if (step.kind === 'items') return 'items';
  if (step.kind === 'values') return 'additionalProperties';
  if (step.kind === 'branch') return `${step.junctor}/${step.index}`;
  const name = step.name;
  return `properties/${name.includes('~') || name.includes('/') ? name.replace(/~/g, '~0').replace(/\//g, '~1') : name}`;
}

export interface VisitedNode {
  readonly node: SchemaNode;
  /** `#`, `#/properties/spec`, `#/properties/spec/properties/ports/items`, ... */
  readonly pointer: string;
  /** Wire names of the properties on the way (items and map values add nothing). */
  readonly path: readonly string[];
  readonly steps: readonly Step[];
}

/** Depth-first walk in schema order. */
export function* walk(root: SchemaNode): Generator<VisitedNode> {
  const stack: VisitedNode[] = [{ node: root, pointer: '#', path: [], steps: [] }];
  while (stack.length > 0) {
    const current = stack.pop() as VisitedNode;
    yield current;
    const next = children(current.node).map(([step, node]) => ({
      node,
      pointer: `${current.pointer}/${pointerSegment(step)}`,
      path: step.kind === 'property' ? [...current.path, step.name] : current.path,
      steps: [...current.steps, step],
    }));
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as VisitedNode);
  }
}
