/**
 * The ObjectMeta checks of apimachinery's ValidateObjectMetaAccessor (pkg/api/validation/objectmeta.go)
 * beyond name and namespace: label keys and values, annotation keys and their total size, owner
 * references and finalizer names, with the server's field paths (no map keys, no list indices) and
 * messages. The test API server and generated validators both use these, on the stored form of
 * `metadata` (after coerceObjectMeta: maps of strings, owner references with string fields).
 */
import { isQualifiedName, isValidLabelValue, utf8Length } from './names.js';
import { fieldError, isObject, type Cause, type JsonObject } from './shared.js';

/** TotalAnnotationSizeLimitB: the keys and values of all annotations, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
  readonly blockOwnerDeletion?: boolean;
}

function stringMap(value: unknown): [string, string][] {
  if (!isObject(value)) return [];
  return Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string');
}

/** ValidateLabels: each key a qualified name, each value a label value. */
export function labelCauses(labels: unknown): Cause[] {
  const causes: Cause[] = [];
  for (const [key, value] of stringMap(labels)) {
    for (const msg of isQualifiedName(key)) causes.push(fieldError.invalid('metadata.labels', key, msg));
    for (const msg of isValidLabelValue(value)) causes.push(fieldError.invalid('metadata.labels', value, msg));
  }
  return causes;
}

/** ValidateAnnotations: keys are qualified names whatever their case; keys and values 256 KiB at most in all. */
export function annotationCauses(annotations: unknown): Cause[] {
  const causes: Cause[] = [];
  let size = 0;
  for (const [key, value] of stringMap(annotations)) {
    for (const msg of isQualifiedName(key.toLowerCase())) causes.push(fieldError.invalid('metadata.annotations', key, msg));
    size += utf8Length(key) + utf8Length(value);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) causes.push(fieldError.tooLong('metadata.annotations', TOTAL_ANNOTATION_SIZE_LIMIT));
  return causes;
}

/** The owner references of an object, as typed decoding leaves them (missing strings are ""). */
export function ownerReferencesOf(object: unknown): OwnerReference[] {
  const metadata = isObject(object) ? object['metadata'] : undefined;
  const list = isObject(metadata) ? metadata['ownerReferences'] : undefined;
  if (!Array.isArray(list)) return [];
  const text = (r: JsonObject, k: string): string => (typeof r[k] === 'string' ? r[k] : '');
  return list.filter(isObject).map((r) => ({
    apiVersion: text(r, 'apiVersion'),
    kind: text(r, 'kind'),
    name: text(r, 'name'),
    uid: text(r, 'uid'),
    ...(typeof r['controller'] === 'boolean' ? { controller: r['controller'] } : {}),
    ...(typeof r['blockOwnerDeletion'] === 'boolean' ? { blockOwnerDeletion: r['blockOwnerDeletion'] } : {}),
  }));
}

/** schema.ParseGroupVersion's version: "v1" -> v1, "g/v" -> v, anything else (or "g/") -> none. */
function versionOf(apiVersion: string): string {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return parts[0] ?? '';
  return parts.length === 2 ? (parts[1] ?? '') : '';
}

const REFS = 'metadata.ownerReferences';

/** A struct or list in a field error: rendered as JSON, in the struct's field order (kube 1.34+). */
function invalidStruct(value: unknown, detail: string): Cause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${detail}`, field: REFS };
}

/** ValidateOwnerReferences: required parts, no core/v1 Event owner, one controller at most. */
export function ownerReferenceCauses(refs: readonly OwnerReference[]): Cause[] {
  const causes: Cause[] = [];
  let firstController = '';
  for (const ref of refs) {
    if (versionOf(ref.apiVersion) === '') causes.push(fieldError.invalid(`${REFS}.apiVersion`, ref.apiVersion, 'version must not be empty'));
    if (ref.kind === '') causes.push(fieldError.invalid(`${REFS}.kind`, '', 'must not be empty'));
    if (ref.name === '') causes.push(fieldError.invalid(`${REFS}.name`, '', 'must not be empty'));
    if (ref.uid === '') causes.push(fieldError.invalid(`${REFS}.uid`, '', 'must not be empty'));
    if (ref.apiVersion === 'v1' && ref.kind === 'Event') causes.push(invalidStruct(ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (ref.controller !== true) continue;
    const current = `${ref.kind}/${ref.name}`;
    if (firstController === '') {
      firstController = current;
      continue;
    }
    const why = `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`;
    causes.push(invalidStruct(refs, why));
  }
  return causes;
}

/** ValidateFinalizers: qualified names, and not both `orphan` and `foregroundDeletion`. */
export function finalizerCauses(finalizers: unknown): Cause[] {
  if (!Array.isArray(finalizers)) return [];
  const names = finalizers.filter((f): f is string => typeof f === 'string');
  const causes: Cause[] = [];
  for (const name of names) for (const msg of isQualifiedName(name)) causes.push(fieldError.invalid('metadata.finalizers', name, msg));
  if (names.includes(ORPHAN) && names.includes(FOREGROUND)) {
    const detail = `finalizer ${ORPHAN} and ${FOREGROUND} cannot be both set`;
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(names)}: ${detail}`, field: 'metadata.finalizers' });
  }
  return causes;
}

/** Every check above, in the server's order, for an object's `metadata`. */
export function metadataRuleCauses(object: unknown): Cause[] {
  const metadata = isObject(object) && isObject(object['metadata']) ? object['metadata'] : {};
  return [
    ...labelCauses(metadata['labels']),
    ...annotationCauses(metadata['annotations']),
    ...ownerReferenceCauses(ownerReferencesOf(object)),
    ...finalizerCauses(metadata['finalizers']),
  ];
}
