/**
 * `<group>/shapes.ts` as a schema for json-schema-to-typescript: every shape the group's kind
 * files share, and its body form when it has one, as titled nodes under one root (left out when
 * emitted). The named nodes inside a shape are shapes of the module too (or of k8s.ts): references.
 */
import type { JSONSchema } from 'json-schema-to-typescript';
import type { JsonSchema } from '../../kube/model.js';
import { isSchema } from '../schema-walk.js';
import { inputDoc } from '../typegen/input.js';
import { encodePropertyName } from '../typegen/own-names.js';
import { typeAst, type Typed } from '../typegen/jstt.js';
import { COMPILE_OPTIONS, importsOf, reachableRefs } from '../typegen/typegen.js';
import type { ShapeModule, ShapeRef } from './refs.js';
import type { ModuleShape, Sharing } from './share.js';
import { eachTitledChild } from './tree.js';

type Node = { [key: string]: unknown };

/** What shapes.ts declares, typed as KindTypes has it for a kind file. */
export interface ModuleTypes {
  readonly typed: Typed;
  /** Placeholder -> declared name. */
  readonly names: ReadonlyMap<string, string>;
  /** The root title to leave out. */
  readonly root: string;
  readonly imports: ReadonlyMap<ShapeModule, readonly string[]>;
  /** Name of a declaration -> the declarations of this module and of k8s.ts it names. */
  readonly refersTo: ReadonlyMap<string, ReadonlyArray<readonly [ShapeModule, string]>>;
}

const ROOT = 'CrdgenShapes';

export async function moduleTypes(shapes: readonly ModuleShape[], sharing: Sharing, refNodes: ReadonlyMap<object, ShapeRef>): Promise<ModuleTypes> {
  const refs = new Map(refNodes);
  const names = new Map<string, string>();
  const refersTo = new Map<string, Array<readonly [ShapeModule, string]>>();
  const named = (node: Node) => reachableRefs(node, refs).flatMap((r): Array<readonly [ShapeModule, string]> => (r.module === 'self' ? [] : [[r.module, r.name]]));
  const properties: Node = {};
  shapes.forEach((shape, i) => {
    const read: Node = { ...shape.node, title: `CrdgenShape${i}` };
    if (shape.doc === undefined) delete read.description;
    else read.description = shape.doc;
    eachTitledChild(read, (child) => {
      const ref = sharing.refs.get(child);
      if (ref === undefined) throw new Error(`shapes.ts: a named node inside ${shape.name} is not shared`);
      const node = { tsType: ref.name };
      refs.set(node, ref);
      return node;
    });
    names.set(read.title as string, shape.name);
    properties[`s${i}`] = read;
    refersTo.set(shape.name, named(read));
    if (shape.inputName === undefined) return;
    const input = bodyForm(read, shape, refs);
    names.set(input.title as string, shape.inputName);
    properties[`i${i}`] = input;
    refersTo.set(shape.inputName, named(input));
  });
  const root = { type: 'object', title: ROOT, properties, additionalProperties: false };
  const typed = await typeAst(root as JSONSchema, ROOT, COMPILE_OPTIONS);
  const inputRefs = reachableRefs(Object.values(properties).filter((p) => isSchema(p) && String(p.title).startsWith('CrdgenShapeInput')), refs).map((r) => ({ ...r, name: r.inputName ?? r.name }));
  const readRefs = reachableRefs(Object.values(properties).filter((p) => isSchema(p) && !String(p.title).startsWith('CrdgenShapeInput')), refs);
  // The shapes inside are declared right here: only k8s.ts is imported.
  const imports = importsOf([...readRefs, ...inputRefs], []);
  imports.delete('shapes');
  return { typed, names, root: ROOT, imports, refersTo };
}

/** `imports` of a kind file and every declaration of shapes.ts and k8s.ts they name, and so on. */
export function withNamed(imports: ReadonlyMap<ShapeModule, readonly string[]>, refersTo: ModuleTypes['refersTo']): Map<ShapeModule, string[]> {
  const seen = new Map<ShapeModule, Set<string>>();
  const stack: Array<readonly [ShapeModule, string]> = [...imports].flatMap(([m, list]) => list.map((n) => [m, n] as const));
  while (stack.length > 0) {
    const [module, name] = stack.pop() as readonly [ShapeModule, string];
    const set = seen.get(module) ?? new Set<string>();
    if (set.has(name)) continue;
    seen.set(module, set.add(name));
    if (module === 'shapes') stack.push(...(refersTo.get(name) ?? []));
  }
  return new Map([...seen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, set]) => [m, [...set].sort()]));
}

/** The body form of a shape: its defaulted names optional, the shapes inside in their body form. */
function bodyForm(read: Node, shape: ModuleShape, refs: Map<object, ShapeRef>): Node {
  const toInput = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(toInput);
    if (!isSchema(value)) return value;
    const ref = refs.get(value);
    if (ref !== undefined) {
      const node = { tsType: ref.inputName ?? ref.name };
      refs.set(node, { ...ref, name: ref.inputName ?? ref.name });
      return node;
    }
    const out: Node = {};
    for (const [key, child] of Object.entries(value)) Object.defineProperty(out, key, { value: toInput(child), enumerable: true, writable: true, configurable: true });
    return out;
  };
  const copy = toInput(read) as Node;
  const optional = new Set(shape.defaulted.map(encodePropertyName));
  const required = Array.isArray(read.required) ? read.required.filter((r) => !optional.has(r as string)) : [];
  const { required: _r, ...rest } = copy;
  const description = inputDoc(shape.name, shape.defaulted, shape.doc) as JsonSchema['description'];
  return { ...rest, title: `CrdgenShapeInput${String(read.title).slice('CrdgenShape'.length)}`, description, ...(required.length > 0 ? { required } : {}) };
}
