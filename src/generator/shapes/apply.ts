import type { KindPlan } from '../plan/plan.js';
import type { PreparedKind } from '../typegen/typegen.js';
import type { Sharing } from './share.js';
import { eachTitledChild } from './tree.js';

type Node = { [key: string]: unknown };

/** A reference node (`{ tsType: name }`) for `ref`, registered so the body form can find it. */
export function referenceNode(prepared: PreparedKind, ref: NonNullable<ReturnType<Sharing['refs']['get']>>): Node {
  const node = { tsType: ref.name };
  prepared.refNodes.set(node, ref);
  return node;
}

/**
 * A prepared kind with its shared shapes applied (in place): each node of a shape declared
 * elsewhere becomes a reference; a node that declares a shape of its file takes the shape's name,
 * body name and doc. Returns the kind's plan with those names.
 */
export function applySharing(prepared: PreparedKind, sharing: Sharing): KindPlan {
  const typeNames = new Map(prepared.kind.typeNames);
  const inputTypes = new Map(prepared.kind.inputTypes);
  const visit = (node: Node & { title: string }): Node | undefined => {
    const declared = sharing.declares.get(node);
    if (declared === undefined) {
      const ref = sharing.refs.get(node);
      if (ref !== undefined) return referenceNode(prepared, ref);
    } else {
      const pointer = prepared.pointers.get(node.title) as string;
      typeNames.set(pointer, declared.name);
      const input = inputTypes.get(pointer);
      if (input && declared.inputName) inputTypes.set(pointer, { ...input, name: declared.inputName });
      if (declared.doc === undefined) delete node.description;
      else node.description = declared.doc;
    }
    eachTitledChild(node, visit);
    return undefined;
  };
  eachTitledChild(prepared.root, visit);
  return { ...prepared.kind, typeNames, inputTypes };
}
