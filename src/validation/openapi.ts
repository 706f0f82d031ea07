/**
 * OpenAPI v3 schema validation of a custom resource, following kube-openapi's `validate` package
 * (the validator apiextensions-apiserver runs) and apiextensions-apiserver's conversion of its
 * results into field errors: same checks, same order, same messages, same paths (`spec.a.b`,
 * `spec.list[2]`, and `spec.map.key` for additionalProperties values — kube-openapi joins map keys
 * with a dot), and the same choice of which branch's errors an anyOf/oneOf failure reports.
 */
import { checkFormat, effectiveFormat } from './formats.js';
import {
  IN,
  MATCHED,
  Result,
  enumValidator,
  int,
  invalidType,
  num,
  numberValidator,
  stringValidator,
  typeValidator,
  typesOf,
  v,
  type OpenApiError,
} from './openapi-leaf.js';
import {
  additionalPropertiesOf,
  fieldError,
  flag,
  goJson,
  goQuote,
  isObject,
  itemsOf,
  jsonEqual,
  schemaProperties,
  type Cause,
  type JsonSchema,
} from './shared.js';

function schemaList(s: JsonSchema, key: string): JsonSchema[] {
  const list = s[key];
  return Array.isArray(list) ? list.filter(isObject) : [];
}

function composite(message: string): OpenApiError {
  return { kind: 'composite', message };
}

function schemaPropsValidator(s: JsonSchema, data: unknown, path: string): Result {
  if (s['anyOf'] === undefined && s['oneOf'] === undefined && s['allOf'] === undefined && s['not'] === undefined) return MATCHED;
  const main = new Result();
  anyOfInto(main, s, data, path);
  oneOfInto(main, s, data, path);
  allOfInto(main, s, data, path);
  const not = s['not'];
  if (isObject(not) && validateNode(not, data, path).valid) {
    main.add(composite(`${goQuote(path)} must not validate the schema (not)`));
  }
  main.matchCount++;
  return main;
}

function anyOfInto(main: Result, s: JsonSchema, data: unknown, path: string): void {
  const anyOf = schemaList(s, 'anyOf');
  if (anyOf.length === 0) return;
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

function oneOfInto(main: Result, s: JsonSchema, data: unknown, path: string): void {
  const oneOf = schemaList(s, 'oneOf');
  if (oneOf.length === 0) return;
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

function allOfInto(main: Result, s: JsonSchema, data: unknown, path: string): void {
  const allOf = schemaList(s, 'allOf');
  if (allOf.length === 0) return;
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
  for (const name in props) {
    const sub = props[name];
    if (!isObject(sub) || !Object.prototype.hasOwnProperty.call(props, name) || !Object.prototype.hasOwnProperty.call(data, name)) continue;
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
  const format = effectiveFormat(s['format']);
  // Each validator run counts one match, besides its own (kube-openapi's matchCount): the
  // schema-props and enum validators always run, and the node counts one.
  let runs = 3;
  if (typesOf(s).length > 0 || format !== '') {
    res.merge(typeValidator(s, data, path));
    runs++;
  }
  res.merge(schemaPropsValidator(s, data, path));
  if (typeof data === 'string') {
    res.merge(stringValidator(s, data, path));
    runs++;
    if (format !== '') {
      if (!checkFormat(format, data)) res.add(invalidType(path, format, data));
      runs++;
    }
  }
  if (typeof data === 'number') {
    res.merge(numberValidator(s, data, path));
    runs++;
  }
  if (Array.isArray(data)) {
    res.merge(sliceValidator(s, data, path));
    runs++;
  }
  res.merge(enumValidator(s, data, path));
  if (isObject(data)) {
    res.merge(objectValidator(s, data, path));
    runs++;
  }
  res.matchCount += runs;
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
