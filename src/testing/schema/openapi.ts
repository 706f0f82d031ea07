/**
 * OpenAPI v3 schema validation of a custom resource, following kube-openapi's `validate` package
 * (the validator apiextensions-apiserver runs) and apiextensions-apiserver's conversion of its
 * results into field errors: same checks, same order, same messages, same paths (`spec.a.b`,
 * `spec.list[2]`, and `spec.map.key` for additionalProperties values — kube-openapi joins map keys
 * with a dot), and the same choice of which branch's errors an anyOf/oneOf failure reports.
 */
import { checkFormat, compilePattern, effectiveFormat } from './formats.js';
import {
  additionalPropertiesOf,
  fieldError,
  flag,
  goFloat,
  goJson,
  goNumber,
  goQuote,
  isGoInt,
  isObject,
  itemsOf,
  jsonEqual,
  schemaProperties,
  type Cause,
  type JsonSchema,
} from './shared.js';

const IN = 'body';

type Code =
  | 'invalidType' | 'required' | 'tooLong' | 'tooShort' | 'pattern' | 'enum' | 'multipleOf' | 'max' | 'min'
  | 'unique' | 'maxItems' | 'minItems' | 'tooFewProperties' | 'tooManyProperties' | 'unallowedProperty'
  | 'multipleOfMustBePositive';

/** A kube-openapi error: a `*errors.Validation` (with a code) or a plain composite error. */
type OpenApiError =
  | { readonly kind: 'validation'; readonly code: Code; readonly name: string; readonly value: unknown; readonly values?: readonly unknown[]; readonly valid?: number; readonly message: string }
  | { readonly kind: 'composite'; readonly message: string };

/** A kube-openapi `Result`: errors (kept unique by message) and the match count used to rank anyOf/oneOf branches. */
class Result {
  readonly errors: OpenApiError[] = [];
  matchCount = 0;

  add(err: OpenApiError): void {
    if (!this.errors.some((e) => e.message === err.message)) this.errors.push(err);
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
    r.errors.push(err);
    return r;
  }
}

function v(code: Code, name: string, value: unknown, message: string, extra: { values?: readonly unknown[]; valid?: number } = {}): OpenApiError {
  return { kind: 'validation', code, name, value, message, ...extra };
}

const int = (n: number): string => goNumber(n, true);

// -- the JSON type of data, as kube-openapi infers it from the Go value

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

function kindOf(data: unknown): Kind {
  if (data === null || data === undefined) return 'null';
  if (typeof data === 'string') return 'string';
  if (typeof data === 'boolean') return 'boolean';
  if (typeof data === 'number') return isGoInt(data) ? 'integer' : 'number';
  if (Array.isArray(data)) return 'array';
  return 'object';
}

