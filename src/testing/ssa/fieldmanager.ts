/**
 * The apiserver's field manager around the ownership rules: which managedFields a write starts from
 * (the request's, the live object's, or none after a reset), metadata fields nobody owns, entry
 * times, tracking that starts at creation, "before-first-apply" for objects applied to while
 * untracked, and the cap of ten Update entries ("ancient-changes").
 */
import { StatusError, badRequest } from '../status.js';
import { isObject, objectAt, without, type JsonObject } from '../json.js';
import { FieldSet } from './fieldset.js';
import { conflictError, decodeManaged, emptyManaged, encodeManaged, managerId, type Managed } from './managed.js';
import { allowedConflicts, syncLastApplied, unexcused, UPGRADING_MANAGER } from './lastapplied.js';
import { SsaError } from './types.js';
import { validateConfig } from './validate.js';
import { applyManagers, ConflictsError, updateManagers, type ApplyOutcome, type Managers, type UpdaterOptions } from './updater.js';

export interface FieldManagerScope extends UpdaterOptions {
  /** The group/version of the request. */
  readonly apiVersion: string;
  readonly kind: string;
  /** `status` or `scale` for writes through a subresource. */
  readonly subresource?: string;
}

/** Paths no manager owns (identity and server-set metadata). */
const STRIPPED = FieldSet.of(
  [['apiVersion'], ['kind'], ['metadata'], ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['metadata', f])].map(
    (path) => path.map((field) => ({ field })),
  ),
);

const MAX_UPDATE_MANAGERS = 10;

/** RFC 3339 in seconds, as managedFields times are written. */
function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The object as ownership sees it: without its managedFields. */
function bare(object: JsonObject): JsonObject {
  return { ...object, metadata: without(objectAt(object, 'metadata'), 'managedFields') };
}

function strip(managers: Managers, id: string): void {
  const owned = managers.get(id);
  if (!owned) return;
  const set = owned.set.difference(STRIPPED);
  if (set.empty) managers.delete(id);
  else managers.set(id, { ...owned, set });
}

/** A reset is an empty list or a list of one empty entry. */
function isReset(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  return value.length === 0 || (value.length === 1 && isObject(value[0]) && Object.keys(value[0]).length === 0);
}

function tryDecode(value: unknown): Managed {
  try {
    return decodeManaged(value);
  } catch {
    return emptyManaged();
  }
}

/** Where an update's ownership starts: the request's managedFields when valid and not empty, else the live object's. */
function startingPoint(scope: FieldManagerScope, live: JsonObject | undefined, requested: unknown): Managed {
  const liveManaged = tryDecode(objectAt(live, 'metadata').managedFields);
  if (scope.subresource) return liveManaged;
  if (isReset(requested)) return emptyManaged();
  const fromRequest = tryDecode(requested);
  return fromRequest.fields.size > 0 ? fromRequest : liveManaged;
}

/**
 * managedFields after a create, update or merge/JSON patch by `manager` (an Update operation).
 * `live` is undefined on create; `requested` is the managedFields the request body carried.
 */
export function recordUpdate(scope: FieldManagerScope, live: JsonObject | undefined, next: JsonObject, manager: string, requested: unknown): JsonObject[] {
  try {
    return tracked(scope, live, next, manager, requested);
  } catch (error) {
    // UpdateNoErrors: an object the ownership walk cannot type is written without managedFields.
    if (error instanceof SsaError) return [];
    throw error;
  }
}

function tracked(scope: FieldManagerScope, live: JsonObject | undefined, next: JsonObject, manager: string, requested: unknown): JsonObject[] {
  const managed = startingPoint(scope, live, requested);
  // Tracking starts at creation: an existing object without managedFields stays untracked until applied to.
  if (live && managed.fields.size === 0) return [];
  const before = live ? bare(live) : { apiVersion: scope.apiVersion, kind: scope.kind };
  const id = managerId({ manager, operation: 'Update', apiVersion: scope.apiVersion, subresource: scope.subresource });
  trackUpdate(scope, managed, before, bare(next), id);
  capUpdaters(managed);
  return encodeManaged(managed);
}

/** Gives `id` what changed from `before` to `after`, as the apiserver's managedFieldsUpdater does. */
function trackUpdate(scope: FieldManagerScope, managed: Managed, before: JsonObject, after: JsonObject, id: string): void {
  const self = 'current-operation';
  const fields = updateManagers(scope, before, after, scope.apiVersion, managed.fields, self);
  strip(fields, self);
  const mine = fields.get(self);
  fields.delete(self);
  if (mine) {
    const previous = fields.get(id);
    fields.set(id, { set: previous ? mine.set.union(previous.set) : mine.set, apiVersion: mine.apiVersion });
    managed.times.set(id, now());
  }
  managed.fields.clear();
  for (const [key, owned] of fields) managed.fields.set(key, owned);
}

