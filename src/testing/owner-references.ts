/**
 * metadata.ownerReferences: validation as apimachinery's ValidateOwnerReferences words it
 * (pkg/api/validation/objectmeta.go: the field paths carry no index; one `controller: true` at
 * most; core/v1 Event may not own anything), and the reading the garbage collector does.
 */
import { isObject, objectAt, type JsonObject } from './json.js';
import { fieldCause, type StatusCause } from './status.js';

export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
  readonly blockOwnerDeletion?: boolean;
}

const FIELD = 'metadata.ownerReferences';

/** The owner references of an object, as typed decoding leaves them (missing strings are ""). */
export function ownerReferences(object: JsonObject): OwnerReference[] {
  const list = objectAt(object, 'metadata').ownerReferences;
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((r) => ({
    apiVersion: typeof r.apiVersion === 'string' ? r.apiVersion : '',
    kind: typeof r.kind === 'string' ? r.kind : '',
    name: typeof r.name === 'string' ? r.name : '',
    uid: typeof r.uid === 'string' ? r.uid : '',
    ...(typeof r.controller === 'boolean' ? { controller: r.controller } : {}),
    ...(typeof r.blockOwnerDeletion === 'boolean' ? { blockOwnerDeletion: r.blockOwnerDeletion } : {}),
  }));
}

/** schema.ParseGroupVersion's version: "v1" -> v1, "g/v" -> v, anything else (or "g/") -> none. */
function versionOf(apiVersion: string): string {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return parts[0] ?? '';
  return parts.length === 2 ? (parts[1] ?? '') : '';
}

/** A value in a field error: Go renders structs and lists as JSON (kube 1.34+; older ones used %#v with pointers). */
function rendered(value: unknown): string {
  return JSON.stringify(value);
}

export function ownerReferenceCauses(object: JsonObject): StatusCause[] {
  const refs = ownerReferences(object);
  const causes: StatusCause[] = [];
  let firstController = '';
  for (const ref of refs) {
    if (versionOf(ref.apiVersion) === '') causes.push(fieldCause(`${FIELD}.apiVersion`, 'FieldValueInvalid', 'version must not be empty', ref.apiVersion));
    if (ref.kind === '') causes.push(fieldCause(`${FIELD}.kind`, 'FieldValueInvalid', 'must not be empty', ''));
    if (ref.name === '') causes.push(fieldCause(`${FIELD}.name`, 'FieldValueInvalid', 'must not be empty', ''));
    if (ref.uid === '') causes.push(fieldCause(`${FIELD}.uid`, 'FieldValueInvalid', 'must not be empty', ''));
    if (ref.apiVersion === 'v1' && ref.kind === 'Event') {
      const message = `Invalid value: ${rendered(ref)}: /v1, Kind=Event is disallowed from being an owner`;
      causes.push({ reason: 'FieldValueInvalid', message, field: FIELD });
    }
    if (ref.controller !== true) continue;
    const current = `${ref.kind}/${ref.name}`;
    if (firstController === '') {
      firstController = current;
      continue;
    }
    const why = `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`;
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${rendered(refs)}: ${why}`, field: FIELD });
  }
  return causes;
}
