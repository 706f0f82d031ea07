/**
 * What happens to an object between the request body and the store, in the real server's order:
 * unknown fields are found and pruned (400 under fieldValidation=Strict, a warning under Warn),
 * defaults are applied, then the object is validated against its schema and the metadata rules
 * (422 Invalid with one cause per violation).
 */
import { celRulesOf } from './cel-rules.js';
import { isObject, objectAt, without, type JsonObject } from './json.js';
import type { ResourceRef } from './registry.js';
import { applyDefaults, findUnknownFields, pruneObject, validateObject } from '../validation/index.js';
import { ownerReferenceCauses } from './owner-references.js';
import { badRequest, fieldCause, invalid, type StatusCause } from './status.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface Admitted {
  readonly object: JsonObject;
  /** Texts for `Warning: 299 - "<text>"` headers. */
  readonly warnings: readonly string[];
}

const OBJECT_META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers',
  'managedFields',
]);

export function parseFieldValidation(value: string | null): FieldValidation {
  if (value === null || value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw badRequest(`fieldValidation parameter unsupported: ${value}`);
}

/**
 * Prunes, defaults and validates `object` for `ref`'s version (its CEL rules too, with `old` as
 * oldSelf on update); throws 400 or 422.
 */
export function admit(ref: ResourceRef, object: JsonObject, fieldValidation: FieldValidation, old?: JsonObject): Admitted {
  const schema = ref.version.schema;
  const metadata = objectAt(object, 'metadata');
  // Cluster-scoped objects have no namespace, whatever the body says (as rest.BeforeCreate does).
  const input = ref.type.namespaced ? object : { ...object, metadata: without(metadata, 'namespace') };
  const unknown = schema
    ? findUnknownFields(schema, input)
    : Object.keys(metadata)
        .filter((k) => !OBJECT_META_FIELDS.has(k))
        .map((k) => `metadata.${k}`);
  if (unknown.length > 0 && fieldValidation === 'Strict') {
    const { kind } = ref.type;
    const fields = unknown.map((f) => `unknown field "${f}"`).join(', ');
    throw badRequest(`${kind} in version "${ref.version.name}" cannot be handled as a ${kind}: strict decoding error: ${fields}`);
  }
  const warnings = fieldValidation === 'Warn' ? unknown.map((f) => `unknown field "${f}"`) : [];

  let current: JsonObject;
  const causes: StatusCause[] = [];
  if (schema) {
    const defaulted = applyDefaults(schema, pruneObject(schema, input));
    current = isObject(defaulted) ? defaulted : input;
    const cel = { rules: celRulesOf(schema), old };
    causes.push(...validateObject(schema, current, { objectMeta: { namespaced: ref.type.namespaced }, cel }));
  } else {
    const kept = Object.fromEntries(Object.entries(objectAt(input, 'metadata')).filter(([k]) => OBJECT_META_FIELDS.has(k)));
    current = { ...input, metadata: kept };
    causes.push(...nameCauses(current));
  }
  causes.push(...labelCauses(current), ...ownerReferenceCauses(current));
  if (causes.length > 0) {
    throw invalid({ group: ref.type.group, kind: ref.type.kind }, String(objectAt(current, 'metadata').name ?? ''), causes);
  }
  return { object: current, warnings };
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start " +
  "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
  "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const QUALIFIED_NAME_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
  "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start " +
  "and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for " +
  "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** The name check for objects without a schema (the schema module checks the others). */
function nameCauses(object: JsonObject): StatusCause[] {
  const name = objectAt(object, 'metadata').name;
  if (typeof name !== 'string' || name === '') {
    return [fieldCause('metadata.name', 'FieldValueRequired', 'name or generateName is required')];
  }
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) return [fieldCause('metadata.name', 'FieldValueInvalid', DNS_SUBDOMAIN_MESSAGE, name)];
  return [];
}

/** Label and annotation keys and label values, checked as kube's ObjectMeta validation does. */
function labelCauses(object: JsonObject): StatusCause[] {
  const metadata = objectAt(object, 'metadata');
  const causes: StatusCause[] = [];
  for (const [field, map] of [['labels', metadata.labels], ['annotations', metadata.annotations]] as const) {
    if (map === undefined || map === null) continue;
    if (!isObject(map)) {
      causes.push(fieldCause(`metadata.${field}`, 'FieldValueInvalid', 'must be a map of strings', map));
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      const keyProblem = qualifiedNameProblem(key);
      if (keyProblem) causes.push(fieldCause(`metadata.${field}`, 'FieldValueInvalid', keyProblem, key));
      if (typeof value !== 'string') {
        causes.push(fieldCause(`metadata.${field}`, 'FieldValueInvalid', 'must be a string', value));
      } else if (field === 'labels' && (value.length > 63 || !LABEL_VALUE.test(value))) {
        const why = value.length > 63 ? 'must be no more than 63 characters' : LABEL_VALUE_MESSAGE;
        causes.push(fieldCause('metadata.labels', 'FieldValueInvalid', why, value));
      }
    }
  }
  return causes;
}

function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `prefix part ${DNS_SUBDOMAIN_MESSAGE}`;
  }
  if (name.length === 0 || name.length > 63) return 'name part must be non-empty and no more than 63 characters';
  return QUALIFIED_NAME.test(name) ? undefined : QUALIFIED_NAME_MESSAGE;
}
