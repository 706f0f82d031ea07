/**
 * `metadata.managedFields` as kube-apiserver encodes it: one entry per manager identity (manager,
 * operation, subresource, and for Update the apiVersion), FieldsV1 sets, sorted by operation, time,
 * manager, apiVersion and subresource. Conflicts are answered as the apiserver words them.
 */
import { isObject, type JsonObject } from '../json.js';
import { StatusError } from '../status.js';
import { FieldSet, pathString, type Path } from './fieldset.js';

type Operation = 'Apply' | 'Update';

interface ManagerId {
  readonly manager: string;
  readonly operation: Operation;
  /** Only Update identities carry the version (an applier keeps one entry across versions). */
  readonly apiVersion?: string;
  readonly subresource?: string;
}

export interface Owned {
  readonly set: FieldSet;
  readonly apiVersion: string;
}

/** Field sets by manager identity (the identity's JSON), and the time each entry last changed. */
export interface Managed {
  readonly fields: Map<string, Owned>;
  readonly times: Map<string, string | undefined>;
}

export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map() };
}

/** The identity string, shaped like the apiserver's (a ManagedFieldsEntry's JSON without set and time). */
export function managerId(id: ManagerId): string {
  return JSON.stringify({
    manager: id.manager,
    operation: id.operation,
    ...(id.operation === 'Update' && id.apiVersion ? { apiVersion: id.apiVersion } : {}),
    ...(id.subresource ? { subresource: id.subresource } : {}),
  });
}

function parseManagerId(id: string): ManagerId {
  return JSON.parse(id) as ManagerId;
}

/** Reads managedFields; throws (a message) on an entry the apiserver would not decode. */
export function decodeManaged(entries: unknown): Managed {
  const managed = emptyManaged();
  if (entries === undefined || entries === null) return managed;
  if (!Array.isArray(entries)) throw new Error('managedFields must be a list');
  entries.forEach((entry, i) => {
    if (!isObject(entry)) throw new Error(`managed fields entry ${i} must be an object`);
    const { manager, operation, apiVersion, fieldsType, fieldsV1, subresource, time } = entry;
    if (operation !== 'Apply' && operation !== 'Update') throw new Error('operation must be `Apply` or `Update`');
    if (typeof apiVersion !== 'string' || apiVersion === '') throw new Error('apiVersion must not be empty');
    if (fieldsType !== 'FieldsV1') {
      throw new Error(fieldsType === undefined || fieldsType === '' ? `missing fieldsType in managed fields entry ${i}` : `invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${i}`);
    }
    const id = managerId({
      manager: typeof manager === 'string' ? manager : '',
      operation,
      apiVersion,
      ...(typeof subresource === 'string' && subresource ? { subresource } : {}),
    });
    managed.fields.set(id, { set: FieldSet.fromFieldsV1(fieldsV1 ?? {}), apiVersion });
    managed.times.set(id, rfc3339Seconds(time));
  });
  return managed;
}

/** A time as metav1.Time encodes it (seconds, UTC); clients that send milliseconds get them dropped. */
function rfc3339Seconds(time: unknown): string | undefined {
  if (typeof time !== 'string' || Number.isNaN(Date.parse(time))) return undefined;
  return new Date(Date.parse(time)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The managedFields list, sorted as the apiserver sorts it; empty sets are left out. */
export function encodeManaged(managed: Managed): JsonObject[] {
  const entries: JsonObject[] = [];
  for (const [id, owned] of managed.fields) {
    if (owned.set.empty) continue;
    const who = parseManagerId(id);
    const time = managed.times.get(id);
    entries.push({
      manager: who.manager,
      operation: who.operation,
      apiVersion: owned.apiVersion,
      ...(time ? { time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: owned.set.toFieldsV1(),
      ...(who.subresource ? { subresource: who.subresource } : {}),
    });
  }
  return entries.sort(compareEntries);
}

function compareEntries(p: JsonObject, q: JsonObject): number {
  const text = (o: JsonObject, k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : '');
  const seconds = (o: JsonObject): number => (typeof o.time === 'string' ? Date.parse(o.time) / 1000 : 0);
  if (p.operation !== q.operation) return text(p, 'operation') < text(q, 'operation') ? -1 : 1;
  if (seconds(p) !== seconds(q)) return seconds(p) - seconds(q);
  for (const key of ['manager', 'apiVersion', 'subresource']) {
    if (text(p, key) !== text(q, key)) return text(p, key) < text(q, key) ? -1 : 1;
  }
  return 0;
}

export interface Conflict {
  readonly manager: string;
  readonly path: Path;
}

/** How a conflict names its manager: `"name"`, plus ` with subresource "status"`, plus ` using v1` for updaters. */
function printManager(id: string): string {
  let who: ManagerId;
  try {
    who = parseManagerId(id);
  } catch {
    return JSON.stringify(id);
  }
  let out = JSON.stringify(who.manager);
  if (who.subresource) out += ` with subresource ${JSON.stringify(who.subresource)}`;
  return who.operation === 'Update' ? `${out} using ${who.apiVersion ?? ''}` : out;
}

/** 409 Conflict with one FieldManagerConflict cause per conflicting field. */
export function conflictError(conflicts: readonly Conflict[]): StatusError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathString(c.path),
  }));
  return new StatusError(409, 'Conflict', conflictMessage(conflicts), { causes });
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only) {
    return `Apply failed with 1 conflict: conflict with ${printManager(only.manager)}: ${pathString(only.path)}`;
  }
  const byManager = new Map<string, Path[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.path]);
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${printManager(manager)}:`);
    for (const path of byManager.get(manager) ?? []) lines.push(`- ${pathString(path)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
