/**
 * Ownership bookkeeping as structured-merge-diff's Updater does it. An update gives its manager
 * every field it added or changed (taking them from others); an apply merges the configuration,
 * removes what the applier stopped sending when no one else owns it, and fails with conflicts
 * when it would change a field another manager owns (unless forced).
 */
import { deepEqual, isObject, type JsonObject } from '../json.js';
import { FieldSet } from './fieldset.js';
import type { Conflict, Owned } from './managed.js';
import { merge, removeItems } from './merge.js';
import { compare, toFieldSet, withNamedFields, type Comparison } from './typed.js';
import type { SchemaNode } from './types.js';

export interface UpdaterOptions {
  readonly schema: SchemaNode;
  /** Drops the fields this endpoint may not own (status on the main resource, all but status on /status). */
  readonly filter: (set: FieldSet) => FieldSet;
}

export type Managers = Map<string, Owned>;

export class ConflictsError extends Error {
  constructor(readonly conflicts: readonly Conflict[]) {
    super(`${conflicts.length} conflict(s)`);
  }
}

function filtered(options: UpdaterOptions, c: Comparison): Comparison {
  return { added: options.filter(c.added), removed: options.filter(c.removed), modified: options.filter(c.modified) };
}

/** Takes changed fields from the other managers (or fails with conflicts unless `force`); returns the comparison. */
function settle(options: UpdaterOptions, live: unknown, next: unknown, managers: Managers, self: string, force: boolean): Comparison {
  const c = filtered(options, compare(live, next, options.schema));
  const changed = c.modified.union(c.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [id, owned] of managers) {
    if (id === self) continue;
    const clash = owned.set.intersection(changed);
    if (!clash.empty) conflicts.set(id, clash);
  }
  if (!force && conflicts.size > 0) {
    const list = [...conflicts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([manager, set]) => set.paths().map((path) => ({ manager, path })));
    throw new ConflictsError(list);
  }
  for (const [id, owned] of [...managers]) {
    if (id === self) continue;
    let set = owned.set;
    const clash = conflicts.get(id);
    if (clash) set = set.difference(clash);
    if (!c.removed.empty) set = set.difference(c.removed);
    if (set.empty) managers.delete(id);
    else managers.set(id, { ...owned, set });
  }
  return c;
}

/** A non-apply write: `manager` now owns what it added or changed, and loses what it removed. */
export function updateManagers(options: UpdaterOptions, live: unknown, next: unknown, version: string, managers: Managers, manager: string): Managers {
  const out = new Map(managers);
  const c = settle(options, live, next, out, manager, true);
  const previous = out.get(manager)?.set ?? new FieldSet();
  const set = options.filter(previous.difference(c.removed).union(c.modified).union(c.added));
  if (set.empty) out.delete(manager);
  else out.set(manager, { set, apiVersion: version });
  return out;
}

export interface ApplyOutcome {
  /** The merged object; undefined when the apply changes nothing. */
  readonly object: JsonObject | undefined;
  readonly managers: Managers;
}

/** Server-side apply of `config` over `live` by `manager`. Throws ConflictsError. */
export function applyManagers(
  options: UpdaterOptions,
  live: JsonObject,
  config: JsonObject,
  version: string,
  managers: Managers,
  manager: string,
  force: boolean,
): ApplyOutcome {
  const out = new Map(managers);
  const merged = merge(live, config, options.schema);
  const last = out.get(manager);
  out.set(manager, { set: options.filter(toFieldSet(config, options.schema)), apiVersion: version });
  const pruned = prune(options, isObject(merged) ? merged : live, out, last?.set);
  settle(options, live, pruned, out, manager, force);
  return { object: deepEqual(live, pruned) ? undefined : pruned, managers: out };
}

/**
 * Removes a field, list item or map entry when the applier applied it last time, does not apply
 * it now, and no other manager (applier or updater) owns it.
 */
function prune(options: UpdaterOptions, merged: JsonObject, managers: Managers, lastSet: FieldSet | undefined): JsonObject {
  if (!lastSet || lastSet.empty) return merged;
  const { schema } = options;
  const named = (set: FieldSet): FieldSet => withNamedFields(set, schema);
  const remove = (set: FieldSet): JsonObject => {
    const out = removeItems(merged, set, schema);
    return isObject(out) ? out : {};
  };
  const mergedSet = named(toFieldSet(merged, schema));
  let owned = new FieldSet();
  for (const { set } of managers.values()) owned = owned.union(set);
  // First everything the applier owned goes; then what someone still owns (or never was the applier's) comes back.
  const firstCut = remove(named(lastSet));
  const ownedBack = remove(mergedSet.difference(named(toFieldSet(firstCut, schema)).union(named(owned))));
  const stillGone = mergedSet.difference(named(toFieldSet(ownedBack, schema))).intersection(named(lastSet));
  return remove(stillGone);
}
