/**
 * kube-openapi's result type and its leaf validators (type, string, number, enum), shared by the
 * schema walk in `openapi.ts`. Messages are kube-openapi's (errors/schema.go), numbers printed as Go
 * prints them.
 */
import { compilePattern, effectiveFormat } from './formats.js';
import { flag, goFloat, goJson, goNumber, goQuote, isGoInt, jsonEqual, type JsonSchema } from './shared.js';


export const IN = 'body';

export type Code =
  | 'invalidType' | 'required' | 'tooLong' | 'tooShort' | 'pattern' | 'enum' | 'multipleOf' | 'max' | 'min'
  | 'unique' | 'maxItems' | 'minItems' | 'tooFewProperties' | 'tooManyProperties' | 'unallowedProperty'
  | 'multipleOfMustBePositive';

/** A kube-openapi error: a `*errors.Validation` (with a code) or a plain composite error. */
export type OpenApiError =
  | { readonly kind: 'validation'; readonly code: Code; readonly name: string; readonly value: unknown; readonly values?: readonly unknown[]; readonly valid?: number; readonly message: string }
  | { readonly kind: 'composite'; readonly message: string };

/** A kube-openapi `Result`: errors (kept unique by message) and the match count used to rank anyOf/oneOf branches. */
const NO_ERRORS: readonly OpenApiError[] = Object.freeze([]);

/** Errors a result holds before it indexes their messages: a scan of a few is cheaper than a set. */
const SCANNED = 8;

export class Result {
  // Shared until the first error: most nodes of a valid object have none.
  #errors: OpenApiError[] | undefined = undefined;
  // The messages of #errors once there are more than SCANNED: every parent merges its children's
  // errors again, so an object with thousands of errors would compare each with all before it.
  #messages: Set<string> | undefined = undefined;
  matchCount = 0;

  get errors(): readonly OpenApiError[] {
    return this.#errors ?? NO_ERRORS;
  }

  add(err: OpenApiError): void {
    const errors = this.#errors;
    if (errors === undefined) {
      this.#errors = [err];
      return;
    }
    let messages = this.#messages;
    if (messages === undefined) {
      if (errors.length < SCANNED) {
        if (!errors.some((e) => e.message === err.message)) errors.push(err);
        return;
      }
      messages = this.#messages = new Set(errors.map((e) => e.message));
    }
    if (messages.has(err.message)) return;
    messages.add(err.message);
    errors.push(err);
  }

  merge(other: Result | undefined): this {
    if (!other) return this;
    for (const e of other.errors) this.add(e);
    this.matchCount += other.matchCount;
    return this;
  }

  get valid(): boolean {
    return this.errors.length === 0;
  }

  static of(err: OpenApiError): Result {
    const r = new Result();
    r.add(err);
    return r;
  }
}

/** The result of a check that passed with one match; shared (frozen: merged from, never into). */
export const MATCHED: Result = (() => {
  const r = new Result();
  r.matchCount = 1;
  return Object.freeze(r) as Result;
})();

export function v(code: Code, name: string, value: unknown, message: string, extra: { values?: readonly unknown[]; valid?: number } = {}): OpenApiError {
  return { kind: 'validation', code, name, value, message, ...extra };
}

export const int = (n: number): string => goNumber(n, true);

// -- the JSON type of data, as kube-openapi infers it from the Go value

export type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

export function kindOf(data: unknown): Kind {
  if (data === null || data === undefined) return 'null';
  if (typeof data === 'string') return 'string';
  if (typeof data === 'boolean') return 'boolean';
  if (typeof data === 'number') return isGoInt(data) ? 'integer' : 'number';
  if (Array.isArray(data)) return 'array';
  return 'object';
}

const typesCache = new WeakMap<JsonSchema, readonly string[]>();

/** The node's types (cached per schema node: the validators ask on every value). */
export function typesOf(s: JsonSchema): readonly string[] {
  let types = typesCache.get(s);
  if (types === undefined) {
    const t = s['type'];
    types = flag(s, 'x-kubernetes-int-or-string') ? ['integer', 'string']
      : typeof t === 'string' && t !== '' ? [t]
      : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
    typesCache.set(s, types);
  }
  return types;
}

export function invalidType(name: string, typeName: string, value: string): OpenApiError {
  return v('invalidType', name, value, `${name} in ${IN} must be of type ${typeName}: ${goQuote(value)}`);
}

// -- the individual validators, in the order kube-openapi runs them

