/**
 * Shared shapes of one group: a shape met more than once is declared once. Met in one kind file
 * only, it is declared there, at its first node; met in several (kinds, versions), it is declared
 * in `<group>/shapes.ts` and the kind files import it. Names come from the planner: a shape takes
 * the shortest name its nodes were given (so declaring a shape once renames nothing, it only
 * drops the names of its copies); a shape of shapes.ts takes one that no kind file that uses it
 * declares otherwise and that no other shape of the group, shared or not, has a stronger claim
 * on (see nameModuleShapes). The body form (`<Name>Input`) follows its read form.
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
  const module = nameModuleShapes(kinds, byShape, new Set(moduleShapes.map((list) => (list[0] as Occurrence).shape)));
  for (const shape of module) {
    const ref: ShapeRef = { module: 'shapes', name: shape.name, ...(shape.inputName ? { inputName: shape.inputName } : {}) };
    for (const o of shape.occurrences) refs.set(o.node, ref);
  }
  return { refs, declares, module };
}

/**
 * Who holds each name a folder declares, by folder (`dir` of the kind's file): the shape of the
 * node the planner gave it (a type name or a body name), '' for the kinds' own names and for
 * named nodes that are no shape (the roots, nodes typed by k8s.ts). From the planner alone, so
 * it is the same whichever shapes end up shared.
 */
function folderHolders(kinds: readonly KindPlan[], all: readonly Occurrence[]): Map<string, Map<string, Set<string>>> {
  const shapeAt = new Map(all.map((o) => [`${o.index} ${o.pointer}`, o.shape]));
  const out = new Map<string, Map<string, Set<string>>>();
  kinds.forEach((k, index) => {
    const dir = k.file.slice(0, k.file.lastIndexOf('/'));
    const names = out.get(dir) ?? new Map<string, Set<string>>();
    const hold = (name: string, holder: string) => names.set(name, (names.get(name) ?? new Set<string>()).add(holder));
    for (const n of [k.typeName, k.listName, k.apiName, k.resourceName, k.inputName]) hold(n, '');
    for (const [pointer, name] of k.typeNames) hold(name, shapeAt.get(`${index} ${pointer}`) ?? '');
    for (const [pointer, input] of k.inputTypes) hold(input.name, shapeAt.get(`${index} ${pointer}`) ?? '');
    out.set(dir, names);
  });
  return out;
}

/** A shape's claim on one of its names: how many of its nodes carry it, and the newest of them. */
interface Claim {
  readonly nodes: number;
  readonly place: Place;
}

/** The stronger claim first: a name carried by two or more nodes of the shape, then the newer node (see byPlace). */
const byClaim = (a: Claim, b: Claim) => Number(a.nodes < 2) - Number(b.nodes < 2) || byPlace(a.place, b.place);

/**
 * Names for the shapes of shapes.ts, from their nodes' names (shortest first: see byName).
 *
 * Every shape of the group claims the names the planner gave its nodes, shared or not (one that
 * is not shared keeps its node's name in its kind file, but its claim counts), so whether a shape
 * is shared changes no name. The claims on a name are ranked by byClaim (carried by two nodes or
 * more, then the newest node). Its owner is the strongest claim of the shapes that may take it (no
 * folder that uses the shape declares it for anything else, by the planner's names alone) and
 * that have the strongest claim on no earlier name of theirs (they take that one or one before).
 * A shape of shapes.ts takes the first of its names it owns; one that owns none, its first name
 * with `_<rank>`, the rank of its claim among all claims on that name (`_2` is the second claim's,
 * shared or not; the strongest, when it could not take the name, comes after all of them), or the
 * next free number when that one is taken (rare: the planner gives few `_` names).
 *
 * A shape's name so hangs on its own nodes, the claims on its names, and the nodes and earlier
 * names of the shapes that claim one of them; never on the order the shapes were met, nor on
 * which shapes are shared. Adding or removing a kind, version or property renames a shape only
 * when it holds a node of the shape or named like it, or a node of a shape that carries one of
 * its names or named like an earlier name of such a shape.
 */
