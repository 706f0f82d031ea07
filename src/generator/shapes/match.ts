import type { JsonSchema } from '../../kube/model.js';
import type { KindPlan } from '../plan/plan.js';
import { branches, children, pointerSegment } from '../schema-walk.js';
import type { ShapeRef } from './refs.js';
import type { WellKnownContext } from './well-known.js';

/** Says which well-known type a raw named node is exactly (see well-known.ts's matchWellKnown). */
export type WellKnownMatcher = (node: JsonSchema, context: WellKnownContext) => string | undefined;

/** Matches nothing: every node gets its own declaration. */
export const NO_WELL_KNOWN: WellKnownMatcher = () => undefined;

/**
 * The named nodes of a kind that are a well-known type: pointer -> a ref into k8s.ts. The
 * outermost match wins (nothing below a matched node is looked at); the root is never matched.
 */
export function wellKnownRefs(kind: KindPlan, match: WellKnownMatcher): Map<string, ShapeRef> {
  const out = new Map<string, ShapeRef>();
  const keepsUnknownFields = kind.crd.preserveUnknownFields;
  // `property`: the wire name of the property holding the node (for items and values: holding the array or map).
  const visit = (node: JsonSchema, pointer: string, property: string | undefined): void => {
    if (pointer !== '#' && kind.typeNames.has(pointer)) {
      const name = match(node, { keepsUnknownFields, ...(property !== undefined ? { property } : {}) });
      if (name !== undefined) {
        out.set(pointer, { module: 'k8s', name });
        return;
      }
    }
    for (const [step, child] of children(node)) visit(child, `${pointer}/${pointerSegment(step)}`, step.kind === 'property' ? step.name : property);
    for (const [step, child] of branches(node)) visit(child, `${pointer}/${pointerSegment(step)}`, property);
  };
  if (kind.version.schema) visit(kind.version.schema, '#', undefined);
  return out;
}
