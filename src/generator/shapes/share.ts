/**
 * Shared shapes of one group: a shape met more than once is declared once. Met in one kind file
 * only, it is declared there, at its first node; met in several (kinds, versions), it is declared
 * in `<group>/shapes.ts` and the kind files import it. Names come from the planner: a shape takes
 * the shortest name its nodes were given (so declaring a shape once renames nothing, it only
 * drops the names of its copies); a shape of shapes.ts takes one that no kind file that uses it
 * declares or exports otherwise; two that want one name: the one whose node of that name is in
 * the newest version (see nameModuleShapes). The body form (`<Name>Input`) follows its read form.
 */
import { compareVersionPriority } from '../../kube/versions.js';
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
 * Names for the shapes of shapes.ts, from their nodes' names (shortest first: see byName), each
 * free in shapes.ts and in every folder that uses the shape (bar the names of nodes that moved to
 * shapes.ts). In rounds: every shape not yet named asks for the first of its names still free;
 * of the shapes asking for one name, the one whose node of that name is newest (see byPlace) gets
 * it, the others ask again. A shape with no name left takes its shortest with `_2`, `_3`, ...
 * Who gets a name thus hangs on where the shapes' own nodes are, never on the order the shapes
 * were met: removing a version that holds neither one's node of the name renames neither.
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
  const all = shapes.map((list) => {
    const dirs = [...new Set(list.map(dirOf))];
    const names = [...new Set([...list].sort(byName).map((o) => o.name))];
    // Where the shape's newest node of each name is.
    const places = new Map<string, Place>();
    for (const o of list) {
      const place = placeOf(kinds, o);
      const held = places.get(o.name);
      if (held === undefined || byPlace(place, held) < 0) places.set(o.name, place);
    }
    return { list, dirs, names, places, free: (name: string) => !taken.has(name) && !dirs.some((d) => takenIn(d, name)) };
  });
  type Shape = (typeof all)[number];
  const named = inRounds(all, taken);
  const newest = (shape: Shape) => [...shape.places.values()].sort(byPlace)[0] as Place;
  const pick = (shape: Shape, candidates: readonly string[], base: string) => {
    let name = candidates.find(shape.free);
    for (let n = 2; name === undefined; n++) name = shape.free(`${base}_${n}`) ? `${base}_${n}` : undefined;
    taken.add(name);
    return name;
  };
  // Suffixes and body names are handed out by the shapes' shortest names, then their newest nodes.
  const ordered = [...all].sort((a, b) => byKey(a.names.slice(0, 1), b.names.slice(0, 1)) || byPlace(newest(a), newest(b)));
  for (const shape of ordered) if (!named.has(shape)) named.set(shape, pick(shape, [], shape.names[0] as string));
  const out = new Map(ordered.map((shape) => {
    const name = named.get(shape) as string;
    const sample = shape.list[0] as Occurrence;
    const inputName = sample.input ? pick(shape, [`${name}Input`, `${name}_Input`], `${name}Input`) : undefined;
    const made: ModuleShape = { name, ...(inputName ? { inputName } : {}), defaulted: sample.input?.defaulted ?? [], node: sample.node, doc: sharedDoc(shape.list), occurrences: shape.list };
    return [shape, made] as const;
  }));
  // Declared in the order of their names lists, then of their first nodes.
  const first = (shape: Shape) => `${(kinds[shape.list[0]?.index ?? 0] as KindPlan).file} ${shape.list[0]?.pointer ?? ''}`;
  return [...all].sort((a, b) => byKey(a.names, b.names) || (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0)).map((shape) => out.get(shape) as ModuleShape);
}

/** The rounds of nameModuleShapes: shape -> the name it got (none when all of its names were taken). */
function inRounds<S extends { names: readonly string[]; places: ReadonlyMap<string, Place>; free: (name: string) => boolean }>(all: readonly S[], taken: Set<string>): Map<S, string> {
  const named = new Map<S, string>();
  let asking = all;
  while (asking.length > 0) {
    const asks = new Map<string, S[]>();
    for (const shape of asking) {
      const name = shape.names.find(shape.free);
      if (name !== undefined) asks.set(name, [...(asks.get(name) ?? []), shape]);
    }
    const again: S[] = [];
    for (const [name, list] of asks) {
      const [first, ...others] = [...list].sort((a, b) => byPlace(a.places.get(name) as Place, b.places.get(name) as Place));
      named.set(first as S, name);
      taken.add(name);
      again.push(...others);
    }
    asking = again;
  }
  return named;
}

/** Where a node is: its version, then its kind file and pointer. */
interface Place {
  readonly version: string;
  readonly where: string;
}

const placeOf = (kinds: readonly KindPlan[], o: Occurrence): Place => {
  const kind = kinds[o.index] as KindPlan;
  return { version: kind.version.name, where: `${kind.file} ${o.pointer}` };
};

const depth = (place: Place) => place.where.split(' ')[0]?.split('/').length ?? 0;

/**
 * The newer place first: the higher-priority version (`v2` before `v1beta1`), then a kind file at
 * the top of its folder before one in a subfolder (a second CRD of the same kind), then by file and pointer.
 */
const byPlace = (a: Place, b: Place) => compareVersionPriority(a.version, b.version) || depth(a) - depth(b) || (a.where < b.where ? -1 : a.where > b.where ? 1 : 0);

function byKey(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return Number(x.includes('_')) - Number(y.includes('_')) || x.length - y.length || (x < y ? -1 : 1);
  }
  return a.length - b.length;
}
