/**
 * JSON values as CEL sees them, typed by the schema as apiextensions-apiserver's
 * UnstructuredToVal does: `integer` -> int (bigint), `number` -> double, objects and maps -> maps,
 * int-or-string and untyped nodes by the JSON value (integral numbers are ints, as Go decodes
 * them into int64). A resource root (and embedded resources) shows `apiVersion`, `kind` and only
 * `metadata.name` / `metadata.generateName`, as the real server's WithTypeAndObjectMeta.
 */
import { EvaluationError } from './engine.js';
import type { JsonSchema } from './schema.js';

export function celError(message: string): Error {
  return new EvaluationError(message);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function propertyOf(schema: JsonSchema | undefined, key: string): JsonSchema | undefined {
  const props = schema?.properties;
  if (props && Object.prototype.hasOwnProperty.call(props, key)) return props[key];
  const extra = schema?.additionalProperties;
  return typeof extra === 'object' && extra !== null ? extra : undefined;
}

function number(value: number, schema: JsonSchema | undefined): number | bigint {
  if (schema?.type === 'number') return value;
  if (schema?.type === 'integer' || Number.isInteger(value)) return Number.isSafeInteger(value) ? BigInt(value) : BigInt(Math.trunc(value));
  return value;
}

const ROOT_META = ['name', 'generateName'];

/** The CEL value of `value` under `schema`; `resourceRoot` adds what the real server shows of TypeMeta/ObjectMeta. */
export function toCel(value: unknown, schema: JsonSchema | undefined, resourceRoot = false): unknown {
  if (typeof value === 'number') return number(value, schema);
  if (Array.isArray(value)) return value.map((x) => toCel(x, schema?.items));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (resourceRoot && k === 'metadata' && isPlainObject(v)) {
      out[k] = Object.fromEntries(ROOT_META.filter((m) => typeof v[m] === 'string').map((m) => [m, v[m]]));
    } else {
      const sub = propertyOf(schema, k);
      out[k] = toCel(v, sub, sub?.['x-kubernetes-embedded-resource'] === true);
    }
  }
  return out;
}

/** The evaluator's uint values are objects holding a bigint; numbers are compared as numbers. */
function numeric(x: unknown): unknown {
  if (typeof x === 'object' && x !== null && !Array.isArray(x) && typeof x.valueOf() === 'bigint') return x.valueOf();
  return x;
}

/** CEL equality (heterogeneous numbers compare by value: 1 == 1u == 1.0). */
export function valuesEqual(x: unknown, y: unknown): boolean {
  const a = numeric(x);
  const b = numeric(y);
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    return Number(a) === Number(b) && (typeof a !== typeof b || a === b);
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && valuesEqual(a[k], b[k]));
  }
  return a === b;
}

/** Ordering of comparable CEL values (numbers, strings, bools); other types are a runtime error. */
export function compareValues(x: unknown, y: unknown): number {
  const a = numeric(x);
  const b = numeric(y);
  const isNumber = (x: unknown) => typeof x === 'bigint' || typeof x === 'number';
  if (isNumber(a) && isNumber(b)) return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  throw celError('no such overload');
}
