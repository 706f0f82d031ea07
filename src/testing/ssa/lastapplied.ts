/**
 * The upgrade from client-side to server-side apply, as the apiserver's lastAppliedManager and
 * lastAppliedUpdater do it for the manager "kubectl": conflicts on fields whose live value still
 * equals the `kubectl.kubernetes.io/last-applied-configuration` annotation are forced, and an
 * existing annotation is rewritten with each applied configuration.
 */
import { isObject, objectAt, type JsonObject } from '../json.js';
import type { FieldSet } from './fieldset.js';
import type { Conflict } from './managed.js';
import { compare, toFieldSet } from './typed.js';
import type { SchemaNode } from './types.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Only kubectl's own server-side apply upgrades and syncs the annotation (others opt out by name). */
export const UPGRADING_MANAGER = 'kubectl';

function lastAppliedOf(live: JsonObject | undefined): string | undefined {
  const value = objectAt(objectAt(live, 'metadata'), 'annotations')[LAST_APPLIED];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The fields the annotation sets with the value they still have live; undefined when there is no usable annotation. */
export function allowedConflicts(live: JsonObject | undefined, schema: SchemaNode, apiVersion: string): FieldSet | undefined {
  const text = lastAppliedOf(live);
  if (!text || !live) return undefined;
  let last: unknown;
  try {
    last = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(last) || last.apiVersion !== apiVersion) return undefined;
  const c = compare(last, live, schema);
  return toFieldSet(last, schema).difference(c.modified).difference(c.added).difference(c.removed);
}

/** The conflicts the annotation does not excuse. */
export function unexcused(conflicts: readonly Conflict[], allowed: FieldSet): Conflict[] {
  return conflicts.filter((c) => !allowed.has(c.path));
}

/** JSON with object keys sorted and a final newline, as Go encodes an unstructured object. */
function goJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (!isObject(v)) return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]));
  };
  return `${JSON.stringify(sorted(value))}\n`;
}

/** `object` with the annotation set to the applied configuration (without its own annotation), when the live object had one. */
export function syncLastApplied(object: JsonObject, live: JsonObject | undefined, config: JsonObject, manager: string): JsonObject {
  if (manager !== UPGRADING_MANAGER || !lastAppliedOf(live)) return object;
  const configMeta = objectAt(config, 'metadata');
  const { [LAST_APPLIED]: _own, ...configAnnotations } = objectAt(configMeta, 'annotations');
  // Go keeps an emptied annotations map ({}) but leaves out one the configuration never had.
  const metadata = isObject(configMeta.annotations) ? { ...configMeta, annotations: configAnnotations } : withoutKey(configMeta, 'annotations');
  const value = goJson({ ...config, metadata });
  const meta = objectAt(object, 'metadata');
  return { ...object, metadata: { ...meta, annotations: { ...objectAt(meta, 'annotations'), [LAST_APPLIED]: value } } };
}

function withoutKey(object: JsonObject, key: string): JsonObject {
  const { [key]: _gone, ...rest } = object;
  return rest;
}
