/**
 * Pruning as the real server does it when it decodes a custom resource (apiextensions-apiserver's
 * structural pruning, then `PruneNonNullableNullsWithoutDefaults`, then ObjectMeta coercion of the
 * root and of every embedded resource).
 */
import { coerceObjectMeta } from './objectmeta.js';
import {
  additionalPropertiesOf,
  cloneJson,
  defaultOf,
  flag,
  isObject,
  itemsOf,
  schemaProperties,
  type JsonObject,
  type JsonSchema,
} from './shared.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

interface Tracker {
  readonly paths: string[];
}

function join(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** The path of a child, built only when a tracker records paths. */
const at = (tracker: Tracker | undefined, parent: string, key: string): string => (tracker ? join(parent, key) : '');
const atIndex = (tracker: Tracker | undefined, parent: string, i: number): string => (tracker ? `${parent}[${i}]` : '');

function record(tracker: Tracker | undefined, parent: string, key: string): void {
  tracker?.paths.push(join(parent, key));
}

/**
 * Removes unknown fields in place. `embedded` marks an embedded resource (or the root), whose
 * apiVersion/kind/metadata are left alone.
 */
function prune(x: unknown, s: JsonSchema | null | undefined, embedded: boolean, path: string, tracker?: Tracker): void {
  if (s && flag(s, 'x-kubernetes-preserve-unknown-fields')) {
    skipPrune(x, s, embedded, path, tracker);
    return;
  }
  if (Array.isArray(x)) {
    const items = s ? itemsOf(s) : undefined;
    x.forEach((v, i) => prune(v, items, flag(items, 'x-kubernetes-embedded-resource'), atIndex(tracker, path, i), tracker));
    return;
  }
  if (!isObject(x)) return;
  if (!s) {
    for (const k of Object.keys(x)) {
      record(tracker, path, k);
      delete x[k];
    }
    return;
  }
  const props = schemaProperties(s);
  const additional = additionalPropertiesOf(s);
  for (const k of Object.keys(x)) {
    if (embedded && META_FIELDS.has(k)) continue;
    const v = x[k];
    const prop = props && Object.prototype.hasOwnProperty.call(props, k) ? (props[k] as JsonSchema) : undefined;
    if (prop && isObject(prop)) prune(v, prop, flag(prop, 'x-kubernetes-embedded-resource'), at(tracker, path, k), tracker);
    else if (additional !== undefined) {
      prune(v, additional, flag(additional, 'x-kubernetes-embedded-resource'), at(tracker, path, k), tracker);
    } else {
      if (!META_FIELDS.has(k) || path !== '') record(tracker, path, k);
      delete x[k];
    }
  }
}

/** Under `x-kubernetes-preserve-unknown-fields`: unknown keys stay, known ones are pruned by their schema. */
function skipPrune(x: unknown, s: JsonSchema | null | undefined, embedded: boolean, path: string, tracker?: Tracker): void {
  if (!s) return;
  if (Array.isArray(x)) {
    const items = itemsOf(s);
    x.forEach((v, i) => skipPrune(v, items, flag(items, 'x-kubernetes-embedded-resource'), atIndex(tracker, path, i), tracker));
    return;
  }
  if (!isObject(x)) return;
  const props = schemaProperties(s);
  const additional = additionalPropertiesOf(s);
  for (const k of Object.keys(x)) {
    if (embedded && META_FIELDS.has(k)) continue;
    const v = x[k];
    const prop = props && Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined;
    if (isObject(prop)) prune(v, prop, flag(prop, 'x-kubernetes-embedded-resource'), at(tracker, path, k), tracker);
    else if (additional !== undefined) {
      prune(v, additional, flag(additional, 'x-kubernetes-embedded-resource'), at(tracker, path, k), tracker);
    }
  }
}

function fieldSchema(s: JsonSchema | null | undefined, key: string): JsonSchema | null | undefined {
  if (!s) return undefined;
  const props = schemaProperties(s);
  if (props && Object.prototype.hasOwnProperty.call(props, key) && isObject(props[key])) return props[key];
  return additionalPropertiesOf(s);
}

/** Drops `null` values whose schema is neither nullable nor defaulted (nullable ones are kept, defaulted ones get defaulted later). */
export function pruneNonNullableNullsWithoutDefaults(x: unknown, s: JsonSchema | null | undefined): void {
  if (Array.isArray(x)) {
    const items = s ? itemsOf(s) : undefined;
    for (const v of x) pruneNonNullableNullsWithoutDefaults(v, items);
    return;
  }
  if (!isObject(x)) return;
  for (const k of Object.keys(x)) {
    const v = x[k];
    const schema = fieldSchema(s, k);
    if (v === null && schema && !flag(schema, 'nullable') && defaultOf(schema) === undefined) delete x[k];
    else pruneNonNullableNullsWithoutDefaults(v, schema);
  }
}

/** ObjectMeta/TypeMeta coercion of embedded resources (fields of the wrong type dropped). */
function coerceEmbedded(x: unknown, s: JsonSchema | null | undefined, path: string, tracker?: Tracker): void {
  if (!s || !holdsEmbedded(s)) return;
  if (Array.isArray(x)) {
    const items = itemsOf(s);
    x.forEach((v, i) => coerceEmbedded(v, items, atIndex(tracker, path, i), tracker));
    return;
  }
  if (!isObject(x)) return;
  if (flag(s, 'x-kubernetes-embedded-resource')) {
    for (const k of ['apiVersion', 'kind']) if (k in x && typeof x[k] !== 'string') delete x[k];
    if ('metadata' in x) {
      const metaPath = join(path, 'metadata');
      const meta = coerceObjectMeta(x['metadata'], (k) => record(tracker, metaPath, k));
      if (meta !== undefined) x['metadata'] = meta;
    }
  }
  const props = schemaProperties(s);
  const additional = additionalPropertiesOf(s);
  for (const k of Object.keys(x)) {
    const prop = props && Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined;
    if (isObject(prop)) coerceEmbedded(x[k], prop, at(tracker, path, k), tracker);
    else if (additional !== undefined) coerceEmbedded(x[k], additional, at(tracker, path, k), tracker);
  }
}

const embeddedBelow = new WeakMap<JsonSchema, boolean>();

/** Whether the node or one below it (items, properties, additionalProperties) is an embedded resource; cached per node. */
function holdsEmbedded(s: JsonSchema): boolean {
  const known = embeddedBelow.get(s);
  if (known !== undefined) return known;
  embeddedBelow.set(s, false);
  const below = [itemsOf(s), additionalPropertiesOf(s), ...Object.values(schemaProperties(s) ?? {})];
  const holds = flag(s, 'x-kubernetes-embedded-resource') || below.some((sub) => isObject(sub) && holdsEmbedded(sub));
  embeddedBelow.set(s, holds);
  return holds;
}

export interface PruneOptions {
  /**
   * The CRD's `spec.preserveUnknownFields` (apiextensions v1beta1 only, where it defaults to true):
   * the real server then neither prunes nor drops nulls; only ObjectMeta is normalised.
   */
  readonly preserveUnknownFields?: boolean;
}

function pruneInPlace(schema: JsonSchema, x: unknown, options: PruneOptions, tracker?: Tracker): void {
  if (!options.preserveUnknownFields) {
    prune(x, schema, true, '', tracker);
    pruneNonNullableNullsWithoutDefaults(x, schema);
  }
  coerceEmbedded(x, schema, '', tracker);
  if (isObject(x) && 'metadata' in x) {
    const meta = coerceObjectMeta(x['metadata'], (k) => record(tracker, 'metadata', k));
    if (meta !== undefined) (x as JsonObject)['metadata'] = meta;
  }
}

/** `pruneObject` on `value` itself (no copy). */
export function pruneObjectInPlace(schema: JsonSchema, value: unknown, options: PruneOptions = {}): void {
  pruneInPlace(schema, value, options);
}

/**
 * A copy of `value` without the fields `schema` (a version's openAPIV3Schema) does not declare, as
 * the real server stores it:
 * - unknown fields are removed at every level, except under `x-kubernetes-preserve-unknown-fields`
 *   (where only fields with a schema of their own are pruned, by that schema) and in
 *   `additionalProperties` maps (keys kept, values pruned by the map's value schema);
 * - the root's and every `x-kubernetes-embedded-resource`'s apiVersion/kind/metadata are never
 *   pruned by the schema; `metadata` is instead normalised to ObjectMeta: unknown keys, values of
 *   the wrong type and empty values are dropped, timestamps are rewritten in UTC;
 * - `null` values are removed where the schema is not `nullable` and has no `default` (defaulted
 *   ones are left for `applyDefaults`, as the real server does).
 * With `preserveUnknownFields` (a v1beta1 CRD's setting) only the ObjectMeta normalisation is done.
 */
export function pruneObject(schema: JsonSchema, value: unknown, options: PruneOptions = {}): unknown {
  const copy = cloneJson(value);
  pruneInPlace(schema, copy, options);
  return copy;
}

/**
 * The paths of the fields `pruneObject` would drop because the schema (or ObjectMeta) does not know
 * them, sorted, formatted as the real server formats them in its `unknown field "..."` warnings
 * and strict field-validation errors (dots for keys, `[i]` for list items).
 */
export function findUnknownFields(schema: JsonSchema, value: unknown, options: PruneOptions = {}): string[] {
  const tracker: Tracker = { paths: [] };
  pruneInPlace(schema, cloneJson(value), options, tracker);
  return [...new Set(tracker.paths)].sort();
}
