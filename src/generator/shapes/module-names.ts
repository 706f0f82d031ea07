/**
 * Names for the shapes of `<group>/shapes.ts`. A shape's name is decided from the claims on the
 * names it may take, each name on its own, so it hangs on its own nodes and on the nodes that
 * carry one of its names, never on the order the shapes were met, on which shapes are shared, or
 * on what another shape took (no chain: A losing a name to B never moves C).
 *
 * 1. Every shape of the group claims the names the planner gave its nodes, shared or not (one
 *    that is not shared keeps its node's name in its kind file, but its claim counts: the day it
 *    is shared it takes no name from another). A name goes to the strongest claim on it among the
 *    shapes of the group (see byClaim); it takes the name when it may (see allowed: when it may
 *    not, no shape takes it). A shape takes the first of its names (shortest first, see byName)
 *    that it wins, none more than LONGER_BY characters longer than its first name.
 * 2. A shape that wins none takes a longer planner tail of one of its nodes' names, one path
 *    word longer first (`CertificateSpecIssuerRef` for `CertificateIssuerRef`), none more than
 *    LONGER_BY characters longer than its first name, that no node of the
 *    group is named and no kind file that uses it declares; two that want one: the stronger claim
 *    on the name it lengthens. Shapes that are not shared take part in both steps.
 * 3. Else its first name with `_<rank of its claim on it>`, or the next free number.
 */
import { compareVersionPriority } from '../../kube/versions.js';
import { RESERVED_TYPE_NAMES } from '../plan/naming.js';
import { nestedCandidates } from '../plan/names.js';
import type { KindPlan } from '../plan/plan.js';
import type { SchemaNode } from '../schema-walk.js';
import { sharedDoc, type Occurrence } from './occurrences.js';

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

/** Which of a shape's names it takes: one the planner did not have to mark with `_`, then the shortest. */
export const byName = (a: Occurrence, b: Occurrence) =>
  Number(a.name.includes('_')) - Number(b.name.includes('_')) || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

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

/** A shape's claim on one of its names: how many of its nodes carry it, and the newest of them. */
interface Claim {
  readonly nodes: number;
  readonly place: Place;
}

/** The stronger claim first: a name carried by two or more nodes of the shape, then the newer node (see byPlace). */
const byClaim = (a: Claim, b: Claim) => Number(a.nodes < 2) - Number(b.nodes < 2) || byPlace(a.place, b.place);

/** Name -> the claims of the shapes that carry it, strongest first: [shape id, claim]. */
function claimsOn(kinds: readonly KindPlan[], all: readonly Occurrence[]): Map<string, Array<readonly [string, Claim]>> {
  const by = new Map<string, Map<string, Claim>>();
  for (const o of all) {
    const claims = by.get(o.name) ?? new Map<string, Claim>();
    const place = placeOf(kinds, o);
    const held = claims.get(o.shape);
    claims.set(o.shape, { nodes: (held?.nodes ?? 0) + 1, place: held === undefined || byPlace(place, held.place) < 0 ? place : held.place });
    by.set(o.name, claims);
  }
  return new Map([...by].map(([name, claims]) => [name, [...claims].sort(([, a], [, b]) => byClaim(a, b))]));
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
    const dir = dirOf(k);
    const names = out.get(dir) ?? new Map<string, Set<string>>();
    const hold = (name: string, holder: string) => names.set(name, (names.get(name) ?? new Set<string>()).add(holder));
    for (const n of [k.typeName, k.listName, k.apiName, k.resourceName, k.inputName]) hold(n, '');
    for (const [pointer, name] of k.typeNames) hold(name, shapeAt.get(`${index} ${pointer}`) ?? '');
    for (const [pointer, input] of k.inputTypes) hold(input.name, shapeAt.get(`${index} ${pointer}`) ?? '');
    out.set(dir, names);
  });
  return out;
}

const dirOf = (kind: KindPlan) => kind.file.slice(0, kind.file.lastIndexOf('/'));

/** How much longer than its first name a name a shape wins may be (else it takes a step-2 name). */
const LONGER_BY = 16;

interface Shape {
  readonly id: string;
  readonly list: readonly Occurrence[];
  /** Its nodes' names, shortest first (see byName). */
  readonly names: readonly string[];
  /** No kind file that uses it declares the name for anything else, and no global is named so. */
  readonly allowed: (name: string) => boolean;
}

