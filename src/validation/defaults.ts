/** Structural defaulting, as apiextensions-apiserver's `defaulting.Default` does it. */
import {
  additionalPropertiesOf,
  cloneJson,
  defaultOf,
  flag,
  isObject,
  itemsOf,
  schemaProperties,
  type JsonSchema,
} from './shared.js';

function isNonNullableNull(x: unknown, s: JsonSchema | null | undefined): s is JsonSchema {
  return x === null && !!s && !flag(s, 'nullable');
}

/** The properties of a `properties` node that have a default, found once per schema node. */
const defaultedCache = new WeakMap<JsonSchema, ReadonlyArray<readonly [string, JsonSchema, unknown]>>();

function defaultedProperties(props: JsonSchema): ReadonlyArray<readonly [string, JsonSchema, unknown]> {
  let list = defaultedCache.get(props);
  if (!list) {
    list = Object.entries(props).flatMap(([k, prop]) => (isObject(prop) && defaultOf(prop) !== undefined ? [[k, prop, defaultOf(prop)] as const] : []));
    defaultedCache.set(props, list);
  }
  return list;
}

/** `applyDefaults` on `x` itself (no copy). */
export function applyDefaultsInPlace(x: unknown, s: JsonSchema | null | undefined): void {
  applyInPlace(x, s);
}

const defaultsBelow = new WeakMap<JsonSchema, boolean>();

/**
 * Whether a node below `s` (items, properties, additionalProperties) has a default, cached per
 * node; without one, defaulting changes nothing there (a null stays null), so it is not walked.
 */
function holdsDefaults(s: JsonSchema): boolean {
  const known = defaultsBelow.get(s);
  if (known !== undefined) return known;
  defaultsBelow.set(s, false);
  const below = [itemsOf(s), additionalPropertiesOf(s), ...Object.values(schemaProperties(s) ?? {})];
  const holds = below.some((sub) => isObject(sub) && (defaultOf(sub) !== undefined || holdsDefaults(sub)));
  defaultsBelow.set(s, holds);
  return holds;
}

function applyInPlace(x: unknown, s: JsonSchema | null | undefined): void {
  if (!s || !holdsDefaults(s)) return;
  if (Array.isArray(x)) {
    const items = itemsOf(s);
    for (let i = 0; i < x.length; i++) {
      if (isNonNullableNull(x[i], items)) x[i] = cloneJson(defaultOf(items) ?? null);
      applyInPlace(x[i], items);
    }
    return;
  }
  if (!isObject(x)) return;
  const props = schemaProperties(s) ?? {};
  for (const [k, prop, d] of defaultedProperties(props)) {
    if (!(k in x) || isNonNullableNull(x[k], prop)) x[k] = cloneJson(d);
  }
  const additional = additionalPropertiesOf(s);
  for (const k of Object.keys(x)) {
    const prop = Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined;
    if (isObject(prop)) applyInPlace(x[k], prop);
    else if (additional !== undefined) {
      if (isNonNullableNull(x[k], additional)) x[k] = cloneJson(defaultOf(additional) ?? null);
      applyInPlace(x[k], additional);
    }
  }
}

/**
 * A copy of `value` with the schema's `default`s filled in, as the real server does after pruning
 * (on create/update requests and when reading from storage):
 * - a property with a `default` that is missing, or `null` while the property is not `nullable`,
 *   gets a deep copy of the default; the result is then defaulted in turn, so defaults of nested
 *   properties apply inside a defaulted object;
 * - list items and `additionalProperties` values that are `null` and not `nullable` get the
 *   item/value schema's default (or stay `null` when it has none);
 * - recursion follows `properties`, `additionalProperties` and `items` only (defaults inside
 *   allOf/anyOf/oneOf/not are not allowed in structural schemas and are ignored);
 * - `nullable: true` keeps an explicit `null` as is.
 */
export function applyDefaults(schema: JsonSchema, value: unknown): unknown {
  const copy = cloneJson(value);
  applyInPlace(copy, schema);
  return copy;
}
