/**
 * Shared shapes of one group: a shape met more than once is declared once. Met in one kind file
 * only, it is declared there, at its first node; met in several (kinds, versions), it is declared
 * in `<group>/shapes.ts` and the kind files import it. Names come from the planner: a shape takes
 * the shortest name its nodes were given (so declaring a shape once renames nothing, it only
 * drops the names of its copies); a shape of shapes.ts takes one that no kind file that uses it
 * declares otherwise and that it has the strongest claim on of all the shapes of the group, shared
 * or not (see module-names.ts). The body form (`<Name>Input`) follows its read form.
 */
import type { KindPlan } from '../plan/plan.js';
import { byName, nameModuleShapes, type ModuleShape } from './module-names.js';
export type { ModuleShape } from './module-names.js';
import { sharedDoc, type Occurrence } from './occurrences.js';
import type { ShapeRef } from './refs.js';

export interface Sharing {
  /** Titled node -> the declaration it stands for (its node is replaced by a reference). */
  readonly refs: ReadonlyMap<object, ShapeRef>;
  /** Nodes that declare a shape of their kind file: their name, body name and doc (undefined: none). */
  readonly declares: ReadonlyMap<object, { readonly name: string; readonly inputName?: string; readonly doc: string | undefined }>;
  readonly module: readonly ModuleShape[];
}

export function share(kinds: readonly KindPlan[], all: readonly Occurrence[]): Sharing {
  const byShape = new Map<string, Occurrence[]>();
  for (const o of all) byShape.set(o.shape, [...(byShape.get(o.shape) ?? []), o]);
  const refs = new Map<object, ShapeRef>();
  const declares = new Map<object, { name: string; inputName?: string; doc: string | undefined }>();
  const moduleShapes: Array<readonly Occurrence[]> = [];
  for (const list of byShape.values()) {
    if (list.length < 2) continue;
    const files = new Set(list.map((o) => o.index));
    if (files.size > 1) {
      moduleShapes.push(list);
      continue;
    }
    // Declared at its first node not inside another node that became a reference.
    const best = [...list].sort(byName)[0] as Occurrence;
    const ref: ShapeRef = { module: 'self', name: best.name, ...(best.input ? { inputName: best.input.name } : {}) };
    for (const o of list) refs.set(o.node, ref);
    declares.set(list[0]?.node as object, { name: ref.name, ...(ref.inputName ? { inputName: ref.inputName } : {}), doc: sharedDoc(list) });
  }
  const module = nameModuleShapes(kinds, byShape, new Set(moduleShapes.map((list) => (list[0] as Occurrence).shape)));
  for (const shape of module) {
    const ref: ShapeRef = { module: 'shapes', name: shape.name, ...(shape.inputName ? { inputName: shape.inputName } : {}) };
    for (const o of shape.occurrences) refs.set(o.node, ref);
  }
  return { refs, declares, module };
}
