// Schemas of CRDs read back from the YAML cache and parsed only when a unit needs them. A re-run
// after one CRD changed is served by the cache for every other unit, and their CRDs' schemas (most
// of the bytes of the inputs) are needed for nothing but keys and the comparison of definitions
// defined twice, which a digest of their JSON does. A lazy schema is a plain empty object standing
// where the schema goes; filled in place (every reference to it sees the schema) before a unit runs.
import { createHash } from 'node:crypto';
import type { CrdModel, CrdVersion, JsonSchema } from '../../kube/model.js';

const LAZY = Symbol('crdgen lazy schema');

interface Slot {
  /** SHA-256 of the schema's JSON (JSON.stringify), as stored beside it. */
  readonly digest: string;
  /** Fills every lazy schema of the file this one came from. */
  readonly load: () => Promise<void>;
}

type Lazy = { [LAZY]?: Slot };

/** A stand-in for a schema whose JSON hashes to `digest`; `load` fills it (see fillSchema). */
export function lazySchema(digest: string, load: () => Promise<void>): JsonSchema {
  const placeholder = {};
  Object.defineProperty(placeholder, LAZY, { value: { digest, load }, configurable: true, enumerable: false });
  return placeholder as JsonSchema;
}

export const isLazySchema = (value: unknown): boolean => typeof value === 'object' && value !== null && LAZY in value;

/** Makes `placeholder` the schema `value` (its own keys, in order; `__proto__` as a key too). */
export function fillSchema(placeholder: JsonSchema, value: { readonly [key: string]: unknown }): void {
  if (!isLazySchema(placeholder)) return;
  for (const key of Object.keys(value)) Object.defineProperty(placeholder, key, { value: value[key], enumerable: true, writable: true, configurable: true });
  delete (placeholder as Lazy)[LAZY];
}

/** JSON for hashing: numbers JSON cannot hold (-0, the infinities, NaN) kept apart from null and 0. */
export const exactly = (_key: string, value: unknown) =>
  typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)) ? `\u0000number ${Object.is(value, -0) ? '-0' : String(value)}` : value;

export const jsonDigest = (json: string): string => createHash('sha256').update(json).digest('hex');

/**
 * A digest of a schema's JSON, lazy or not: the stored one of a lazy schema (whose JSON is exact,
 * see yaml-cache.ts), else of its JSON now (with `exact`, -0 and the infinities kept apart).
 */
export function schemaDigest(schema: unknown, exact: boolean): string {
  const slot = (schema as Lazy | undefined)?.[LAZY];
  if (slot) return slot.digest;
  return jsonDigest(JSON.stringify(schema, exact ? exactly : undefined) ?? 'undefined');
}

/** A version for JSON that keys or compares it: its schema, lazy or not, as the digest of its JSON (see schemaDigest). */
export const digestedVersion = (version: CrdVersion, exact: boolean): object =>
  version.schema === undefined ? version : { ...version, schema: schemaDigest(version.schema, exact) };

/** Fills every lazy schema of these CRDs, so that a unit can type them. */
export async function loadSchemas(crds: readonly CrdModel[]): Promise<void> {
  const loads = new Set<() => Promise<void>>();
  for (const crd of crds) {
    for (const version of crd.versions) {
      const slot = (version.schema as Lazy | undefined)?.[LAZY];
      if (slot) loads.add(slot.load);
    }
  }
  await Promise.all([...loads].map((load) => load()));
  for (const crd of crds) {
    for (const version of crd.versions) if (isLazySchema(version.schema)) throw new Error(`the schema of ${crd.name}/${version.name} was not loaded`);
  }
}