/** Names for the shapes of shapes.ts (`shared`: their ids; the others only claim), in declaration order. */
export function nameModuleShapes(kinds: readonly KindPlan[], byShape: ReadonlyMap<string, readonly Occurrence[]>, shared: ReadonlySet<string>): ModuleShape[] {
  const all = [...byShape.values()].flat();
  const folders = folderHolders(kinds, all);
  const claims = claimsOn(kinds, all);
  const shapes: Shape[] = [...byShape].map(([id, list]) => {
    const dirs = [...new Set(list.map((o) => dirOf(kinds[o.index] as KindPlan)))];
    const allowed = (name: string) => !RESERVED_TYPE_NAMES.has(name) && dirs.every((d) => [...(folders.get(d)?.get(name) ?? [])].every((holder) => holder === id));
    return { id, list, names: [...new Set([...list].sort(byName).map((o) => o.name))], allowed };
  });
  // A name's winner: the strongest claim on it, from the claims on that name alone (it takes the name if it may).
  const winner = (name: string) => claims.get(name)?.[0]?.[0];
  // Every shape is named, shared or not (so a shape that becomes shared takes nothing from another); shapes.ts declares the shared ones.
  const named = new Map<Shape, string>();
  for (const shape of shapes) {
    const name = shape.names.find((n) => n.length <= (shape.names[0] as string).length + LONGER_BY && winner(n) === shape.id && shape.allowed(n));
    if (name !== undefined) named.set(shape, name);
  }
  const claimOf = (shape: Shape, name: string) => claims.get(name)?.find(([id]) => id === shape.id)?.[1] as Claim;
  for (const [shape, name] of longerNames(kinds, shapes.filter((shape) => !named.has(shape)), claimOf, (name) => !claims.has(name))) named.set(shape, name);
  const module = shapes.filter((shape) => shared.has(shape.id));
  const taken = new Set<string>([...RESERVED_TYPE_NAMES, ...module.flatMap((shape) => named.get(shape) ?? [])]);
  numbered(module.filter((shape) => !named.has(shape)), claims, taken, named);
  // Declared in the order of their names lists, then of their first nodes.
  const first = (shape: Shape) => `${(kinds[shape.list[0]?.index ?? 0] as KindPlan).file} ${shape.list[0]?.pointer ?? ''}`;
  module.sort((a, b) => byKey(a.names, b.names) || (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
  // Body names, from each shape's own name: `<Name>Input`, else `<Name>_Input`, else `<Name>Input_2`, ...
  return module.map((shape) => {
    const name = named.get(shape) as string;
    const sample = shape.list[0] as Occurrence;
    let inputName: string | undefined;
    if (sample.input) {
      const free = (n: string) => !taken.has(n) && shape.allowed(n);
      inputName = [`${name}Input`, `${name}_Input`].find(free);
      for (let k = 2; inputName === undefined; k++) inputName = free(`${name}Input_${k}`) ? `${name}Input_${k}` : undefined;
      taken.add(inputName);
    }
    return { name, ...(inputName ? { inputName } : {}), defaulted: sample.input?.defaulted ?? [], node: sample.node, doc: sharedDoc(shape.list), occurrences: shape.list };
  });
}

/**
 * Step 2 of the module comment: for each shape that won none of its names, the longer tails of
 * its nodes' paths (by its names, then its nodes newest first, then one path word longer first)
 * that `unclaimed` allows and the shape may take. A longer name goes to the shape with the strongest claim on the
 * name it lengthens (byClaim); a shape takes the first it gets (decided per name, as in step 1).
 */
function longerNames(kinds: readonly KindPlan[], losers: readonly Shape[], claimOf: (shape: Shape, name: string) => Claim, unclaimed: (name: string) => boolean): Map<Shape, string> {
  const asks = new Map<Shape, string[]>();
  const strongest = new Map<string, readonly [Shape, Claim]>();
  for (const shape of losers) {
    const wanted: string[] = [];
    for (const o of [...shape.list].sort((a, b) => shape.names.indexOf(a.name) - shape.names.indexOf(b.name) || byPlace(placeOf(kinds, a), placeOf(kinds, b)))) {
      const kind = kinds[o.index] as KindPlan;
      if (!kind.version.schema || o.name.includes('_')) continue;
      const candidates = nestedCandidates(kind.version.schema as SchemaNode, kind.typeName, o.pointer);
      if (!candidates.includes(o.name)) continue;
      for (const next of candidates.slice(candidates.indexOf(o.name) + 1)) {
        if (next.length > (shape.names[0] as string).length + LONGER_BY || !unclaimed(next) || !shape.allowed(next) || wanted.includes(next)) continue;
        wanted.push(next);
        const held = strongest.get(next);
        const claim = claimOf(shape, o.name);
        if (held === undefined || byClaim(claim, held[1]) < 0) strongest.set(next, [shape, claim]);
      }
    }
    asks.set(shape, wanted);
  }
  const out = new Map<Shape, string>();
  for (const [shape, wanted] of asks) {
    const name = wanted.find((n) => strongest.get(n)?.[0] === shape);
    if (name !== undefined) out.set(shape, name);
  }
  return out;
}

/**
 * Step 3: `_<rank>` of a shape's first name, the rank of its claim among all claims on that name
 * (the strongest, when it could not take the name, comes after all of them); then, in the order of
 * those names, the next free number.
 */
function numbered(rest: readonly Shape[], claims: ReadonlyMap<string, ReadonlyArray<readonly [string, Claim]>>, taken: Set<string>, named: Map<Shape, string>): void {
  const base = (shape: Shape) => shape.names[0] as string;
  const wants = rest.map((shape) => {
    const on = claims.get(base(shape)) ?? [];
    const rank = on.findIndex(([id]) => id === shape.id) + 1;
    return { shape, n: rank > 1 ? rank : on.length + 1 };
  });
  wants.sort((a, b) => byKey([base(a.shape)], [base(b.shape)]) || a.n - b.n);
  const free = (shape: Shape, n: number) => !taken.has(`${base(shape)}_${n}`) && shape.allowed(`${base(shape)}_${n}`);
  const take = (shape: Shape, n: number) => {
    named.set(shape, `${base(shape)}_${n}`);
    taken.add(`${base(shape)}_${n}`);
  };
  const later: typeof wants = [];
  for (const want of wants) {
    if (free(want.shape, want.n)) take(want.shape, want.n);
    else later.push(want);
  }
  for (const { shape, n } of later) {
    let k = n + 1;
    while (!free(shape, k)) k++;
    take(shape, k);
  }
}

function byKey(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return Number(x.includes('_')) - Number(y.includes('_')) || x.length - y.length || (x < y ? -1 : 1);
  }
  return a.length - b.length;
}
