import type { JsonSchema } from '../../../kube/model.js';
import { properties } from '../../schema-walk.js';
import { AFFINITY_TYPES } from './affinity.js';
import { CLAIM_TYPES } from './claim.js';
import { CONTAINER_TYPES } from './container.js';
import { fieldChanges, fieldsAt, minor, OLDEST_RELEASE, shapeRefs, typeSchema, type Form, type Release, type Shape, type WellKnownType } from './describe.js';
import { META_TYPES } from './meta.js';
import { POD_SPEC_TYPES } from './pod-spec.js';
import { POD_TYPES } from './pod.js';
import { PROBE_TYPES } from './probe.js';
import { SECURITY_TYPES } from './security.js';
import { VOLUME_SOURCE_TYPES } from './volume-sources.js';
import { VOLUME_TYPES } from './volume.js';
import { shapeSignature, UNMATCHED } from './signature.js';

/**
 * Every Kubernetes type we describe, and every distinct shape it had over the releases.
 *
 * Release skew: fields were added over releases (ResourceRequirements.claims in 1.26,
 * PodAffinityTerm.matchLabelKeys in 1.29), a few were removed or replaced (PodSpec.workloadRef,
 * 1.35 only) or became required (HostAlias.ip in 1.31), and a CRD holds the shape of the release
 * its generator was built with. A node matches a shape only when it has exactly its fields; no
 * field is ever added or dropped to make a match. Each distinct shape is one declaration: the
 * newest is the plain name (`ResourceRequirements`), an older one is named after the last release
 * that had it (`ResourceRequirements1_25`), and it refers to the other types as they were at that
 * release. Where embedded ObjectMeta is a bare object (see Form), the types holding it are
 * declarations of their own too, with `EmptyMeta` after the type's name (`PodTemplateSpecEmptyMeta1_30`).
 */

export interface Declaration {
  /** The declared name: the type's name, `EmptyMeta` for that form, the release for an older shape. */
  readonly name: string;
  readonly type: WellKnownType;
  /** The release and metadata form whose shape this is (no release: the newest). */
  readonly form: Form;
  readonly signature: string;
}

/** Table order decides between types of one structure when the holder's name does not. */
export const WELL_KNOWN_TYPES: readonly WellKnownType[] = [
  ...META_TYPES,
  ...POD_TYPES,
  ...AFFINITY_TYPES,
  ...CONTAINER_TYPES,
  ...PROBE_TYPES,
  ...SECURITY_TYPES,
  ...VOLUME_TYPES,
  ...CLAIM_TYPES,
  ...VOLUME_SOURCE_TYPES,
  ...POD_SPEC_TYPES,
];

const byName = new Map(WELL_KNOWN_TYPES.map((t) => [t.name, t]));

export function wellKnownType(name: string): WellKnownType {
  const type = byName.get(name);
  if (!type) throw new Error(`no described Kubernetes type ${name}`);
  return type;
}

const expanded = new Map<string, JsonSchema>();

/** What can change a type's schema: the change releases of it and every type it holds, and whether an embedded ObjectMeta is among them. */
const closures = new Map<string, { readonly changes: readonly number[]; readonly embedsMeta: boolean }>();

function closureOf(name: string): { readonly changes: readonly number[]; readonly embedsMeta: boolean } {
  let closure = closures.get(name);
  if (!closure) {
    const seen = new Set<string>();
    const embedsMeta = (shape: Shape): boolean =>
      shape.kind === 'embedded-meta' || (shape.kind === 'array' && embedsMeta(shape.items)) || (shape.kind === 'map' && embedsMeta(shape.values)) || (shape.kind === 'ref' && !seen.has(shape.name) && visit(shape.name));
    const visit = (inner: string): boolean => {
      seen.add(inner);
      return Object.values(wellKnownType(inner).fields).some((field) => [field.shape, ...(field.before ? [field.before.shape] : [])].some(embedsMeta));
    };
    closure = { changes: changes(wellKnownType(name)), embedsMeta: visit(name) };
    closures.set(name, closure);
  }
  return closure;
}

