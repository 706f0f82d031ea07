/**
 * Schema-aware walks over objects, following structured-merge-diff's rules: the field set an object
 * sets, the comparison of two objects (added, removed, modified paths), and the paths under a node.
 * Absent values are `undefined`; an explicit JSON null is a value.
 */
import { deepEqual, isObject } from '../json.js';
import { FieldSet, type Path, type PathElement } from './fieldset.js';
import { childSchema, declaresField, fieldSchema, itemElement, resolve, type Atom, type SchemaNode } from './types.js';

/** The paths a value sets: scalars, atomic lists and maps, list items, free map keys and empty maps. */
export function toFieldSet(value: unknown, schema: SchemaNode): FieldSet {
  const set = new FieldSet();
  collect(value, schema, [], set);
  return set;
}

function collect(value: unknown, schema: SchemaNode, path: Path, set: FieldSet): void {
  const atom = resolve(schema, value);
  if (atom.kind === 'scalar' || (atom.kind === 'list' && atom.relation === 'atomic') || (atom.kind === 'map' && atom.atomic)) {
    set.insert(path);
    return;
  }
  if (atom.kind === 'list') {
    if (!Array.isArray(value)) return;
    for (const [pe, item] of new ItemIndex(atom, value)) {
      const at = [...path, pe];
      collect(item, atom.item, at, set);
      set.insert(at);
    }
    return;
  }
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    const at = [...path, { field: key }];
    collect(inner, fieldSchema(schema, key), at, set);
    if (inner === null || (isObject(inner) && Object.keys(inner).length === 0) || !declaresField(schema, key)) set.insert(at);
  }
}

/** An associative list indexed by element key, in list order. */
export class ItemIndex implements Iterable<[PathElement, unknown]> {
  readonly #items = new Map<string, [PathElement, unknown]>();

  constructor(atom: Atom & { kind: 'list' }, items: readonly unknown[]) {
    items.forEach((item, i) => {
      const pe = itemElement(atom, item, i);
      const key = JSON.stringify(pe);
      if (!this.#items.has(key)) this.#items.set(key, [pe, item]);
    });
  }

  get(pe: PathElement): unknown {
    return this.#items.get(JSON.stringify(pe))?.[1];
  }

  has(pe: PathElement): boolean {
    return this.#items.has(JSON.stringify(pe));
  }

  elements(): PathElement[] {
    return [...this.#items.values()].map(([pe]) => pe);
  }

  [Symbol.iterator](): Iterator<[PathElement, unknown]> {
    return this.#items.values();
  }
}

export interface Comparison {
  readonly added: FieldSet;
  readonly removed: FieldSet;
  readonly modified: FieldSet;
}

/** What changed from `lhs` to `rhs`: leaves compared by value, granular nodes item by item. */
export function compare(lhs: unknown, rhs: unknown, schema: SchemaNode): Comparison {
  const c = { added: new FieldSet(), removed: new FieldSet(), modified: new FieldSet() };
  compareAt(lhs, rhs, schema, [], c);
  return c;
}

function compareAt(lhs: unknown, rhs: unknown, schema: SchemaNode, path: Path, c: Comparison): void {
  const atom = resolve(schema, rhs === undefined ? lhs : rhs);
  const leaf = (): void => {
    if (lhs === undefined) c.added.insert(path);
    else if (rhs === undefined) c.removed.insert(path);
    else if (!deepEqual(lhs, rhs)) c.modified.insert(path);
  };
  if (atom.kind === 'scalar') return leaf();
  if (atom.kind === 'list') {
    const l = Array.isArray(lhs) ? lhs : [];
    const r = Array.isArray(rhs) ? rhs : [];
    const mismatched = (lhs !== undefined && lhs !== null && !Array.isArray(lhs)) || (rhs !== undefined && rhs !== null && !Array.isArray(rhs));
    if (atom.relation === 'atomic' || mismatched || (l.length === 0 && r.length === 0)) return leaf();
    const left = new ItemIndex(atom, l);
    const right = new ItemIndex(atom, r);
    const all = [...left.elements(), ...right.elements().filter((pe) => !left.has(pe))];
    for (const pe of all) compareAt(left.get(pe), right.get(pe), atom.item, [...path, pe], c);
  } else {
    const l = isObject(lhs) ? lhs : {};
    const r = isObject(rhs) ? rhs : {};
    const mismatched = (lhs !== undefined && lhs !== null && !isObject(lhs)) || (rhs !== undefined && rhs !== null && !isObject(rhs));
    if (atom.atomic || mismatched || (Object.keys(l).length === 0 && Object.keys(r).length === 0)) return leaf();
    for (const key of new Set([...Object.keys(l), ...Object.keys(r)])) {
      compareAt(l[key], r[key], fieldSchema(schema, key), [...path, { field: key }], c);
    }
  }
  if (lhs === undefined) c.added.insert(path);
  else if (rhs === undefined) c.removed.insert(path);
}

/**
 * The set with every declared struct field that has children also made a member (as
 * structured-merge-diff's EnsureNamedFieldsAreMembers), so pruning can drop emptied structs.
 */
export function withNamedFields(set: FieldSet, schema: SchemaNode): FieldSet {
  const out = new FieldSet();
  for (const [key, pe] of set.members) out.members.set(key, pe);
  for (const [key, { pe, set: inner }] of set.children) {
    if ('field' in pe && declaresField(schema, pe.field)) out.members.set(key, pe);
    out.children.set(key, { pe, set: withNamedFields(inner, childSchema(schema, pe)) });
  }
  return out;
}