interface Applied {
  /** The object to store (with its managedFields), or the live one when nothing changed. */
  readonly object: JsonObject;
}

/** Server-side apply of `config` by `manager` over `live` (undefined when the apply creates the object). */
export function recordApply(scope: FieldManagerScope, live: JsonObject | undefined, config: JsonObject, manager: string, force: boolean): Applied {
  const configMeta = objectAt(config, 'metadata');
  if (configMeta.managedFields !== undefined && configMeta.managedFields !== null) throw badRequest('metadata.managedFields must be nil');
  if (config.apiVersion !== scope.apiVersion) {
    throw badRequest(`Incorrect version specified in apply patch. Specified patch version: ${String(config.apiVersion ?? '')}, expected: ${scope.apiVersion}`);
  }
  typed(scope, config, 'patch', () => validateConfig(config, scope.schema));
  const managed = tryDecode(objectAt(live, 'metadata').managedFields);
  const base = live ? bare(live) : {};
  if (live && managed.fields.size === 0) {
    const id = managerId({ manager: 'before-first-apply', operation: 'Update', apiVersion: scope.apiVersion, subresource: scope.subresource });
    typed(scope, base, 'live', () => trackUpdate(scope, managed, { apiVersion: scope.apiVersion, kind: scope.kind }, base, id));
  }
  const id = managerId({ manager, operation: 'Apply', subresource: scope.subresource });
  const outcome = typed(scope, base, 'live', () => applyUpgrading(scope, base, config, managed, id, manager, force));
  strip(outcome.managers, id);
  if (outcome.object) managed.times.set(id, now());
  const entries = encodeManaged({ fields: outcome.managers, times: managed.times });
  const object = syncLastApplied(outcome.object ?? base, live, config, manager);
  const metadata = { ...objectAt(object, 'metadata'), ...(entries.length > 0 ? { managedFields: entries } : {}) };
  return { object: { ...object, metadata } };
}

/**
 * The apply, with kubectl's client-side-apply upgrade: when every conflict is on a field the
 * last-applied annotation still matches, the apply is forced (the apiserver's lastAppliedManager).
 */
function applyUpgrading(scope: FieldManagerScope, base: JsonObject, config: JsonObject, managed: Managed, id: string, manager: string, force: boolean): ApplyOutcome {
  const run = (forced: boolean): ApplyOutcome => applyManagers(scope, base, config, scope.apiVersion, managed.fields, id, forced);
  try {
    return run(force);
  } catch (error) {
    if (!(error instanceof ConflictsError)) throw error;
    const allowed = manager === UPGRADING_MANAGER ? allowedConflicts(base, scope.schema, scope.apiVersion) : undefined;
    if (!allowed) throw conflictError(error.conflicts);
    const left = unexcused(error.conflicts, allowed);
    if (left.length > 0) throw conflictError(left);
    return run(true);
  }
}

/** Runs a step over `object`; a typing failure is the apiserver's 500 naming the object. */
function typed<T>(scope: FieldManagerScope, object: JsonObject, which: 'patch' | 'live', step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof SsaError)) throw error;
    const meta = objectAt(object, 'metadata');
    const gv = scope.apiVersion.includes('/') ? scope.apiVersion : `/${scope.apiVersion}`;
    const who = `${gv}, Kind=${scope.kind} ${String(meta.namespace ?? '')}/${String(meta.name ?? '')}`;
    throw new StatusError(500, '', `failed to create typed ${which} object (${who}): ${error.message}`);
  }
}

/** More than ten Update entries: the oldest are merged into one "ancient-changes" entry per version. */
function capUpdaters(managed: Managed): void {
  const updaters = [...managed.fields.keys()].filter((id) => id.includes('"operation":"Update"'));
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  const seconds = (id: string): number => {
    const t = managed.times.get(id);
    return t ? Date.parse(t) / 1000 : 0;
  };
  updaters.sort((a, b) => seconds(a) - seconds(b) || (a < b ? -1 : a > b ? 1 : 0));
  const firstByVersion = new Map<string, string>();
  let count = updaters.length;
  for (const id of updaters) {
    if (count <= MAX_UPDATE_MANAGERS) break;
    const owned = managed.fields.get(id);
    if (!owned) continue;
    const bucket = managerId({ manager: 'ancient-changes', operation: 'Update', apiVersion: owned.apiVersion });
    const first = firstByVersion.get(owned.apiVersion);
    if (first === undefined) {
      firstByVersion.set(owned.apiVersion, id);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      const firstOwned = managed.fields.get(first);
      managed.fields.delete(first);
      if (firstOwned) managed.fields.set(bucket, firstOwned);
    }
    const current = managed.fields.get(bucket);
    managed.fields.set(bucket, { set: current ? owned.set.union(current.set) : owned.set, apiVersion: owned.apiVersion });
    managed.fields.delete(id);
    managed.times.set(bucket, managed.times.get(id));
    count--;
  }
}
