/**
 * One kind version's validator, as the test API server and generated code (`crdgen generate
 * --validators`) both use it: a body is pruned, defaulted and validated the way kube-apiserver's
 * create/update strategy does it (`admitObject`), so local problems are the causes of the 422 the
 * server would answer. The schema is built, and its CEL rules compiled, on first use: importing
 * many kinds costs nothing until one is validated.
 */
import { compileRules, type RuleNode } from './cel/index.js';
import { applyDefaultsInPlace } from './defaults.js';
import { openApiCauses } from './openapi.js';
import { pruneObjectInPlace, type PruneOptions } from './prune.js';
import { cloneJson, fieldError, isObject, type Cause, type JsonObject, type JsonSchema } from './shared.js';
import { invalidStatusMessage, validateObject, type ValidateOptions } from './validate.js';

/** What a validator needs to know of its kind (a generated `…Resource` descriptor fits). */
export interface KindDescriptor {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

export interface KindValidateOptions {
  /** The stored object, on update: CEL rules see it as `oldSelf`. */
  readonly old?: unknown;
}

export interface AdmitOptions {
  /**
   * Namespaced kinds need `metadata.namespace` (true), cluster-scoped ones must not have one
   * (false); undefined: the namespace is not checked. Names are checked in every case.
   */
  readonly namespaced?: boolean | undefined;
  /** The schema's compiled CEL rules (`compileRules(schema).root`). */
  readonly rules?: RuleNode | undefined;
  readonly old?: unknown;
  /** Expected apiVersion and kind; a mismatch is the only cause then (see ValidateOptions). */
  readonly typeMeta?: ValidateOptions['typeMeta'];
}

/** What the real server keeps of a create/update body: pruned, then defaulted (one copy of `value`). */
export function pruneAndDefault(schema: JsonSchema, value: unknown, options: PruneOptions = {}): unknown {
  const copy = cloneJson(value);
  pruneObjectInPlace(schema, copy, options);
  applyDefaultsInPlace(copy, schema);
  return copy;
}

/**
 * What the real server does with a create/update body after decoding: unknown fields pruned (and
 * the namespace of a cluster-scoped object dropped), defaults applied, then the object validated.
 * Returns the object it would store and the causes of its 422 (empty when accepted).
 */
export function admitObject(schema: JsonSchema, value: unknown, options: AdmitOptions = {}): { object: unknown; causes: Cause[] } {
  const input = options.namespaced === false ? withoutNamespace(value) : value;
  const object = pruneAndDefault(schema, input);
  const causes = validateObject(schema, object, {
    ...(options.typeMeta ? { typeMeta: options.typeMeta } : {}),
    objectMeta: options.namespaced === undefined ? {} : { namespaced: options.namespaced },
    cel: { rules: options.rules, old: options.old },
  });
  return { object, causes };
}

function withoutNamespace(value: unknown): unknown {
  if (!isObject(value) || !isObject(value['metadata']) || !('namespace' in value['metadata'])) return value;
  const { namespace: _dropped, ...metadata } = value['metadata'];
  return { ...value, metadata };
}

export interface KindValidator<T> {
  readonly apiVersion: string;
  readonly kind: string;
  /**
   * True when `value` has this kind's apiVersion and kind, a metadata of ObjectMeta's shape and
   * passes every check of the schema (types, required, enums, patterns, formats, bounds) as it is,
   * without pruning or defaults; CEL rules and the server's name rules are not part of the type.
   */
  is(value: unknown): value is T;
  /**
   * The causes of the 422 Invalid the API server would answer when `value` is created (or, with
   * `old`, replaces `old`): the object is pruned and defaulted first, as the server does. Empty
   * when the server would accept it. A namespaced object without a namespace is checked as if the
   * namespace came from the request.
   */
  validate(value: unknown, options?: KindValidateOptions): Cause[];
  /** The Status message of that 422: `Widget.example.com "w1" is invalid: spec.size: Required value`. */
  invalidMessage(value: unknown, causes: readonly Cause[]): string;
}

interface Compiled {
  readonly schema: JsonSchema;
  readonly rules: RuleNode | undefined;
}

/**
 * The validator of one kind version. `schema` gives its structural schema (`compactSchema` of the
 * openAPIV3Schema); it is called once, on the first check.
 */
export function kindValidator<T>(descriptor: KindDescriptor, schema: () => JsonSchema): KindValidator<T> {
  const apiVersion = descriptor.group === '' ? descriptor.version : `${descriptor.group}/${descriptor.version}`;
  const typeMeta = { apiVersion, kind: descriptor.kind };
  let compiled: Compiled | undefined;
  const load = (): Compiled => {
    if (compiled) return compiled;
    const root = schema();
    compiled = { schema: root, rules: compileRules(root).root };
    return compiled;
  };
  return {
    apiVersion,
    kind: descriptor.kind,
    is(value: unknown): value is T {
      if (!isObject(value) || value['apiVersion'] !== apiVersion || value['kind'] !== descriptor.kind) return false;
      return hasObjectMetaShape(value['metadata']) && openApiCauses(load().schema, value).length === 0;
    },
    validate(value, options = {}) {
      if (!isObject(value)) return [fieldError.invalid(null, value, 'the object must be a JSON object')];
      const { schema: root, rules } = load();
      const namespaced = descriptor.namespaced ? (hasNamespace(value) ? true : undefined) : false;
      return admitObject(root, value, { namespaced, rules, old: options.old, typeMeta }).causes;
    },
    invalidMessage(value, causes) {
      const name = isObject(value) && isObject(value['metadata']) ? value['metadata']['name'] : undefined;
      const group = descriptor.group === '' ? descriptor.kind : `${descriptor.kind}.${descriptor.group}`;
      return invalidStatusMessage(group, typeof name === 'string' ? name : '', causes);
    },
  };
}

function hasNamespace(value: JsonObject): boolean {
  const metadata = value['metadata'];
  return isObject(metadata) && typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '';
}

const META_STRINGS = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'selfLink', 'creationTimestamp', 'deletionTimestamp'];
const META_MAPS = ['labels', 'annotations'];

/** `metadata` absent or shaped like V1ObjectMeta in the fields a program reads most. */
function hasObjectMetaShape(metadata: unknown): boolean {
  if (metadata === undefined) return true;
  if (!isObject(metadata)) return false;
  for (const key of META_STRINGS) if (metadata[key] !== undefined && typeof metadata[key] !== 'string') return false;
  for (const key of META_MAPS) {
    const map = metadata[key];
    if (map === undefined) continue;
    if (!isObject(map) || Object.values(map).some((v) => typeof v !== 'string')) return false;
  }
  const finalizers = metadata['finalizers'];
  return finalizers === undefined || (Array.isArray(finalizers) && finalizers.every((f) => typeof f === 'string'));
}