function typesOf(s: JsonSchema): string[] {
  if (flag(s, 'x-kubernetes-int-or-string')) return ['integer', 'string'];
  const t = s['type'];
  if (typeof t === 'string' && t !== '') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function invalidType(name: string, typeName: string, value: string): OpenApiError {
  return v('invalidType', name, value, `${name} in ${IN} must be of type ${typeName}: ${goQuote(value)}`);
}

// -- the individual validators, in the order kube-openapi runs them

function typeValidator(s: JsonSchema, data: unknown, path: string): Result {
  const types = typesOf(s);
  if (data === null || data === undefined) {
    if (types.length > 0 && !types.includes('null') && !flag(s, 'nullable')) {
      return Result.of(invalidType(path, types.join(','), 'null'));
    }
    const ok = new Result();
    ok.matchCount = 1;
    return ok;
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
    const ok = new Result();
    ok.matchCount = 1;
    return ok;
  }
  if (!(types.includes(kind) || isFloatInt || isIntFloat)) return Result.of(invalidType(path, types.join(','), kind));
  const ok = new Result();
  ok.matchCount = 1;
  return ok;
}

function schemaList(s: JsonSchema, key: string): JsonSchema[] {
  const list = s[key];
  return Array.isArray(list) ? list.filter(isObject) : [];
}

function composite(message: string): OpenApiError {
  return { kind: 'composite', message };
}

function schemaPropsValidator(s: JsonSchema, data: unknown, path: string): Result {
  const main = new Result();
  const anyOf = schemaList(s, 'anyOf');
  if (anyOf.length > 0) {
    let best: Result | undefined;
    let firstSuccess: Result | undefined;
    let succeeded = false;
    for (const sub of anyOf) {
      const r = validateNode(sub, data, path);
      if (r.valid) {
        best = undefined;
        succeeded = true;
        firstSuccess ??= r;
        break;
      }
      if (!best || r.matchCount > best.matchCount) best = r;
    }
    if (!succeeded) main.add(composite(`${goQuote(path)} must validate at least one schema (anyOf)`));
    if (best) main.merge(best);
    else if (firstSuccess) main.merge(firstSuccess);
  }
  const oneOf = schemaList(s, 'oneOf');
  if (oneOf.length > 0) {
    let best: Result | undefined;
    let firstSuccess: Result | undefined;
    let validated = 0;
    for (const sub of oneOf) {
      const r = validateNode(sub, data, path);
      if (r.valid) {
        validated++;
        best = undefined;
        firstSuccess ??= r;
        continue;
      }
      if (validated === 0 && (!best || r.matchCount > best.matchCount)) best = r;
    }
    if (validated !== 1) {
      const detail = validated === 0 ? 'Found none valid' : `Found ${validated} valid alternatives`;
      main.add(composite(`${goQuote(path)} must validate one and only one schema (oneOf). ${detail}`));
      if (best) main.merge(best);
    } else if (firstSuccess) main.merge(firstSuccess);
  }
  const allOf = schemaList(s, 'allOf');
  if (allOf.length > 0) {
    let validated = 0;
    for (const sub of allOf) {
      const r = validateNode(sub, data, path);
      if (r.valid) validated++;
      main.merge(r);
    }
    if (validated !== allOf.length) {
      main.add(composite(`${goQuote(path)} must validate all the schemas (allOf)${validated === 0 ? '. None validated' : ''}`));
    }
  }
  const not = s['not'];
  if (isObject(not) && validateNode(not, data, path).valid) {
    main.add(composite(`${goQuote(path)} must not validate the schema (not)`));
  }
  main.matchCount++;
  return main;
}

function num(s: JsonSchema, key: string): number | undefined {
  const n = s[key];
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function stringValidator(s: JsonSchema, data: string, path: string): Result | undefined {
  const length = [...data].length;
  const maxLength = num(s, 'maxLength');
  if (maxLength !== undefined && length > maxLength) {
    return Result.of(v('tooLong', path, data, `${path} in ${IN} should be at most ${int(maxLength)} chars long`, { valid: maxLength }));
  }
  const minLength = num(s, 'minLength');
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
function isJsonInteger(f: number): boolean {
  if (!Number.isFinite(f)) return false;
  if (Number.isInteger(f)) return true;
  const g = Math.trunc(f);
  const diff = Math.abs(f - g);
  if (f === 0 || g === 0) return diff < 1e-9 * Number.MIN_VALUE;
  return diff / Math.min(Math.abs(f) + Math.abs(g), Number.MAX_VALUE) < 1e-9;
}

function numberValidator(s: JsonSchema, data: number, path: string): Result {
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

function sliceValidator(s: JsonSchema, data: readonly unknown[], path: string): Result {
  const res = new Result();
  const items = itemsOf(s);
  if (items) data.forEach((item, i) => res.merge(validateNode(items, item, `${path}[${i}]`)));
  const size = data.length;
  const minItems = num(s, 'minItems');
  if (minItems !== undefined && size < minItems) {
    res.add(v('minItems', path, size, `${path} in ${IN} should have at least ${int(minItems)} items`));
  }
  const maxItems = num(s, 'maxItems');
  if (maxItems !== undefined && size > maxItems) {
    res.add(v('maxItems', path, size, `${path} in ${IN} should have at most ${int(maxItems)} items`, { valid: maxItems }));
  }
  if (flag(s, 'uniqueItems') && data.some((x, i) => data.slice(0, i).some((y) => jsonEqual(x, y)))) {
    res.add(v('unique', path, undefined, `${path} in ${IN} shouldn't contain duplicates`));
  }
  res.matchCount++;
  return res;
}

function enumValidator(s: JsonSchema, data: unknown, path: string): Result | undefined {
  const values = s['enum'];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  // a null enum member never matches, and null data matches nothing (as in kube-openapi)
  if (data !== null && data !== undefined && values.some((e) => e !== null && jsonEqual(data, e))) return undefined;
  const shown = values.map((e) => (typeof e === 'string' ? e : goJson(e)));
  return Result.of(v('enum', path, data ?? null, `${path} in ${IN} should be one of [${shown.join(' ')}]`, { values }));
}

function objectValidator(s: JsonSchema, data: Readonly<Record<string, unknown>>, path: string): Result {
  const keys = Object.keys(data);
  const minProperties = num(s, 'minProperties');
  if (minProperties !== undefined && keys.length < minProperties) {
    return Result.of(v('tooFewProperties', path, keys.length, `${path} in ${IN} should have at least ${int(minProperties)} properties`));
  }
  const maxProperties = num(s, 'maxProperties');
  if (maxProperties !== undefined && keys.length > maxProperties) {
    return Result.of(v('tooManyProperties', path, keys.length, `${path} in ${IN} should have at most ${int(maxProperties)} properties`, { valid: maxProperties }));
  }
  const res = new Result();
  const props = schemaProperties(s) ?? {};
  const isProp = (k: string): boolean => Object.prototype.hasOwnProperty.call(props, k) && isObject(props[k]);
  if (s['additionalProperties'] === false) {
    for (const k of keys) {
      if (!isProp(k)) res.add(v('unallowedProperty', path, k, `${path}.${k} in ${IN} is a forbidden property`));
    }
  } else {
    const additional = additionalPropertiesOf(s);
    if (additional) for (const k of keys) if (!isProp(k)) res.merge(validateNode(additional, data[k], `${path}.${k}`));
  }
  for (const [name, sub] of Object.entries(props)) {
    if (!isObject(sub) || !Object.prototype.hasOwnProperty.call(data, name)) continue;
    res.merge(validateNode(sub, data[name], path === '' ? name : `${path}.${name}`));
  }
  const required = s['required'];
  if (Array.isArray(required)) {
    for (const k of required) {
      if (typeof k === 'string' && !Object.prototype.hasOwnProperty.call(data, k)) {
        res.add(v('required', `${path}.${k}`, undefined, `${path}.${k} in ${IN} is required`));
      }
    }
  }
  return res;
}

/** kube-openapi's `SchemaValidator.Validate` for one schema node. */
function validateNode(s: JsonSchema, data: unknown, path: string): Result {
  const res = new Result();
  if (data === null || data === undefined) {
    res.merge(typeValidator(s, null, path));
    res.merge(enumValidator(s, null, path));
    return res;
  }
  const kind = kindOf(data);
  const format = effectiveFormat(s['format']);
  const run = (r: Result | undefined): void => {
    res.merge(r);
    res.matchCount++;
  };
  if (typesOf(s).length > 0 || format !== '') run(typeValidator(s, data, path));
  run(schemaPropsValidator(s, data, path));
  if (typeof data === 'string') {
    run(stringValidator(s, data, path));
    if (format !== '') {
      run(checkFormat(format, data) ? undefined : Result.of(invalidType(path, format, data)));
    }
  }
  if (typeof data === 'number') run(numberValidator(s, data, path));
  if (Array.isArray(data)) run(sliceValidator(s, data, path));
  run(enumValidator(s, data, path));
  if (kind === 'object' && isObject(data)) run(objectValidator(s, data, path));
  res.matchCount++;
  return res;
}

/** kube-openapi's result turned into causes the way apiextensions-apiserver converts it. */
function toCause(err: OpenApiError): Cause {
  if (err.kind === 'composite') return fieldError.invalid(null, '', err.message);
  const name = err.name.replace(/^\./, '');
  const path = name !== '' && err.name !== '.' ? name : null;
  switch (err.code) {
    case 'required':
      return fieldError.required(path);
    case 'enum':
      return fieldError.notSupported(path, err.value, (err.values ?? []).map((x) => (typeof x === 'string' ? x : goJson(x))));
    case 'tooLong':
      return fieldError.tooLong(path, err.valid ?? -1);
    case 'maxItems':
    case 'tooManyProperties':
      return fieldError.tooMany(path, typeof err.value === 'number' ? err.value : -1, err.valid ?? -1);
    case 'invalidType':
      return fieldError.typeInvalid(path, err.value ?? '', err.message);
    default:
      return fieldError.invalid(path, err.value ?? '', err.message);
  }
}

/** OpenAPI schema violations of `value`, as causes, in the order the real server reports them. */
export function openApiCauses(schema: JsonSchema, value: unknown): Cause[] {
  return validateNode(schema, value, '').errors.map(toCause);
}
