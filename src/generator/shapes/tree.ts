/**
 * Walks over prepared schemas (what json-schema-to-typescript is given: see typegen.ts): the nodes
 * that will be declared carry a `title`; everything else is printed inside them.
 */
import { isSchema } from '../schema-walk.js';

type Node = { [key: string]: unknown };

const CHILD_KEYS = ['properties', 'items', 'additionalProperties', 'anyOf', 'oneOf', 'allOf'] as const;

export const isTitled = (value: unknown): value is Node & { title: string } => isSchema(value) && typeof value.title === 'string';

/**
 * Calls `visit` on every titled node below `node` (not on `node` itself) that no titled node lies
 * between; `visit` returns a replacement for it, or undefined to keep it (its own titled nodes are
 * then visited by the caller, if it wants them). Replacements are made in place.
 */
export function eachTitledChild(node: Node, visit: (titled: Node & { title: string }) => unknown): void {
  for (const key of CHILD_KEYS) {
    const value = node[key];
    if (value === undefined) continue;
    if (key === 'properties' && isSchema(value)) {
      for (const name of Object.keys(value)) {
        const replacement = titledAt(value[name], visit);
        if (replacement !== undefined) Object.defineProperty(value, name, { value: replacement, enumerable: true, writable: true, configurable: true });
      }
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const replacement = titledAt(value[i], visit);
        if (replacement !== undefined) value[i] = replacement;
      }
    } else {
      const replacement = titledAt(value, visit);
      if (replacement !== undefined) node[key] = replacement;
    }
  }
}

/** `visit`'s replacement for a titled value; below an untitled schema, its titled nodes are visited (and replaced in place). */
function titledAt(value: unknown, visit: (titled: Node & { title: string }) => unknown): unknown {
  if (!isSchema(value)) return undefined;
  if (typeof value.title === 'string') return visit(value as Node & { title: string });
  eachTitledChild(value, visit);
  return undefined;
}

/**
 * The text of a prepared node as a key: what the declaration printed for it depends on, with
 * each titled node below it written as `ref(titled)` (its shape's id). Object keys are sorted but
 * for the properties map, whose order is printed. Strings are written with their length first
 * (nothing to escape) and every member ends with a comma, so two keys are equal exactly when
 * the nodes print the same.
 */
export function canonical(node: Node, ref: (titled: Node & { title: string }) => string, leaveOut: ReadonlySet<string>): string {
  let out = '';
  const string = (s: string) => {
    out += `${s.length}:${s}`;
  };
  const write = (value: unknown, ordered: boolean): void => {
    if (Array.isArray(value)) {
      out += '[';
      for (let i = 0; i < value.length; i++) {
        if (i > 0) out += ',';
        write(value[i], false);
      }
      out += ']';
    } else if (typeof value === 'string') {
      out += '"';
      string(value);
    } else if (!isSchema(value)) {
      out += JSON.stringify(value) ?? 'null';
    } else if (typeof value.title === 'string') {
      out += '$';
      string(ref(value as Node & { title: string }));
    } else {
      members(value, ordered ? Object.keys(value) : Object.keys(value).sort(), ordered);
    }
  };
  const members = (value: Node, keys: readonly string[], ordered: boolean): void => {
    out += '{';
    for (const k of keys) {
      string(k);
      write(value[k], k === 'properties' && !ordered);
      out += ',';
    }
    out += '}';
  };
  members(node, Object.keys(node).filter((k) => !leaveOut.has(k)).sort(), false);
  return out;
}
