/**
 * Sets of field paths as structured-merge-diff keeps them, and their FieldsV1 encoding
 * (`f:name`, `k:{"key":"value"}`, `v:value`, `i:index`, `.` for a path that is itself a member).
 * A set is a tree: each node says whether its own path is a member and holds its children.
 */
import { isObject, type JsonObject } from '../json.js';

/** One step of a path: a field name, an associative-list key, a set value, or a list index. */
export type PathElement =
  | { readonly field: string }
  | { readonly key: JsonObject }
  | { readonly value: unknown }
  | { readonly index: number };

export type Path = readonly PathElement[];

/** The FieldsV1 key of an element; also its identity inside a set. */
export function elementKey(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  if ('key' in pe) return `k:${JSON.stringify(sortedKeys(pe.key))}`;
  if ('value' in pe) return `v:${JSON.stringify(pe.value)}`;
  return `i:${pe.index}`;
}

function sortedKeys(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.keys(object).sort().map((k) => [k, object[k]]));
}

/** Parses a FieldsV1 key back into an element; undefined when it is not one. */
function parseElementKey(text: string): PathElement | undefined {
  const kind = text.slice(0, 2);
  const rest = text.slice(2);
  try {
    if (kind === 'f:') return { field: rest };
    if (kind === 'k:') {
      const key: unknown = JSON.parse(rest);
      return isObject(key) ? { key } : undefined;
    }
    if (kind === 'v:') return { value: JSON.parse(rest) as unknown };
    if (kind === 'i:' && /^\d+$/.test(rest)) return { index: Number(rest) };
  } catch {
    return undefined;
  }
  return undefined;
}

