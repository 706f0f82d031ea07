/**
 * Validation of a custom resource as the real server's create/update strategy does it: TypeMeta,
 * ObjectMeta (name/namespace), the OpenAPI schema, embedded resources, list-type set/map
 * invariants; `x-kubernetes-validations` (CEL) rules when their compiled tree is given (`cel`),
 * else they are only collected.
 */
import { isDns1035Label, isDns1123Label, pathSegmentNameErrors } from './names.js';
import { validateResourceMeta, type ObjectMetaOptions } from './objectmeta.js';
import { celCauses, type RuleNode } from './cel/index.js';
import { openApiCauses } from './openapi.js';
import {
  additionalPropertiesOf,
  fieldError,
  fieldPath,
  flag,
  goJson,
  goQuote,
  isObject,
  itemsOf,
  schemaProperties,
  type Cause,
  type FieldPath,
  type JsonObject,
  type JsonSchema,
} from './shared.js';

export interface ValidateOptions {
  /**
   * The apiVersion (`group/version`) and kind the object must have; when given, a mismatch is
   * reported like the real server does (`apiVersion: Invalid value: "x": must be g/v`) and, as
   * there, the metadata and schema checks are then skipped.
   */
  readonly typeMeta?: { readonly apiVersion: string; readonly kind: string };
  /**
   * When given, `metadata` is checked like the real server checks a custom resource's: name (or
   * generateName) required and a DNS-1123 subdomain, generateName a valid prefix, and, when
   * `namespaced` is set, namespace required (true) or forbidden (false); then labels,
   * annotations, owner references and finalizers (metadata-rules.ts).
   */
  readonly objectMeta?: ObjectMetaOptions;
  /**
   * The schema's compiled `x-kubernetes-validations` (cel/compileRules) and, on update, the old
   * object (oldSelf). The rules run unless a schema error blocks them, as in the real server.
   */
  readonly cel?: { readonly rules: RuleNode | undefined; readonly old?: unknown };
}

/** An `x-kubernetes-validations` rule that applied to the object but was not evaluated (no CEL here). */
export interface SkippedRule {
  /** Path of the value the rule is attached to (`spec`, `spec.items[0]`, `spec.map[key]`; '' for the root). */
  readonly field: string;
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly reason?: string;
  readonly fieldPath?: string;
}

export interface ValidationResult {
  readonly causes: Cause[];
  /** CEL rules that would have run on this object; the caller decides how to report them. */
  readonly skippedRules: SkippedRule[];
}

// ---------------------------------------------------------------------------------------------

function typeMetaCauses(value: unknown, expected: { apiVersion: string; kind: string }): Cause[] {
  const obj = isObject(value) ? value : {};
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '';
  const apiVersion = typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '';
  const causes: Cause[] = [];
  if (kind !== expected.kind) causes.push(fieldError.invalid('kind', kind, `must be ${expected.kind}`));
  if (apiVersion !== expected.apiVersion) {
    causes.push(fieldError.invalid('apiVersion', apiVersion, `must be ${expected.apiVersion}`));
  }
  return causes;
}

/** Walks `value` along `schema` (properties, additionalProperties, items) calling `visit` on every node. */
function walk(
  value: unknown,
  schema: JsonSchema | null | undefined,
  path: FieldPath,
  enter: (schema: JsonSchema) => boolean,
  visit: (value: unknown, schema: JsonSchema, path: FieldPath) => void,
): void {
  if (!schema || !enter(schema)) return;
  visit(value, schema, path);
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    value.forEach((item, i) => walk(item, items, fieldPath.index(path, i), enter, visit));
  } else if (isObject(value)) {
    const props = schemaProperties(schema);
    const additional = additionalPropertiesOf(schema);
    for (const k of Object.keys(value)) {
      const prop = props && Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined;
      if (isObject(prop)) walk(value[k], prop, fieldPath.child(path, k), enter, visit);
      else if (additional) walk(value[k], additional, fieldPath.key(path, k), enter, visit);
    }
  }
}

const everyNode = (): boolean => true;

const walkNeeded = new WeakMap<JsonSchema, boolean>();

/** Whether the node or one below it is a set, a map list or an embedded resource (cached per node). */
function needsWalk(schema: JsonSchema): boolean {
  const known = walkNeeded.get(schema);
  if (known !== undefined) return known;
  walkNeeded.set(schema, false); // a cycle adds nothing
  const listType = schema['x-kubernetes-list-type'];
  const below = [itemsOf(schema), additionalPropertiesOf(schema), ...Object.values(schemaProperties(schema) ?? {})];
  const needed = listType === 'set' || listType === 'map' || flag(schema, 'x-kubernetes-embedded-resource') ||
    below.some((sub) => isObject(sub) && needsWalk(sub));
  walkNeeded.set(schema, needed);
  return needed;
}