/**
 * The schema of a type at a form with every reference expanded: one object per type and distinct
 * schema, so signatures are computed once. Two releases with the same changes of the type (and
 * of what it holds) up to them have the same schema, and so does the newest release with any
 * release from its last change on; the empty-metadata form is another schema only for a type
 * that holds an embedded ObjectMeta.
 */
export function expandedSchema(name: string, form: Form = {}): JsonSchema {
  const closure = closureOf(name);
  const last = form.release === undefined ? closure.changes[0] : closure.changes.find((m) => m <= minor(form.release as Release));
  const key = `${name}@${last ?? 'none'}${form.emptyMeta === true && closure.embedsMeta ? '/empty-meta' : ''}`;
  let schema = expanded.get(key);
  if (!schema) {
    schema = typeSchema(wellKnownType(name), form, (inner) => expandedSchema(inner, form));
    expanded.set(key, schema);
  }
  return schema;
}

/** The releases that changed the fields of the type or of a type it holds, as minors, newest first. */
function changes(type: WellKnownType, seen = new Set<string>()): number[] {
  seen.add(type.name);
  const out = new Set<number>();
  for (const field of Object.values(type.fields)) {
    for (const m of fieldChanges(field)) out.add(m);
    const shapes = field.before ? [field.shape, field.before.shape] : [field.shape];
    for (const inner of shapes.flatMap((shape) => shapeRefs(shape))) if (!seen.has(inner)) for (const m of changes(wellKnownType(inner), seen)) out.add(m);
  }
  return [...out].sort((a, b) => b - a);
}

const declarationName = (type: WellKnownType, form: Form): string =>
  `${type.name}${form.emptyMeta === true ? 'EmptyMeta' : ''}${form.release?.replace('.', '_') ?? ''}`;

/** The forms a type is declared at, in order (the first form of each distinct shape is its declaration). */
function formsOf(type: WellKnownType): Form[] {
  const older = closureOf(type.name).changes.filter((change) => change - 1 >= minor(OLDEST_RELEASE));
  const releases: Array<Release | undefined> = [undefined, ...older.map((change): Release => `1.${change - 1}`)];
  return [false, true].flatMap((emptyMeta) => releases.map((release): Form => ({ ...(release ? { release } : {}), ...(emptyMeta ? { emptyMeta } : {}) })));
}

const formSignature = (type: WellKnownType, form: Form): string => shapeSignature(expandedSchema(type.name, form));

const declarationsOfType = new Map<string, readonly Declaration[]>();
const declarationsOfForm = new Map<string, Declaration>();

/** The declaration a form gives (the first form of its type with that signature): one object per form. */
function declarationFor(type: WellKnownType, form: Form, signature: string): Declaration {
  const key = `${type.name}@${form.release ?? ''}${form.emptyMeta === true ? '/empty-meta' : ''}`;
  let d = declarationsOfForm.get(key);
  if (!d) declarationsOfForm.set(key, (d = { name: declarationName(type, form), type, form, signature }));
  return d;
}

/** A type's declarations: one per distinct shape, the newest first. */
function declarationsOf(type: WellKnownType): readonly Declaration[] {
  let out = declarationsOfType.get(type.name);
  if (!out) {
    const list: Declaration[] = [];
    for (const form of formsOf(type)) {
      const signature = formSignature(type, form);
      if (!list.some((d) => d.signature === signature)) list.push(declarationFor(type, form, signature));
    }
    declarationsOfType.set(type.name, (out = list));
  }
  return out;
}

let all: readonly Declaration[] | undefined;

/** Every declaration, in table order, the newest shape of a type first (computes every signature: for k8s.ts tests and tools). */
export function declarations(): readonly Declaration[] {
  return (all ??= WELL_KNOWN_TYPES.flatMap(declarationsOf));
}

