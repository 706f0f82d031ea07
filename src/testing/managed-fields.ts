/**
 * Where the test server's writes meet field ownership (src/testing/ssa): the scope of an endpoint,
 * managedFields for Update operations, the default manager from the User-Agent, and the mapping of
 * the parent's entries to and from an autoscaling/v1 Scale.
 */
import { objectAt, type JsonObject } from './json.js';
import type { WriteOptions } from './objects.js';
import { apiVersionOf, type ResourceRef } from './registry.js';
import { FieldSet, type Path } from './ssa/fieldset.js';
import { recordUpdate, type FieldManagerScope } from './ssa/fieldmanager.js';
import { decodeManaged, encodeManaged, emptyManaged } from './ssa/managed.js';
import { objectSchema } from './ssa/types.js';

const STATUS = FieldSet.of([[{ field: 'status' }]]);

/** Only the status subtree (what the /status endpoint may own). */
function onlyStatus(set: FieldSet): FieldSet {
  const out = new FieldSet();
  const status = set.children.get('f:status');
  if (set.members.has('f:status')) out.members.set('f:status', { field: 'status' });
  if (status) out.children.set('f:status', status);
  return out;
}

/** How ownership works at `ref` through the main endpoint, /status or /scale. */
export function scopeFor(ref: ResourceRef, subresource?: 'status' | 'scale'): FieldManagerScope {
  if (subresource === 'scale') {
    return { schema: objectSchema(undefined), apiVersion: 'autoscaling/v1', kind: 'Scale', subresource, filter: (s) => s };
  }
  const filter = subresource === 'status' ? onlyStatus : ref.version.status ? (s: FieldSet) => s.recursiveDifference(STATUS) : (s: FieldSet) => s;
  return {
    schema: objectSchema(ref.version.schema),
    apiVersion: apiVersionOf(ref.type.group, ref.version.name),
    kind: ref.type.kind,
    ...(subresource ? { subresource } : {}),
    filter,
  };
}

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrintable(char: string): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(char);
}

/**
 * The manager of a write that names none: the User-Agent up to its first `/`, printable characters
 * only, at most 128 bytes (as the apiserver derives it).
 */
export function managerFromUserAgent(userAgent: string): string {
  let out = '';
  for (const char of userAgent.split('/')[0] ?? '') {
    if (!isPrintable(char)) continue;
    if (Buffer.byteLength(out + char) > 128) break;
    out += char;
  }
  return out;
}

/**
 * The managedFields a write leaves: those an apply computed, or the Update operation's (when the
 * write names a manager), or the live ones (internal writes). `next` is the object as decoded and
 * defaulted, before the kind's strategy fills server-set fields (which nobody owns).
 */
export function managedFieldsFor(
  ref: ResourceRef,
  subresource: 'status' | undefined,
  live: JsonObject | undefined,
  next: JsonObject,
  requested: unknown,
  options: WriteOptions,
): unknown {
  if (options.managedFields) return options.managedFields;
  if (options.fieldManager !== undefined) return recordUpdate(scopeFor(ref, subresource), live, next, options.fieldManager, requested);
  return objectAt(live, 'metadata').managedFields;
}

/** `object` carrying `entries` as its managedFields (none when the list is empty). */
export function withManagedFields(object: JsonObject, entries: unknown): JsonObject {
  const { managedFields: _old, ...metadata } = objectAt(object, 'metadata');
  const keep = Array.isArray(entries) && entries.length > 0;
  return { ...object, metadata: keep ? { ...metadata, managedFields: entries } : metadata };
}

const SCALE_REPLICAS: Path = [{ field: 'spec' }, { field: 'replicas' }];

function pathOf(dotted: string): Path {
  return dotted.split('.').filter(Boolean).map((field) => ({ field }));
}

/** The parent's entries that own the replicas field, as a Scale's entries (`.spec.replicas`, autoscaling/v1). */
export function scaleManagedFields(parent: JsonObject, specReplicasPath: string): JsonObject[] {
  const managed = safeDecode(objectAt(parent, 'metadata').managedFields);
  const out = emptyManaged();
  const replicas = pathOf(specReplicasPath);
  for (const [id, owned] of managed.fields) {
    if (!owned.set.has(replicas)) continue;
    out.fields.set(id, { set: FieldSet.of([SCALE_REPLICAS]), apiVersion: 'autoscaling/v1' });
    out.times.set(id, managed.times.get(id));
  }
  return encodeManaged(out);
}

/**
 * The parent's entries after a write through /scale (as the apiserver's ScaleHandler.ToParent):
 * an entry keeps the replicas field only if the same identity still owns it in the Scale; other
 * Scale owners get an entry of their own holding just the replicas field.
 */
export function parentManagedFields(parent: JsonObject, scaleEntries: unknown, specReplicasPath: string, apiVersion: string): JsonObject[] {
  const managed = safeDecode(objectAt(parent, 'metadata').managedFields);
  const scale = safeDecode(scaleEntries);
  const path = pathOf(specReplicasPath);
  const replicas = FieldSet.of([path]);
  const out = emptyManaged();
  for (const [id, owned] of managed.fields) {
    const keep = !owned.set.has(path) || scale.fields.delete(id);
    const set = keep ? owned.set : owned.set.difference(replicas);
    if (set.empty) continue;
    out.fields.set(id, { ...owned, set });
    out.times.set(id, managed.times.get(id));
  }
  for (const [id, owned] of scale.fields) {
    if (!owned.set.has(SCALE_REPLICAS)) continue;
    out.fields.set(id, { set: replicas, apiVersion });
    out.times.set(id, managed.times.get(id));
  }
  return encodeManaged(out);
}

function safeDecode(entries: unknown): ReturnType<typeof decodeManaged> {
  try {
    return decodeManaged(entries);
  } catch {
    return emptyManaged();
  }
}