function parseGroupVersionError(gv: string): string | undefined {
  if (gv === '' || gv === '/') return undefined;
  const parts = gv.split('/');
  return parts.length <= 2 ? undefined : `unexpected GroupVersion string: ${gv}`;
}

/** `objectmeta.Validate`: embedded resources need a (valid) apiVersion and kind. */
function embeddedResourceCauses(obj: JsonObject, path: FieldPath): Cause[] {
  const causes: Cause[] = [];
  const at = (k: string): string => fieldPath.child(path, k);
  if (!('apiVersion' in obj)) causes.push(fieldError.required(at('apiVersion')));
  if (!('kind' in obj)) causes.push(fieldError.required(at('kind')));
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion') {
      if (typeof v !== 'string') causes.push(fieldError.invalid(at(k), v, 'must be a string'));
      else if (v === '') causes.push(fieldError.required(at(k)));
      else {
        const err = parseGroupVersionError(v);
        if (err) causes.push(fieldError.invalid(at(k), v, err));
      }
    } else if (k === 'kind') {
      if (typeof v !== 'string') causes.push(fieldError.invalid(at(k), v, 'must be a string'));
      else if (v === '') causes.push(fieldError.required(at(k)));
      else {
        const errs = isDns1035Label(v.toLowerCase());
        if (errs.length > 0) causes.push(fieldError.invalid(at(k), v, `may have mixed case, but should otherwise match: ${errs.join(',')}`));
      }
    } else if (k === 'metadata' && isObject(v)) {
      const metaPath = at('metadata');
      for (const key of ['generateName', 'name'] as const) {
        const name = v[key];
        if (typeof name !== 'string' || name === '') continue;
        for (const msg of pathSegmentNameErrors(name)) causes.push(fieldError.invalid(fieldPath.child(metaPath, key), name, msg));
      }
      const ns = v['namespace'];
      if (typeof ns === 'string' && ns !== '') {
        for (const msg of isDns1123Label(ns)) causes.push(fieldError.invalid(fieldPath.child(metaPath, 'namespace'), ns, msg));
      }
    }
  }
  return causes;
}

// -- x-kubernetes-list-type: set / map

const UNSPECIFIED = Symbol('unspecified key');

function duplicateIndices(values: readonly unknown[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  values.forEach((x, i) => {
    const key = x === UNSPECIFIED ? '\u0000unspecified' : goJson(x);
    const times = seen.get(key) ?? 0;
    seen.set(key, times + 1);
    if (times === 1) out.push(i);
  });
  return out;
}

function listTypeCauses(list: readonly unknown[], schema: JsonSchema, path: FieldPath): Cause[] {
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set') {
    if (list.length <= 1) return [];
    return duplicateIndices(list).map((i) => fieldError.duplicate(fieldPath.index(path, i), list[i]));
  }
  if (listType !== 'map') return [];
  const bad = list.findIndex((x) => x !== null && !isObject(x));
  if (bad >= 0) return [fieldError.invalid(fieldPath.index(path, bad), list[bad], 'must be an object for an array of list-type map')];
  if (list.length <= 1) return [];
  const keyFields = (Array.isArray(schema['x-kubernetes-list-map-keys']) ? schema['x-kubernetes-list-map-keys'] : [])
    .filter((k): k is string => typeof k === 'string');
  if (keyFields.length === 1) {
    const keyField = keyFields[0] ?? '';
    const keys = list.map((x) => (isObject(x) && keyField in x ? x[keyField] : UNSPECIFIED));
    return duplicateIndices(keys).map((i) => {
      const key = keys[i];
      return fieldError.duplicate(fieldPath.index(path, i), key === UNSPECIFIED ? {} : { [keyField]: key });
    });
  }
  const keys = list.map((x) => {
    const key: JsonObject = {};
    if (isObject(x)) for (const k of keyFields) if (k in x) key[k] = x[k];
    return key;
  });
  return duplicateIndices(keys).map((i) => fieldError.duplicate(fieldPath.index(path, i), keys[i]));
}

// -- x-kubernetes-validations

