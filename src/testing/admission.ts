/**
 * What happens to an object between the request body and the store, in the real server's order:
 * unknown fields are found and pruned (400 under fieldValidation=Strict, a warning under Warn),
 * defaults are applied, then the object is validated against the metadata rules and its schema
 * (422 Invalid with one cause per violation; src/validation makes every check).
 */
import { celRulesOf } from './cel-rules.js';
import { isObject, objectAt, without, type JsonObject } from './json.js';
import type { ResourceRef } from './registry.js';
import { admitObject, findUnknownFields, isDns1123Subdomain, metadataRuleCauses } from '../validation/index.js';
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
    const admitted = admitObject(schema, input, { namespaced: ref.type.namespaced, rules: celRulesOf(schema), old });
    current = isObject(admitted.object) ? admitted.object : input;
    causes.push(...admitted.causes);
  } else {
    const kept = Object.fromEntries(Object.entries(objectAt(input, 'metadata')).filter(([k]) => OBJECT_META_FIELDS.has(k)));
    current = { ...input, metadata: kept };
    causes.push(...nameCauses(current), ...metadataRuleCauses(current));
  }
  if (causes.length > 0) {
    throw invalid({ group: ref.type.group, kind: ref.type.kind }, String(objectAt(current, 'metadata').name ?? ''), causes);
  }
  return { object: current, warnings };
}

/** The name check for objects without a schema (the schema module checks the others). */
function nameCauses(object: JsonObject): StatusCause[] {
  const name = objectAt(object, 'metadata').name;
  if (typeof name !== 'string' || name === '') {
    return [fieldCause('metadata.name', 'FieldValueRequired', 'name or generateName is required')];
  }
  return isDns1123Subdomain(name).map((message) => fieldCause('metadata.name', 'FieldValueInvalid', message, name));
}