/** A value as structured-merge-diff prints it in paths (strings quoted, numbers bare). */
function printValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(printValue).join(',')}]`;
  if (isObject(value)) return Object.entries(value).map(([k, v]) => `${k}=${printValue(v)}`).join('');
  return String(value);
}

/** A path as conflict messages print it: `.spec.ports[name="http",protocol="TCP"].port`. */
export function pathString(path: Path): string {
  return path
    .map((pe) => {
      if ('field' in pe) return `.${pe.field}`;
      if ('key' in pe) {
        const sorted = sortedKeys(pe.key);
        return `[${Object.keys(sorted).map((k) => `${k}=${printValue(sorted[k])}`).join(',')}]`;
      }
      if ('value' in pe) return `[=${printValue(pe.value)}]`;
      return `[${pe.index}]`;
    })
    .join('');
}

const KIND_ORDER: Readonly<Record<string, number>> = { 'f:': 0, 'k:': 1, 'v:': 2, 'i:': 3 };

/** The order FieldsV1 is written in: fields, then keys, values and indexes, each sorted. */
function compareElementKeys(a: string, b: string): number {
  const kinds = (KIND_ORDER[a.slice(0, 2)] ?? 4) - (KIND_ORDER[b.slice(0, 2)] ?? 4);
  if (kinds !== 0) return kinds;
  if (a.startsWith('i:')) return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

export class FieldSet {
  /** Elements whose path (this node's path plus the element) is a member, by element key. */
  readonly members = new Map<string, PathElement>();
  readonly children = new Map<string, { readonly pe: PathElement; readonly set: FieldSet }>();

  static of(paths: readonly Path[]): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.insert(path);
    return set;
  }

  insert(path: Path): void {
    const [head, ...rest] = path;
    if (!head) return;
    if (rest.length === 0) this.members.set(elementKey(head), head);
    else this.child(head).insert(rest);
  }

  /** The child node for `pe`, created when missing. */
  child(pe: PathElement): FieldSet {
    const key = elementKey(pe);
    const found = this.children.get(key);
    if (found) return found.set;
    const set = new FieldSet();
    this.children.set(key, { pe, set });
    return set;
  }

  has(path: Path): boolean {
    const [head, ...rest] = path;
    if (!head) return false;
    const key = elementKey(head);
    return rest.length === 0 ? this.members.has(key) : (this.children.get(key)?.set.has(rest) ?? false);
  }

  /** The children of `pe` (empty when none). */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(elementKey(pe))?.set ?? new FieldSet();
  }

  get empty(): boolean {
    return this.members.size === 0 && [...this.children.values()].every((c) => c.set.empty);
  }

  union(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const source of [this, other]) {
      for (const [key, pe] of source.members) out.members.set(key, pe);
      for (const [key, { pe, set }] of source.children) {
        const mine = out.children.get(key);
        out.children.set(key, { pe, set: mine ? mine.set.union(set) : set.copy() });
      }
    }
    return out;
  }

  /** Members of this set that are not members of `other` (children compared path by path). */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, pe] of this.members) if (!other.members.has(key)) out.members.set(key, pe);
    for (const [key, { pe, set }] of this.children) {
      const theirs = other.children.get(key);
      const rest = theirs ? set.difference(theirs.set) : set.copy();
      if (!rest.empty) out.children.set(key, { pe, set: rest });
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, pe] of this.members) if (other.members.has(key)) out.members.set(key, pe);
    for (const [key, { pe, set }] of this.children) {
      const theirs = other.children.get(key);
      const both = theirs ? set.intersection(theirs.set) : undefined;
      if (both && !both.empty) out.children.set(key, { pe, set: both });
    }
    return out;
  }

  /** This set without any path under (or at) the members of `other`. */
  recursiveDifference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [key, pe] of this.members) if (!other.members.has(key)) out.members.set(key, pe);
    for (const [key, { pe, set }] of this.children) {
      if (other.members.has(key)) continue;
      const theirs = other.children.get(key);
      const rest = theirs ? set.recursiveDifference(theirs.set) : set.copy();
      if (!rest.empty) out.children.set(key, { pe, set: rest });
    }
    return out;
  }

  copy(): FieldSet {
    const out = new FieldSet();
    for (const [key, pe] of this.members) out.members.set(key, pe);
    for (const [key, { pe, set }] of this.children) out.children.set(key, { pe, set: set.copy() });
    return out;
  }

  /** Every member path: this level's members first, then each child's, in element order (as structured-merge-diff iterates). */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = [];
    for (const key of [...this.members.keys()].sort(compareElementKeys)) {
      const pe = this.members.get(key);
      if (pe) out.push([...prefix, pe]);
    }
    for (const key of [...this.children.keys()].sort(compareElementKeys)) {
      const child = this.children.get(key);
      if (child) out.push(...child.set.paths([...prefix, child.pe]));
    }
    return out;
  }

  equals(other: FieldSet): boolean {
    return this.difference(other).empty && other.difference(this).empty;
  }

  /** The FieldsV1 object: `.` first where a path is a member with children, then keys in order. */
  toFieldsV1(): JsonObject {
    const out: JsonObject = {};
    const keys = [...new Set([...this.members.keys(), ...this.children.keys()])].sort(compareElementKeys);
    for (const key of keys) {
      const child = this.children.get(key);
      const inner = child && !child.set.empty ? child.set.toFieldsV1() : {};
      out[key] = this.members.has(key) && Object.keys(inner).length > 0 ? { '.': {}, ...inner } : inner;
    }
    return out;
  }

  /** Reads a FieldsV1 object; throws on a key that is no path element. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const set = new FieldSet();
    if (!isObject(fields)) throw new Error('FieldsV1 must be an object');
    for (const [key, inner] of Object.entries(fields)) {
      if (key === '.') continue;
      const pe = parseElementKey(key);
      if (!pe) throw new Error(`invalid path element ${JSON.stringify(key)}`);
      const innerObject = isObject(inner) ? inner : {};
      const entries = Object.keys(innerObject);
      if (entries.length === 0 || entries.includes('.')) set.members.set(key, pe);
      const child = FieldSet.fromFieldsV1(innerObject);
      if (!child.empty) set.children.set(key, { pe, set: child });
    }
    return set;
  }
}