function skippedRules(value: unknown, schema: JsonSchema): SkippedRule[] {
  const rules: SkippedRule[] = [];
  walk(value, schema, null, everyNode, (v, s, path) => {
    const validations = s['x-kubernetes-validations'];
    if (v === null || v === undefined || !Array.isArray(validations)) return;
    for (const r of validations) {
      if (!isObject(r) || typeof r['rule'] !== 'string') continue;
      const rule: { -readonly [K in keyof SkippedRule]: SkippedRule[K] } = { field: path ?? '', rule: r['rule'] };
      for (const k of ['message', 'messageExpression', 'reason', 'fieldPath'] as const) {
        const x = r[k];
        if (typeof x === 'string') rule[k] = x;
      }
      rules.push(rule);
    }
  });
  return rules;
}

/** Whether any node of the schema carries `x-kubernetes-validations` rules (which are never evaluated here). */
export function hasCelRules(schema: JsonSchema): boolean {
  const seen = new Set<unknown>();
  const visit = (s: unknown): boolean => {
    if (!isObject(s) || seen.has(s)) return false;
    seen.add(s);
    if (Array.isArray(s['x-kubernetes-validations']) && s['x-kubernetes-validations'].length > 0) return true;
    const props = schemaProperties(s);
    if (props && Object.values(props).some(visit)) return true;
    for (const k of ['items', 'additionalProperties', 'not']) if (visit(s[k])) return true;
    for (const k of ['allOf', 'anyOf', 'oneOf']) {
      const list = s[k];
      if (Array.isArray(list) && list.some(visit)) return true;
    }
    return false;
  };
  return visit(schema);
}

/** Errors that keep the real server from running CEL rules (hasBlockingErr in its CR strategy). */
const BLOCKING = new Set(['FieldValueNotSupported', 'FieldValueRequired', 'FieldValueTooLong', 'FieldValueTooMany', 'FieldValueTypeInvalid']);
const NOT_CHECKED = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

function celRuleCauses(schemaCauses: readonly Cause[], rules: RuleNode, value: unknown, old: unknown): Cause[] {
  if (schemaCauses.some((c) => BLOCKING.has(c.reason))) return [fieldError.invalid(null, 'null', NOT_CHECKED)];
  return celCauses(rules, value, old);
}

// ---------------------------------------------------------------------------------------------

/**
 * Everything the real server reports for `value` against `schema` (a version's openAPIV3Schema),
 * plus the CEL rules it would have evaluated. Validate the pruned and defaulted object, as the
 * server does.
 */
export function validateObjectDetailed(schema: JsonSchema, value: unknown, options: ValidateOptions = {}): ValidationResult {
  const causes: Cause[] = [];
  const typeMeta = options.typeMeta ? typeMetaCauses(value, options.typeMeta) : [];
  if (typeMeta.length > 0) causes.push(...typeMeta);
  else {
    if (options.objectMeta) causes.push(...validateResourceMeta(value, options.objectMeta));
    causes.push(...openApiCauses(schema, value));
  }
  // One walk for both checks; embedded-resource causes still come before list-type ones. Only
  // the parts of the schema that hold a set, a map list or an embedded resource are walked.
  const listCauses: Cause[] = [];
  walk(value, schema, null, needsWalk, (v, s, path) => {
    if (Array.isArray(v)) listCauses.push(...listTypeCauses(v, s, path));
    else if (path !== null && isObject(v) && flag(s, 'x-kubernetes-embedded-resource')) causes.push(...embeddedResourceCauses(v, path));
  });
  causes.push(...listCauses);
  if (options.cel?.rules) causes.push(...celRuleCauses(causes, options.cel.rules, value, options.cel.old));
  return { causes, skippedRules: options.cel ? [] : skippedRules(value, schema) };
}

/**
 * The causes the real server would put in a 422 Invalid Status for `value`. CEL rules
 * (`x-kubernetes-validations`) are not evaluated; use `validateObjectDetailed` to get them.
 */
export function validateObject(schema: JsonSchema, value: unknown, options: ValidateOptions = {}): Cause[] {
  return validateObjectDetailed(schema, value, options).causes;
}

/**
 * The `message` of the real server's Invalid Status for these causes, e.g.
 * `Widget.example.com "w1" is invalid: spec.size: Required value` (several causes are listed in
 * brackets, duplicates dropped, as Go's `ErrorList.ToAggregate` does).
 */
export function invalidStatusMessage(groupKind: string, name: string, causes: readonly Cause[]): string {
  const msgs = [...new Set(causes.map((c) => `${c.field}: ${c.message}`))];
  if (msgs.length === 0) return `${groupKind} ${goQuote(name)} is invalid`;
  const agg = msgs.length === 1 ? (msgs[0] ?? '') : `[${msgs.join(', ')}]`;
  return `${groupKind} ${goQuote(name)} is invalid: ${agg}`;
}
