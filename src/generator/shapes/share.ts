/**
 * Shared shapes of one group: a shape met more than once is declared once. Met in one kind file
 * only, it is declared there, at its first node; met in several (kinds, versions), it is declared
 * in `<group>/shapes.ts` and the kind files import it. Names come from the planner: a shape takes
 * the shortest name its nodes were given (so declaring a shape once renames nothing, it only
 * drops the names of its copies); a shape of shapes.ts takes one that no kind file that uses it
 * declares or exports otherwise. The body form (`<Name>Input`) follows its read form.
 */
import { RESERVED_TYPE_NAMES } from '../plan/naming.js';
import type { KindPlan } from '../plan/plan.js';
import { sharedDoc, type Occurrence } from './occurrences.js';
import type { ShapeRef } from './refs.js';

/** A shape declared in shapes.ts. */
export interface ModuleShape {
  readonly name: string;
  readonly inputName?: string;
  /** Wire names of the required properties its body form leaves optional. */
  readonly defaulted: readonly string[];
  /** One of its nodes (all print the same declaration). */
  readonly node: { [key: string]: unknown } & { title: string };
  readonly doc: string | undefined;
  readonly occurrences: readonly Occurrence[];
}

export interface Sharing {
  /** Titled node -> the declaration it stands for (its node is replaced by a reference). */
  readonly refs: ReadonlyMap<object, ShapeRef>;
  /** Nodes that declare a shape of their kind file: their name, body name and doc (undefined: none). */
  readonly declares: ReadonlyMap<object, { readonly name: string; readonly inputName?: string; readonly doc: string | undefined }>;
  readonly module: readonly ModuleShape[];
}

/** Which of a shape's names it takes: one the planner did not have to mark with `_`, then the shortest. */
const byName = (a: Occurrence, b: Occurrence) =>
  Number(a.name.includes('_')) - Number(b.name.includes('_')) || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

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
  const module = nameModuleShapes(kinds, moduleShapes);
  for (const shape of module) {
    const ref: ShapeRef = { module: 'shapes', name: shape.name, ...(shape.inputName ? { inputName: shape.inputName } : {}) };
    for (const o of shape.occurrences) refs.set(o.node, ref);
  }
  return { refs, declares, module };
}

/** Every name a kind file's folder holds, by folder (`dir` of the kind's file). */
function folderNames(kinds: readonly KindPlan[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const k of kinds) {
    const dir = k.file.slice(0, k.file.lastIndexOf('/'));
    const names = out.get(dir) ?? new Set<string>();
    for (const n of [k.typeName, k.listName, k.apiName, k.resourceName, k.inputName, ...k.typeNames.values(), ...[...k.inputTypes.values()].map((t) => t.name)]) names.add(n);
    out.set(dir, names);
  }
  return out;
}

/**
 * Names for the shapes of shapes.ts: each the shortest of its nodes' names that is free in
 * shapes.ts and in every folder that uses it (bar the names of nodes that moved to shapes.ts),
 * shapes claiming in the order of those names; else the shortest with `_2`, `_3`, ...
 */
function nameModuleShapes(kinds: readonly KindPlan[], shapes: ReadonlyArray<readonly Occurrence[]>): ModuleShape[] {
  const folders = folderNames(kinds);
  const dirOf = (o: Occurrence) => {
    const file = (kinds[o.index] as KindPlan).file;
    return file.slice(0, file.lastIndexOf('/'));
  };
  const moved = new Map<string, Set<string>>();
  for (const o of shapes.flat()) {
    const names = moved.get(dirOf(o)) ?? new Set<string>();
    names.add(o.name);
    if (o.input) names.add(o.input.name);
    moved.set(dirOf(o), names);
  }
  const takenIn = (dir: string, name: string) => (folders.get(dir)?.has(name) ?? false) && !(moved.get(dir)?.has(name) ?? false);
  const taken = new Set<string>(RESERVED_TYPE_NAMES);
  const ordered = shapes
    .map((list) => ({ list, names: [...new Set([...list].sort(byName).map((o) => o.name))], first: `${(kinds[list[0]?.index ?? 0] as KindPlan).file} ${list[0]?.pointer ?? ''}` }))
    .sort((a, b) => byKey(a.names, b.names) || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  return ordered.map(({ list, names }) => {
    const dirs = [...new Set(list.map(dirOf))];
    const free = (name: string) => !taken.has(name) && !dirs.some((d) => takenIn(d, name));
    const pick = (candidates: readonly string[]) => {
      let name = candidates.find(free);
      for (let n = 2; name === undefined; n++) name = free(`${candidates[0] as string}_${n}`) ? `${candidates[0] as string}_${n}` : undefined;
      taken.add(name);
      return name;
    };
    const name = pick(names);
    const sample = list[0] as Occurrence;
    const inputName = sample.input ? pick([`${name}Input`, `${name}_Input`]) : undefined;
    return { name, ...(inputName ? { inputName } : {}), defaulted: sample.input?.defaulted ?? [], node: sample.node, doc: sharedDoc(list), occurrences: list };
  });
}

function byKey(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return Number(x.includes('_')) - Number(y.includes('_')) || x.length - y.length || (x < y ? -1 : 1);
  }
  return a.length - b.length;
}
