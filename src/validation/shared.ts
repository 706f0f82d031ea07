/**
 * Types and helpers shared by the schema modules: the public `Cause` shape, schema accessors,
 * JSON cloning, and Go-compatible rendering of values (the real server's messages are produced by
 * Go's fmt and encoding/json, so values are printed the way those packages print them).
 */

/**
 * A JSON Schema node (OpenAPI v3 structural schema with Kubernetes extensions). Declared here, not
 * imported, because src/validation imports nothing outside itself (so it can be copied into
 * generated output); it is the same shape as src/kube/model.ts's JsonSchema.
 */
export type JsonSchema = { readonly [key: string]: unknown };

/** One entry of a Status's `details.causes`, as the real kube-apiserver builds it from a field error. */
export interface Cause {
  /** `FieldValueRequired`, `FieldValueInvalid`, `FieldValueTypeInvalid`, `FieldValueNotSupported`, ... */
  readonly reason: string;
  /** The error body, e.g. `Invalid value: "x": spec.replicas in body must be of type integer: "string"`. */
  readonly message: string;
  /** Field path such as `spec.replicas` or `spec.items[2].name`; `<nil>` for errors the server reports without a path. */
  readonly field: string;
}

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema node, or undefined when `value` is not one. */
export function asSchema(value: unknown): JsonSchema | undefined {
  return isObject(value) ? value : undefined;
}

export function schemaProperties(schema: JsonSchema): JsonSchema | undefined {
  return asSchema(schema['properties']);
}

/**
 * The `additionalProperties` of a structural schema node: `undefined` when absent, `null` when
 * present without a schema (`true`/`false`), the schema otherwise. The real server keeps map keys
 * whenever the keyword is present, whatever its form.
 */
export function additionalPropertiesOf(schema: JsonSchema): JsonSchema | null | undefined {
  const ap = schema['additionalProperties'];
  if (ap === undefined) return undefined;
  return asSchema(ap) ?? null;
}

/** `items` when it is a single schema (structural schemas never use the tuple form). */
export function itemsOf(schema: JsonSchema): JsonSchema | undefined {
  return asSchema(schema['items']);
}

export function flag(schema: JsonSchema | null | undefined, key: string): boolean {
  return schema?.[key] === true;
}

/** The default of a node; a literal `default: null` counts as no default, as in the real server. */
export function defaultOf(schema: JsonSchema | null | undefined): unknown {
  const d = schema?.['default'];
  return d === null ? undefined : d;
}

/** Deep copy of a JSON value (plain objects and arrays are copied; everything else is shared). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => cloneJson(v)) as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const k of Object.keys(value)) out[k] = cloneJson(value[k]);
    return out as T;
  }
  return value;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Whether Go's JSON decoding (as used for unstructured objects) would give an int64 for this number. */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) <= 9_223_372_036_854_775_807;
}

// ---------------------------------------------------------------------------------------------
// Go-compatible rendering

/** Go's `strconv.Quote` (what `%q` prints). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    switch (c) {
      case 0x22: out += '\\"'; continue;
      case 0x5c: out += '\\\\'; continue;
      case 0x07: out += '\\a'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x0b: out += '\\v'; continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd'; // lone surrogate: Go sees invalid UTF-8
    else if ((c >= 0x80 && c <= 0x9f) || c === 0xad || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** Go's `encoding/json.Marshal` of a JSON value (map keys sorted, HTML characters escaped). */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((v: unknown) => goJson(v)).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${goJson(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  return 'null';
}

/** Go's `%v` of a float64 (strconv 'g' with the shortest precision: exponent form from 1e+06 up). */
export function goFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential());
  if (!m) return String(x);
  const [, sign = '', first = '', rest = '', expText = '0'] = m;
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${first}${rest ? `.${rest}` : ''}e${exp < 0 ? '-' : '+'}${e}`;
  }
  const digits = first + rest;
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** A number as Go prints it with `%v`, given whether Go holds it as an int64 or a float64. */
export function goNumber(n: number, asInt = isGoInt(n)): string {
  return asInt ? BigInt(Math.trunc(n)).toString() : goFloat(n);
}

/** How `field.Error.ErrorBody` prints a bad value. */
export function goBadValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return goJson(value);
}

// ---------------------------------------------------------------------------------------------
// field.Error constructors (k8s.io/apimachinery/pkg/util/validation/field), rendered as causes

/** Rendering of a `*field.Path`: nil paths print as `<nil>`. */
export type FieldPath = string | null;

function fieldOf(path: FieldPath): string {
  return path ?? '<nil>';
}

function withDetail(body: string, detail: string): string {
  return detail ? `${body}: ${detail}` : body;
}

export const fieldError = {
  required(path: FieldPath, detail = ''): Cause {
    return { reason: 'FieldValueRequired', message: withDetail('Required value', detail), field: fieldOf(path) };
  },
  invalid(path: FieldPath, value: unknown, detail: string): Cause {
    return { reason: 'FieldValueInvalid', message: withDetail(`Invalid value: ${goBadValue(value)}`, detail), field: fieldOf(path) };
  },
  typeInvalid(path: FieldPath, value: unknown, detail: string): Cause {
    return {
      reason: 'FieldValueTypeInvalid',
      message: withDetail(`Invalid value: ${goBadValue(value)}`, detail),
      field: fieldOf(path),
    };
  },
  notSupported(path: FieldPath, value: unknown, supported: readonly string[]): Cause {
    const detail = supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '';
    return { reason: 'FieldValueNotSupported', message: withDetail(`Unsupported value: ${goBadValue(value)}`, detail), field: fieldOf(path) };
  },
  forbidden(path: FieldPath, detail: string): Cause {
    return { reason: 'FieldValueForbidden', message: withDetail('Forbidden', detail), field: fieldOf(path) };
  },
  duplicate(path: FieldPath, value: unknown): Cause {
    return { reason: 'FieldValueDuplicate', message: `Duplicate value: ${goBadValue(value)}`, field: fieldOf(path) };
  },
  tooLong(path: FieldPath, max: number): Cause {
    const detail = max >= 0 ? `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'value is too long';
    return { reason: 'FieldValueTooLong', message: `Too long: ${detail}`, field: fieldOf(path) };
  },
  tooMany(path: FieldPath, actual: number, max: number): Cause {
    const detail = max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items';
    const body = actual >= 0 ? `Too many: ${actual}` : 'Too many';
    return { reason: 'FieldValueTooMany', message: `${body}: ${detail}`, field: fieldOf(path) };
  },
};

/** `field.Path` helpers (`Child`, `Key`, `Index`), which print keys in brackets. */
export const fieldPath = {
  child(parent: FieldPath, name: string): string {
    return parent === null || parent === '' ? name : `${parent}.${name}`;
  },
  key(parent: FieldPath, key: string): string {
    return `${parent ?? ''}[${key}]`;
  },
  index(parent: FieldPath, i: number): string {
    return `${parent ?? ''}[${i}]`;
  },
};
