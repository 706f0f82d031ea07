/**
 * Merging an applied configuration into a live object, and removing a set of paths from an object,
 * by structured-merge-diff's rules: granular maps merge key by key, set and map lists merge item by
 * item (the configuration's order, live-only items kept in place), everything atomic is replaced.
 */
import { clone, isObject, type JsonObject } from '../json.js';
import type { FieldSet, PathElement } from './fieldset.js';
import { ItemIndex } from './typed.js';
import { fieldSchema, resolve, type Atom, type SchemaNode } from './types.js';

/** `rhs` merged over `lhs` (either may be undefined, meaning absent). */
export function merge(lhs: unknown, rhs: unknown, schema: SchemaNode): unknown {
  if (rhs === undefined) return clone(lhs);
  if (lhs === undefined) return clone(rhs);
  const atom = resolve(schema, rhs);
  if (atom.kind === 'list' && atom.relation !== 'atomic' && Array.isArray(lhs) && Array.isArray(rhs) && rhs.length + lhs.length > 0) {
    return mergeList(atom, lhs, rhs);
  }
  if (atom.kind === 'map' && !atom.atomic && isObject(lhs) && isObject(rhs)) {
    const out: JsonObject = {};
    for (const key of new Set([...Object.keys(lhs), ...Object.keys(rhs)])) {
      const merged = merge(lhs[key], rhs[key], fieldSchema(schema, key));
      if (merged !== undefined) out[key] = merged;
    }
    return out;
  }
  return clone(rhs);
}

/** Associative lists: shared items in the configuration's order, live-only items where they were. */
function mergeList(atom: Atom & { kind: 'list' }, lhs: readonly unknown[], rhs: readonly unknown[]): unknown[] {
  const left = new ItemIndex(atom, lhs);
  const right = new ItemIndex(atom, rhs);
  const l = left.elements();
  const r = right.elements();
  const key = (pe: PathElement): string => JSON.stringify(pe);
  const shared = r.filter((pe) => left.has(pe)).map(key);
  const done = new Set<string>();
  const out: unknown[] = [];
  const emit = (pe: PathElement): void => {
    done.add(key(pe));
    out.push(merge(left.get(pe), right.get(pe), atom.item));
    if (shared[0] === key(pe)) shared.shift();
  };
  let li = 0;
  let ri = 0;
  while (li < l.length || ri < r.length) {
    const lpe = l[li];
    const rpe = r[ri];
    if (lpe && rpe && key(lpe) === key(rpe)) {
      emit(rpe);
      li++;
      ri++;
      continue;
    }
    if (lpe && rpe && right.has(lpe) && shared.length > 0 && shared[0] !== key(lpe)) {
      li++; // a shared item the configuration puts later: it is merged when the configuration reaches it
      continue;
    }
    if (lpe) {
      if (!right.has(lpe)) {
        emit(lpe);
        li++;
        continue;
      }
      if (done.has(key(lpe))) li++;
    }
    if (rpe) {
      emit(rpe);
      ri++;
    }
  }
  return out;
}

/** `value` without the paths in `set` (a removed list or map that ends up empty is dropped). */
export function removeItems(value: unknown, set: FieldSet, schema: SchemaNode): unknown {
  const atom = resolve(schema, value);
  if (atom.kind === 'list' && atom.relation !== 'atomic' && Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const pe = atom.kind === 'list' ? itemOf(atom, item, i) : undefined;
      if (!pe || set.has([pe])) return;
      const inner = set.withPrefix(pe);
      out.push(inner.empty ? item : removeItems(item, inner, atom.item));
    });
    return out.length > 0 ? out : undefined;
  }
  if (atom.kind === 'map' && !atom.atomic && isObject(value)) {
    const out: JsonObject = {};
    for (const [key, inner] of Object.entries(value)) {
      const pe = { field: key };
      if (set.has([pe])) continue;
      const below = set.withPrefix(pe);
      const kept = below.empty ? inner : removeItems(inner, below, fieldSchema(schema, key));
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value;
}

function itemOf(atom: Atom & { kind: 'list' }, item: unknown, index: number): PathElement {
  return new ItemIndex(atom, [item]).elements()[0] ?? { index };
}