export function typeValidator(s: JsonSchema, data: unknown, path: string): Result {
  const types = typesOf(s);
  if (data === null || data === undefined) {
    if (types.length > 0 && !types.includes('null') && !flag(s, 'nullable')) {
      return Result.of(invalidType(path, types.join(','), 'null'));
    }
    return MATCHED;
  }
  const format = effectiveFormat(s['format']);
  const kind = kindOf(data);
  const dataFormat = kind === 'integer' ? 'int64' : kind === 'number' ? 'float64' : '';
  const isFloatInt = kind === 'number' && Number.isInteger(data) && types.includes('integer');
  const isIntFloat = kind === 'integer' && types.includes('number');
  if (kind !== 'string' && kind !== 'array' && format !== '' &&
      !(types.includes(kind) || dataFormat === format || isFloatInt || isIntFloat)) {
    return Result.of(invalidType(path, format, dataFormat));
  }
  if (!(types.includes('number') || types.includes('integer')) && format !== '' && (kind === 'string' || kind === 'array')) {
    return MATCHED;
  }
  if (!(types.includes(kind) || isFloatInt || isIntFloat)) return Result.of(invalidType(path, types.join(','), kind));
  return MATCHED;
}

export function num(s: JsonSchema, key: string): number | undefined {
  const n = s[key];
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** The code points of `value` (Go's utf8.RuneCountInString). */
function runeCount(value: string): number {
  let n = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

export function stringValidator(s: JsonSchema, data: string, path: string): Result | undefined {
  const maxLength = num(s, 'maxLength');
  const minLength = num(s, 'minLength');
  const length = maxLength === undefined && minLength === undefined ? 0 : runeCount(data);
  if (maxLength !== undefined && length > maxLength) {
    return Result.of(v('tooLong', path, data, `${path} in ${IN} should be at most ${int(maxLength)} chars long`, { valid: maxLength }));
  }
  if (minLength !== undefined && length < minLength) {
    return Result.of(v('tooShort', path, data, `${path} in ${IN} should be at least ${int(minLength)} chars long`));
  }
  const pattern = s['pattern'];
  if (typeof pattern === 'string' && pattern !== '') {
    const re = compilePattern(pattern);
    if (re instanceof Error) {
      return Result.of(v('pattern', path, data, `${path} in ${IN} should match '${pattern}, but pattern is invalid: ${re.message}'`));
    }
    if (!re.test(data)) return Result.of(v('pattern', path, data, `${path} in ${IN} should match '${pattern}'`));
  }
  return undefined;
}

/** Go's swag.IsFloat64AJSONInteger. */
export function isJsonInteger(f: number): boolean {
  if (!Number.isFinite(f)) return false;
  if (Number.isInteger(f)) return true;
  const g = Math.trunc(f);
  const diff = Math.abs(f - g);
  if (f === 0 || g === 0) return diff < 1e-9 * Number.MIN_VALUE;
  return diff / Math.min(Math.abs(f) + Math.abs(g), Number.MAX_VALUE) < 1e-9;
}

export function numberValidator(s: JsonSchema, data: number, path: string): Result {
  if (s['multipleOf'] === undefined && s['minimum'] === undefined && s['maximum'] === undefined) return MATCHED;
  const res = new Result();
  const asInt = isGoInt(data);
  const multipleOf = num(s, 'multipleOf');
  if (multipleOf !== undefined) {
    if (multipleOf < 0) {
      res.add(v('multipleOfMustBePositive', path, multipleOf, `factor MultipleOf declared for ${path} must be positive: ${asInt ? int(multipleOf) : goFloat(multipleOf)}`));
    } else if (asInt && Math.trunc(multipleOf) !== 0) {
      const factor = Math.trunc(multipleOf);
      if (data % factor !== 0) res.add(v('multipleOf', path, data, `${path} in ${IN} should be a multiple of ${int(factor)}`));
    } else {
      const mult = multipleOf < 1 ? (1 / multipleOf) * data : data / multipleOf;
      if (!isJsonInteger(mult)) res.add(v('multipleOf', path, data, `${path} in ${IN} should be a multiple of ${goFloat(multipleOf)}`));
    }
  }
  const minimum = num(s, 'minimum');
  if (minimum !== undefined) {
    const excl = flag(s, 'exclusiveMinimum');
    const bound = asInt ? Math.trunc(minimum) : minimum;
    if (excl ? data <= bound : data < bound) {
      const shown = asInt ? int(bound) : goFloat(bound);
      res.add(v('min', path, data, `${path} in ${IN} should be greater than ${excl ? '' : 'or equal to '}${shown}`));
    }
  }
  const maximum = num(s, 'maximum');
  if (maximum !== undefined) {
    const excl = flag(s, 'exclusiveMaximum');
    const bound = asInt ? Math.trunc(maximum) : maximum;
    if (excl ? data >= bound : data > bound) {
      const shown = asInt ? int(bound) : goFloat(bound);
      res.add(v('max', path, data, `${path} in ${IN} should be less than ${excl ? '' : 'or equal to '}${shown}`));
    }
  }
  res.matchCount++;
  return res;
}

export function enumValidator(s: JsonSchema, data: unknown, path: string): Result | undefined {
  const values = s['enum'];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  // a null enum member never matches, and null data matches nothing (as in kube-openapi)
  if (data !== null && data !== undefined && values.some((e) => e !== null && jsonEqual(data, e))) return undefined;
  const shown = values.map((e) => (typeof e === 'string' ? e : goJson(e)));
  return Result.of(v('enum', path, data ?? null, `${path} in ${IN} should be one of [${shown.join(' ')}]`, { values }));
}

