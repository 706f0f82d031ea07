/**
 * Which named nodes of a group print the same declaration: every titled node of the kinds'
 * prepared schemas gets the id of its shape, a key of everything its declaration prints (its
 * members, their types and docs, the shapes of the named nodes inside, by id). A node held by a
 * property has its doc on that property (see the rules): its own description, the summary line
 * on its interface, is left out of the key (see sharedDoc).
 */
import type { KindPlan } from '../plan/plan.js';
import type { InputType } from '../plan/input-names.js';
import { canonical, eachTitledChild } from './tree.js';

type Node = { [key: string]: unknown };
type Titled = Node & { title: string };

/** One kind's schema as prepared for json-schema-to-typescript (titles are placeholders). */
export interface PreparedKind {
  readonly kind: KindPlan;
  readonly root: Node;
  /** Placeholder title -> pointer of the node. */
  readonly pointers: ReadonlyMap<string, string>;
}

export interface Occurrence {
  /** Index of the kind in the group's list. */
  readonly index: number;
  readonly pointer: string;
  readonly node: Titled;
  /** The name the planner gave the node. */
  readonly name: string;
  /** Its body form, when the planner gave it one. */
  readonly input?: InputType;
  readonly byProperty: boolean;
  readonly shape: string;
}

/** The last step of a planner's pointer is a property (`.../properties/<name>`). */
export function heldByProperty(pointer: string): boolean {
  const segments = pointer.split('/').slice(1);
  let last = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment === 'properties') {
      last = 'property';
      i++;
    } else if (segment === 'anyOf' || segment === 'oneOf' || segment === 'allOf') {
      last = 'branch';
      i++;
    } else {
      last = segment;
    }
  }
  return last === 'property';
}

/** What a node's key leaves out: its placeholder title, and its doc when a property holds it (the doc goes there). */
const OWN_DOC: ReadonlySet<string> = new Set(['title']);
const HELD_BY_PROPERTY: ReadonlySet<string> = new Set(['title', 'description']);

/** Every titled node but the roots, in kind order and then depth-first in schema order, with its shape. */
export function occurrences(kinds: readonly PreparedKind[]): Occurrence[] {
  const out: Occurrence[] = [];
  const ids = new Map<string, string>();
  const shapeOf = new Map<object, string>();
  kinds.forEach((prepared, index) => {
    const idOf = (node: Titled): string => {
      const known = shapeOf.get(node);
      if (known !== undefined) return known;
      const pointer = prepared.pointers.get(node.title) as string;
      const byProperty = heldByProperty(pointer);
      const key = canonical(node, idOf, byProperty ? HELD_BY_PROPERTY : OWN_DOC);
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = `${ids.size}`));
      shapeOf.set(node, id);
      return id;
    };
    const visit = (node: Titled): undefined => {
      const pointer = prepared.pointers.get(node.title) as string;
      const input = prepared.kind.inputTypes.get(pointer);
      out.push({
        index, pointer, node, name: prepared.kind.typeNames.get(pointer) as string, byProperty: heldByProperty(pointer), shape: idOf(node),
        ...(input ? { input } : {}),
      });
      eachTitledChild(node, visit);
      return undefined;
    };
    eachTitledChild(prepared.root, visit);
  });
  return out;
}

/**
 * The doc of a declaration several nodes share: the doc of the nodes that carry it on their
 * interface (items, map values, branches: equal, it is in their key), else the summary line of
 * the nodes held by a property when they all have the same one, else none (each property holds
 * its node's whole doc).
 */
export function sharedDoc(list: readonly Occurrence[]): string | undefined {
  const own = list.find((o) => !o.byProperty);
  if (own) return typeof own.node.description === 'string' ? own.node.description : undefined;
  const docs = new Set(list.map((o) => o.node.description));
  const only = docs.size === 1 ? [...docs][0] : undefined;
  return typeof only === 'string' ? only : undefined;
}