/**
 * The members of an object's signature without their types: each property name (sorted as
 * signatures sort them) with `!` when required. Two nodes of one signature have the same members,
 * so a node can only be a declaration whose form has its members.
 */
function membersKey(names: readonly string[], required: ReadonlySet<string>): string {
  let key = '';
  for (const n of [...names].sort()) key += `${n.length}:${n}${required.has(n) ? '!' : '?'}`;
  return key;
}

interface Forms {
  /** Forms by their members, in table order then form order. */
  readonly byMembers: ReadonlyMap<string, ReadonlyArray<{ readonly type: WellKnownType; readonly form: Form }>>;
  /** Every property name of every form. */
  readonly names: ReadonlySet<string>;
}

let forms: Forms | undefined;

/** Every form of every type by its members; no signature computed. */
function formsByMembers(): Forms {
  if (!forms) {
    const byMembers = new Map<string, Array<{ readonly type: WellKnownType; readonly form: Form }>>();
    const names = new Set<string>();
    for (const type of WELL_KNOWN_TYPES) {
      // A type's members at a release are the same in both metadata forms: one key per release.
      const keys = new Map<Release | undefined, string>();
      for (const form of formsOf(type)) {
        let key = keys.get(form.release);
        if (key === undefined) {
          const fields = fieldsAt(type, form.release);
          for (const [name] of fields) names.add(name);
          key = membersKey(fields.map(([name]) => name), new Set(fields.filter(([, f]) => f.required === true).map(([name]) => name)));
          keys.set(form.release, key);
        }
        const list = byMembers.get(key) ?? [];
        list.push({ type, form });
        byMembers.set(key, list);
      }
    }
    forms = { byMembers, names };
  }
  return forms;
}

/**
 * The declarations whose signature is the node's, in table order (as `declarations()` lists
 * them), of the types `admits` lets through: only the forms with the node's members are looked
 * at, and the node's signature is computed only when some form has them.
 */
export function declarationsLike(node: JsonSchema, admits: (type: WellKnownType) => boolean = () => true): readonly Declaration[] {
  const { byMembers, names } = formsByMembers();
  const props = properties(node);
  for (const [name] of props) if (!names.has(name)) return [];
  const required = new Set(Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === 'string') : []);
  const candidates = byMembers.get(membersKey(props.map(([name]) => name), required))?.filter(({ type }) => admits(type));
  if (!candidates || candidates.length === 0) return [];
  const signature = shapeSignature(node);
  if (signature === UNMATCHED) return [];
  const out: Declaration[] = [];
  for (const { type, form } of candidates) {
    // The first form of its type with this signature is the declaration (forms without these members cannot have it).
    if (out.at(-1)?.type !== type && formSignature(type, form) === signature) out.push(declarationFor(type, form, signature));
  }
  return out;
}

let typesByName: Map<string, WellKnownType[]> | undefined;

/** The declaration of that name, if any (only the types that could declare it are looked at). */
export function declarationNamed(name: string): Declaration | undefined {
  if (!typesByName) {
    typesByName = new Map();
    for (const type of WELL_KNOWN_TYPES) {
      for (const form of formsOf(type)) {
        const list = typesByName.get(declarationName(type, form)) ?? [];
        if (!list.includes(type)) list.push(type);
        typesByName.set(declarationName(type, form), list);
      }
    }
  }
  for (const type of typesByName.get(name) ?? []) {
    const found = declarationsOf(type).find((d) => d.name === name);
    if (found) return found;
  }
  return undefined;
}

/** The declaration of a type's shape at a form (a type referred to by a declaration of that form). */
export function declarationAt(name: string, form: Form = {}): Declaration {
  const signature = shapeSignature(expandedSchema(name, form));
  const found = declarationsOf(wellKnownType(name)).find((d) => d.signature === signature);
  if (!found) throw new Error(`no declaration of ${name} at ${form.release ?? 'the newest release'}${form.emptyMeta === true ? ' with empty metadata' : ''}`);
  return found;
}
