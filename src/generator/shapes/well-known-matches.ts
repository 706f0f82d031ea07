import type { GroupVersionPlan, KindPlan } from '../plan/plan.js';
import { wellKnownRefs, type WellKnownMatcher } from './match.js';
import { matchWellKnown } from './well-known.js';

/** A named node of a kind that is exactly a Kubernetes type (so typed by its declaration in k8s.ts). */
export interface WellKnownMatch {
  /** JSON pointer into the version's schema. */
  readonly pointer: string;
  /** The same as a TypeScript path: `spec.selector`, `spec.tolerations[]`. */
  readonly path: string;
  /** The declaration in k8s.ts (`LabelSelector`, `ResourceRequirements1_25`). */
  readonly name: string;
}

/**
 * matchWellKnown for the kinds of one group-version folder, refusing the names its kind files
 * declare: a kind named Condition keeps `Condition` for itself (its kind file could not import
 * the other one, nor the folder's index export both), so its conditions get a declaration of their own.
 */
export function wellKnownMatcher(gv: GroupVersionPlan): WellKnownMatcher {
  const declared = new Set(gv.kinds.flatMap(declaredNames));
  return (node, context) => {
    const name = matchWellKnown(node, context);
    return name !== undefined && declared.has(name) ? undefined : name;
  };
}

/** Every name a kind file declares (its nested types, whether or not typed from elsewhere, included). */
function declaredNames(kind: KindPlan): string[] {
  return [kind.typeName, kind.listName, kind.apiName, kind.resourceName, kind.inputName, ...kind.typeNames.values(), ...[...kind.inputTypes.values()].map((t) => t.name)];
}

/** The nodes of a kind (of `gv`) that the generator types by k8s.ts (the same walk and matcher), in schema order. */
export function wellKnownMatches(kind: KindPlan, gv: GroupVersionPlan): WellKnownMatch[] {
  return [...wellKnownRefs(kind, wellKnownMatcher(gv))].map(([pointer, ref]) => ({ pointer, path: pointerPath(pointer), name: ref.name }));
}

/** `#/properties/spec/properties/tolerations/items` -> `spec.tolerations[]` (as report/open.ts writes paths). */
function pointerPath(pointer: string): string {
  const segments = pointer.split('/').slice(1);
  let path = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment === 'properties') {
      const name = (segments[++i] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
      path = path === '' ? name : `${path}.${name}`;
    } else if (segment === 'items') path += '[]';
    else if (segment === 'additionalProperties') path += '{}';
    else path += `<${segment}[${segments[++i] ?? ''}]>`;
  }
  return path;
}
