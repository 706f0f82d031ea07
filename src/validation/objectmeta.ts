/**
 * ObjectMeta handling. The real server does not prune `metadata` with the CRD schema: it decodes it
 * into a `metav1.ObjectMeta` and writes that back, so only ObjectMeta's own fields survive, fields of
 * the wrong type are dropped (the storage decoder's "drop malformed fields" mode), and zero values
 * disappear (every field is `omitempty`). Also the checks `ValidateObjectMetaAccessor` makes on a
 * custom resource's name and namespace.
 */
import { metadataRuleCauses } from './metadata-rules.js';
import { isDns1123Label, isDns1123Subdomain } from './names.js';
import { cloneJson, fieldError, isGoInt, isObject, type Cause, type JsonObject } from './shared.js';

type FieldCoercer = (value: unknown) => { ok: boolean; value?: unknown };

const dropped = { ok: true } as const;
const malformed = { ok: false } as const;

function stringField(value: unknown): { ok: boolean; value?: unknown } {
  if (value === null) return dropped;
  if (typeof value !== 'string') return malformed;
  return value === '' ? dropped : { ok: true, value };
}

function int64Field(omitZero: boolean): FieldCoercer {
  return (value) => {
    if (value === null) return dropped;
    if (typeof value !== 'number' || !isGoInt(value)) return malformed;
    return omitZero && value === 0 ? dropped : { ok: true, value };
  };
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** metav1.Time: RFC 3339 in, UTC with whole seconds out. */
export function normalizeTime(value: string): string | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, , zone = 'Z'] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  let offset = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3)), om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offset = sign * (oh * 60 + om);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offset, second, 0);
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function timeField(value: unknown): { ok: boolean; value?: unknown } {
  if (value === null) return dropped;
  if (typeof value !== 'string') return malformed;
  const t = normalizeTime(value);
  return t === undefined ? malformed : { ok: true, value: t };
}

function stringMapField(value: unknown): { ok: boolean; value?: unknown } {
  if (value === null) return dropped;
  if (!isObject(value)) return malformed;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v !== 'string') return malformed;
    out[k] = v ?? '';
  }
  return Object.keys(out).length === 0 ? dropped : { ok: true, value: out };
}

function stringListField(value: unknown): { ok: boolean; value?: unknown } {
  if (value === null) return dropped;
  if (!Array.isArray(value)) return malformed;
  if (!value.every((v) => v === null || typeof v === 'string')) return malformed;
  return value.length === 0 ? dropped : { ok: true, value: value.map((v: unknown) => v ?? '') };
}

function structListField(fields: Readonly<Record<string, { coerce: FieldCoercer; always?: boolean }>>): FieldCoercer {
  return (value) => {
    if (value === null) return dropped;
    if (!Array.isArray(value)) return malformed;
    const out: JsonObject[] = [];
    for (const item of value) {
      if (item !== null && !isObject(item)) return malformed;
      const entry: JsonObject = {};
      for (const [name, spec] of Object.entries(fields)) {
        const raw = item === null ? undefined : item[name];
        if (raw === undefined) {
          if (spec.always) entry[name] = '';
          continue;
        }
        const r = spec.coerce(raw);
        if (!r.ok) return malformed;
        if (r.value !== undefined) entry[name] = r.value;
        else if (spec.always) entry[name] = '';
      }
      out.push(entry);
    }
    return out.length === 0 ? dropped : { ok: true, value: out };
  };
}

function boolField(value: unknown): { ok: boolean; value?: unknown } {
  if (value === null) return dropped;
  return typeof value === 'boolean' ? { ok: true, value } : malformed;
}

function rawField(value: unknown): { ok: boolean; value?: unknown } {
  return value === null ? dropped : { ok: true, value: cloneJson(value) };
}

const alwaysString = { coerce: stringField, always: true };

/** metav1.ObjectMeta's JSON fields, in declaration order. */
const OBJECT_META: Readonly<Record<string, FieldCoercer>> = {
  name: stringField,
  generateName: stringField,
  namespace: stringField,
  selfLink: stringField,
  uid: stringField,
  resourceVersion: stringField,
  generation: int64Field(true),
  creationTimestamp: timeField,
  deletionTimestamp: timeField,
  deletionGracePeriodSeconds: int64Field(false),
  labels: stringMapField,
  annotations: stringMapField,
  ownerReferences: structListField({
    apiVersion: alwaysString,
    kind: alwaysString,
    name: alwaysString,
    uid: alwaysString,
    controller: { coerce: boolField },
    blockOwnerDeletion: { coerce: boolField },
  }),
  finalizers: stringListField,
  managedFields: structListField({
    manager: { coerce: stringField },
    operation: { coerce: stringField },
    apiVersion: { coerce: stringField },
    time: { coerce: timeField },
    fieldsType: { coerce: stringField },
    fieldsV1: { coerce: rawField },
    subresource: { coerce: stringField },
  }),
};

const OBJECT_META_ENTRIES = Object.entries(OBJECT_META);

/**
 * `metadata` as the real server stores it, or undefined when it is not an object (the server then
 * rejects the request, or leaves an embedded resource's metadata alone). Keys it drops because
 * ObjectMeta has no such field are passed to `unknown`.
 */
export function coerceObjectMeta(metadata: unknown, unknown?: (key: string) => void): JsonObject | undefined {
  if (metadata === null) return {}; // decodes to an empty ObjectMeta
  if (!isObject(metadata)) return undefined;
  const out: JsonObject = {};
  for (const [name, coerce] of OBJECT_META_ENTRIES) {
    if (!(name in metadata)) continue;
    const r = coerce(metadata[name]);
    if (r.ok && r.value !== undefined) out[name] = r.value;
  }
  if (unknown) for (const key of Object.keys(metadata)) if (!(key in OBJECT_META)) unknown(key);
  return out;
}

function metaString(meta: unknown, key: string): string {
  const v = isObject(meta) ? meta[key] : undefined;
  return typeof v === 'string' ? v : '';
}

export interface ObjectMetaOptions {
  /** true: `metadata.namespace` is required; false: it is forbidden; undefined: not checked. */
  readonly namespaced?: boolean;
}

/**
 * `ValidateObjectMetaAccessor` for a custom resource: name/generateName/namespace, then labels,
 * annotations, owner references and finalizers (metadata-rules.ts).
 */
export function validateResourceMeta(object: unknown, options: ObjectMetaOptions): Cause[] {
  const meta = isObject(object) ? object['metadata'] : undefined;
  const causes: Cause[] = [];
  const generateName = metaString(meta, 'generateName');
  if (generateName !== '') {
    // prefixes may end in a dash: the real check masks a trailing '-' before testing
    const masked = generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
    for (const msg of isDns1123Subdomain(masked)) causes.push(fieldError.invalid('metadata.generateName', generateName, msg));
  }
  const name = metaString(meta, 'name');
  if (name === '') causes.push(fieldError.required('metadata.name', 'name or generateName is required'));
  else for (const msg of isDns1123Subdomain(name)) causes.push(fieldError.invalid('metadata.name', name, msg));
  const namespace = metaString(meta, 'namespace');
  if (options.namespaced === true) {
    if (namespace === '') causes.push(fieldError.required('metadata.namespace'));
    else for (const msg of isDns1123Label(namespace)) causes.push(fieldError.invalid('metadata.namespace', namespace, msg));
  } else if (options.namespaced === false && namespace !== '') {
    causes.push(fieldError.forbidden('metadata.namespace', 'not allowed on this type'));
  }
  causes.push(...metadataRuleCauses(object));
  return causes;
}
