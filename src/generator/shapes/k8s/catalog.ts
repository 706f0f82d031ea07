import type { JsonSchema } from '../../../kube/model.js';
import { AFFINITY_TYPES } from './affinity.js';
import { CLAIM_TYPES } from './claim.js';
import { CONTAINER_TYPES } from './container.js';
import { minor, typeSchema, type Release, type Shape, type WellKnownType } from './describe.js';
import { META_TYPES } from './meta.js';
import { POD_TYPES } from './pod.js';
import { PROBE_TYPES } from './probe.js';
import { SECURITY_TYPES } from './security.js';
import { VOLUME_SOURCE_TYPES } from './volume-sources.js';
import { VOLUME_TYPES } from './volume.js';
import { shapeSignature } from './signature.js';

/**
 * Every Kubernetes type we describe, and every distinct shape it had over the releases.
 *
 * Release skew: fields were added over releases (ResourceRequirements.claims in 1.26,
 * PodAffinityTerm.matchLabelKeys in 1.29), and a CRD holds the shape of the release its generator
 * was built with. A node matches a shape only when it has exactly its fields; no field is ever
 * added or dropped to make a match. Each distinct shape is one declaration: the newest is the plain
 * name (`ResourceRequirements`), an older one is named after the last release that had it
 * (`ResourceRequirements1_25`), and it refers to the other types as they were at that release.
 */

export interface Declaration {
  /** The declared name: the type's name, plus the release for an older shape. */
  readonly name: string;
  readonly type: WellKnownType;
  /** The release whose shape this is (undefined: the newest). */
  readonly release?: Release;
  readonly signature: string;
}

/** Table order decides between types of one structure when the holder's name does not. */
export const WELL_KNOWN_TYPES: readonly WellKnownType[] = [
  ...META_TYPES,
  ...POD_TYPES,
  ...AFFINITY_TYPES,
  ...CONTAINER_TYPES,
  ...PROBE_TYPES,
  ...SECURITY_TYPES,
  ...VOLUME_TYPES,
  ...CLAIM_TYPES,
  ...VOLUME_SOURCE_TYPES,
];

const byName = new Map(WELL_KNOWN_TYPES.map((t) => [t.name, t]));

export function wellKnownType(name: string): WellKnownType {
  const type = byName.get(name);
  if (!type) throw new Error(`no described Kubernetes type ${name}`);
  return type;
}

const expanded = new Map<string, JsonSchema>();

/** The schema of a type at a release with every reference expanded (one object per type and release, so signatures are computed once). */
export function expandedSchema(name: string, release?: Release): JsonSchema {
  const key = `${name}@${release ?? ''}`;
  let schema = expanded.get(key);
  if (!schema) {
    schema = typeSchema(wellKnownType(name), release, (inner) => expandedSchema(inner, release));
    expanded.set(key, schema);
  }
  return schema;
}

function refsOf(shape: Shape): string[] {
  if (shape.kind === 'ref') return [shape.name];
  if (shape.kind === 'array') return refsOf(shape.items);
  if (shape.kind === 'map') return refsOf(shape.values);
  return [];
}

/** The releases that added a field to the type or to a type it holds, as minors, newest first. */
function changes(type: WellKnownType, seen = new Set<string>()): number[] {
  seen.add(type.name);
  const out = new Set<number>();
  for (const field of Object.values(type.fields)) {
    if (field.since) out.add(minor(field.since));
    for (const inner of refsOf(field.shape)) if (!seen.has(inner)) for (const m of changes(wellKnownType(inner), seen)) out.add(m);
  }
  return [...out].sort((a, b) => b - a);
}

function declarationsOf(type: WellKnownType): Declaration[] {
  const out: Declaration[] = [{ name: type.name, type, signature: shapeSignature(expandedSchema(type.name)) }];
  for (const change of changes(type)) {
    const release: Release = `1.${change - 1}`;
    const signature = shapeSignature(expandedSchema(type.name, release));
    if (out.some((d) => d.signature === signature)) continue;
    out.push({ name: `${type.name}${release.replace('.', '_')}`, type, release, signature });
  }
  return out;
}

/** Every declaration, in table order, the newest shape of a type first. */
export const DECLARATIONS: readonly Declaration[] = WELL_KNOWN_TYPES.flatMap(declarationsOf);

export const declarationsBySignature: ReadonlyMap<string, readonly Declaration[]> = (() => {
  const out = new Map<string, Declaration[]>();
  for (const d of DECLARATIONS) out.set(d.signature, [...(out.get(d.signature) ?? []), d]);
  return out;
})();

export const declarationsByName: ReadonlyMap<string, Declaration> = new Map(DECLARATIONS.map((d) => [d.name, d]));

/** The declaration of a type's shape at a release (a type referred to by a declaration of that release). */
export function declarationAt(name: string, release?: Release): Declaration {
  const signature = shapeSignature(expandedSchema(name, release));
  const found = DECLARATIONS.find((d) => d.type.name === name && d.signature === signature);
  if (!found) throw new Error(`no declaration of ${name} at ${release ?? 'the newest release'}`);
  return found;
}
