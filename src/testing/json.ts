/** Plain JSON helpers shared by the test API server. Nothing here mutates its arguments. */

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value. */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    return keysA.length === keysB.length && keysA.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** The object at `value.key`, or an empty object. */
export function objectAt(value: unknown, key: string): JsonObject {
  if (!isObject(value)) return {};
  const found = value[key];
  return isObject(found) ? found : {};
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const found = value[key];
  return typeof found === 'string' ? found : undefined;
}

/** The object without the given top-level keys. */
export function without(value: JsonObject, ...keys: string[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/** Splits a simple dotted path (`.spec.replicas`) into its keys. */
export function dottedPath(path: string): string[] {
  return path.split('.').filter((part) => part !== '');
}

export function getPath(value: unknown, keys: readonly string[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A copy of `value` with the value at `keys` replaced (objects created on the way). */
export function setPath(value: JsonObject, keys: readonly string[], next: unknown): JsonObject {
  const [head, ...rest] = keys;
  if (head === undefined) return value;
  const out = { ...value };
  out[head] = rest.length === 0 ? next : setPath(objectAt(value, head), rest, next);
  return out;
}
