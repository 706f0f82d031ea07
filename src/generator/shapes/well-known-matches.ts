import type { KindPlan } from '../plan/plan.js';
import { wellKnownRefs } from './match.js';
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

/** The nodes of a kind that the generator types by k8s.ts (the same walk and matcher), in schema order. */
export function wellKnownMatches(kind: KindPlan): WellKnownMatch[] {
  return [...wellKnownRefs(kind, matchWellKnown)].map(([pointer, ref]) => ({ pointer, path: pointerPath(pointer), name: ref.name }));
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