function nameModuleShapes(kinds: readonly KindPlan[], byShape: ReadonlyMap<string, readonly Occurrence[]>, shared: ReadonlySet<string>): ModuleShape[] {
  const all = [...byShape.values()].flat();
  const folders = folderHolders(kinds, all);
  const dirOf = (o: Occurrence) => {
    const file = (kinds[o.index] as KindPlan).file;
    return file.slice(0, file.lastIndexOf('/'));
  };
  // Name -> shape -> its claim on the name, over every node of the group.
  const claimsOn = new Map<string, Map<string, Claim>>();
  for (const o of all) {
    const claims = claimsOn.get(o.name) ?? new Map<string, Claim>();
    const place = placeOf(kinds, o);
    const held = claims.get(o.shape);
    claims.set(o.shape, { nodes: (held?.nodes ?? 0) + 1, place: held === undefined || byPlace(place, held.place) < 0 ? place : held.place });
    claimsOn.set(o.name, claims);
  }
  const ranked = new Map<string, Array<readonly [string, Claim]>>();
  const ranking = (name: string) => {
    let list = ranked.get(name);
    if (list === undefined) ranked.set(name, (list = [...(claimsOn.get(name) ?? new Map<string, Claim>())].sort(([, a], [, b]) => byClaim(a, b))));
    return list;
  };
  const taken = new Set<string>(RESERVED_TYPE_NAMES);
  const shapes = [...byShape].map(([id, list]) => {
    const dirs = [...new Set(list.map(dirOf))];
    const names = [...new Set([...list].sort(byName).map((o) => o.name))];
    // Declared for nothing else by a folder that uses the shape (the planner's names: the same whichever shapes are shared).
    const allowed = (name: string) => !RESERVED_TYPE_NAMES.has(name) && dirs.every((d) => [...(folders.get(d)?.get(name) ?? [])].every((holder) => holder === id));
    const free = (name: string) => !taken.has(name) && allowed(name);
    return { id, list, names, allowed, free };
  });
  type Shape = (typeof shapes)[number];
  const byId = new Map(shapes.map((shape) => [shape.id, shape]));
  // The first of its names a shape has the strongest claim on of all (and may take).
  const strongest = new Map(shapes.map((shape) => [shape, shape.names.findIndex((name) => ranking(name)[0]?.[0] === shape.id && shape.allowed(name))] as const));
  const ownsBefore = (shape: Shape, name: string) => {
    const at = strongest.get(shape) as number;
    return at >= 0 && at < shape.names.indexOf(name);
  };
  // A name's owner: the strongest claim of the shapes that may take it and have the strongest claim on no earlier name of theirs.
  const owner = (name: string) => ranking(name).find(([id]) => (byId.get(id) as Shape).allowed(name) && !ownsBefore(byId.get(id) as Shape, name))?.[0];
  const named = new Map<Shape, string>();
  for (const shape of shapes) {
    const name = shape.names.find((n) => owner(n) === shape.id && shape.allowed(n));
    if (name === undefined) continue;
    named.set(shape, name);
    taken.add(name);
  }
  // The others: `_<rank>` of their first name; then, in the order of those names, the next free number.
  const base = (shape: Shape) => shape.names[0] as string;
  const rest = shapes.filter((shape) => !named.has(shape)).map((shape) => {
    const claims = ranking(base(shape));
    const rank = claims.findIndex(([id]) => id === shape.id) + 1;
    return { shape, n: rank > 1 ? rank : claims.length + 1 };
  });
  rest.sort((a, b) => byKey([base(a.shape)], [base(b.shape)]) || a.n - b.n);
  const numbered = (shape: Shape, n: number) => {
    named.set(shape, `${base(shape)}_${n}`);
    taken.add(`${base(shape)}_${n}`);
  };
  const later: typeof rest = [];
  for (const entry of rest) {
    if (entry.shape.free(`${base(entry.shape)}_${entry.n}`)) numbered(entry.shape, entry.n);
    else later.push(entry);
  }
  for (const { shape, n } of later) {
    let k = n + 1;
    while (!shape.free(`${base(shape)}_${k}`)) k++;
    numbered(shape, k);
  }
  // Declared in the order of their names lists, then of their first nodes.
  const first = (shape: Shape) => `${(kinds[shape.list[0]?.index ?? 0] as KindPlan).file} ${shape.list[0]?.pointer ?? ''}`;
  const module = shapes.filter((shape) => shared.has(shape.id)).sort((a, b) => byKey(a.names, b.names) || (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
  // Body names, from each shape's own name: `<Name>Input`, else `<Name>_Input`, else `<Name>Input_2`, ...
  return module.map((shape) => {
    const name = named.get(shape) as string;
    const sample = shape.list[0] as Occurrence;
    let inputName: string | undefined;
    if (sample.input) {
      inputName = [`${name}Input`, `${name}_Input`].find(shape.free);
      for (let k = 2; inputName === undefined; k++) inputName = shape.free(`${name}Input_${k}`) ? `${name}Input_${k}` : undefined;
      taken.add(inputName);
    }
    return { name, ...(inputName ? { inputName } : {}), defaulted: sample.input?.defaulted ?? [], node: sample.node, doc: sharedDoc(shape.list), occurrences: shape.list };
  });
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
