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
  const at = (value: unknown, put: (v: unknown) => void): void => {
    if (isTitled(value)) {
      const replacement = visit(value);
      if (replacement !== undefined) put(replacement);
      return;
    }
    if (isSchema(value)) eachTitledChild(value, visit);
  };
  for (const key of CHILD_KEYS) {
    const value = node[key];
    if (key === 'properties' && isSchema(value)) {
      for (const name of Object.keys(value)) at(value[name], (v) => Object.defineProperty(value, name, { value: v, enumerable: true, writable: true, configurable: true }));
    } else if (Array.isArray(value)) {
      value.forEach((entry, i) => at(entry, (v) => { value[i] = v; }));
    } else if (value !== undefined) {
      at(value, (v) => { node[key] = v; });
    }
  }
}

/**
 * The text of a prepared node as a key: what the declaration printed for it depends on, with
 * each titled node below it written as `ref(titled)` (its shape's id). Object keys are sorted but
 * for the properties map, whose order is printed.
 */
export function canonical(node: Node, ref: (titled: Node & { title: string }) => string, leaveOut: ReadonlySet<string>): string {
  const write = (value: unknown, ordered: boolean): string => {
    if (Array.isArray(value)) return `[${value.map((v) => write(v, false)).join(',')}]`;
    if (isTitled(value)) return `{"$":${JSON.stringify(ref(value))}}`;
    if (!isSchema(value)) return JSON.stringify(value) ?? 'null';
    const keys = ordered ? Object.keys(value) : Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${write(value[k], k === 'properties' && !ordered)}`).join(',')}}`;
  };
  const own = Object.keys(node).filter((k) => !leaveOut.has(k)).sort();
  return `{${own.map((k) => `${JSON.stringify(k)}:${write(node[k], k === 'properties')}`).join(',')}}`;
}
