/**
 * Strategic merge patch (`application/strategic-merge-patch+json`, what `kubectl apply` and
 * `kubectl patch` send by default) for the built-in kinds served here; custom resources keep
 * answering 415 as kube-apiserver does. Their Go types declare two merge lists, both in ObjectMeta:
 * `finalizers` (a set of strings) and `ownerReferences` (merged by `uid`); every other list is
 * replaced. Directives: `$patch: replace|delete` on maps and keyed list items,
 * `$deleteFromPrimitiveList/<list>`; `$setElementOrder/<list>` and `$retainKeys` are accepted and
 * dropped (order and retention are not enforced).
 */
import { clone, deepEqual, isObject, type JsonObject } from './json.js';

const MERGE_LISTS: Readonly<Record<string, string | null>> = { 'metadata.finalizers': null, 'metadata.ownerReferences': 'uid' };

export function isStrategicMergePatch(contentType: string): boolean {
  return contentType.split(';')[0]?.trim().toLowerCase() === 'application/strategic-merge-patch+json';
}

/** The patched document; undefined when the patch deletes it (`$patch: delete`). */
export function strategicMergePatch(target: unknown, patch: unknown, path = ''): unknown {
  if (!isObject(patch)) return clone(patch);
  if (patch.$patch === 'delete') return undefined;
  const replace = patch.$patch === 'replace';
  const out: JsonObject = isObject(target) && !replace ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (!key.startsWith('$deleteFromPrimitiveList/') || !Array.isArray(value)) continue;
    const list = key.slice('$deleteFromPrimitiveList/'.length);
    const current = out[list];
    if (Array.isArray(current)) out[list] = current.filter((item) => !value.some((v) => deepEqual(v, item)));
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    const at = path ? `${path}.${key}` : key;
    if (value === null) delete out[key];
    else if (Array.isArray(value) && at in MERGE_LISTS) out[key] = mergeList(out[key], value, MERGE_LISTS[at] ?? null);
    else if (isObject(value)) {
      const merged = strategicMergePatch(out[key], value, at);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else out[key] = clone(value);
  }
  return out;
}

/** A merge list: a set of primitives (`key` null) or objects merged by `key`. */
function mergeList(current: unknown, patch: readonly unknown[], key: string | null): unknown[] {
  const out = Array.isArray(current) ? [...current] : [];
  for (const item of patch) {
    if (key === null || !isObject(item)) {
      if (!out.some((x) => deepEqual(x, item))) out.push(clone(item));
      continue;
    }
    const index = out.findIndex((x) => isObject(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
    } else if (index >= 0) out[index] = strategicMergePatch(out[index], item);
    else out.push(strategicMergePatch({}, item));
  }
  return out;
}
