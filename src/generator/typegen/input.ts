import { commentText } from '../escape.js';
import type { JsonSchema } from '../../kube/model.js';
import type { KindPlan } from '../plan/plan.js';
import { isSchema } from '../schema-walk.js';
import { encodePropertyName } from './own-names.js';
import type { ShapeRef } from '../shapes/refs.js';

interface Rewriting {
  readonly kind: KindPlan;
  /** Placeholder title -> pointer. */
  readonly pointers: ReadonlyMap<string, string>;
  /** Input placeholder -> input name, filled as input interfaces are met. */
  readonly names: Map<string, string>;
  /** Prepared nodes standing for a declaration elsewhere (see typegen's asReference). */
  readonly refNodes: ReadonlyMap<object, ShapeRef>;
  readonly usedRefs: ShapeRef[];
}

/**
 * The body types of one kind (see server-defaults.ts), from the schema prepared for its read
 * types: the nodes whose body type differs get their input name and lose their defaulted names
 * from `required`; every other named node becomes a reference to its read interface, so only
 * the interfaces that differ are declared again. Without any, `<Kind>Input` is an alias.
 */
export function inputSchema(
  prepared: JsonSchema,
  kind: KindPlan,
  placeholders: ReadonlyMap<string, string>,
  refNodes: ReadonlyMap<object, ShapeRef> = new Map(),
): { schema: JsonSchema; rootTitle: string; names: Map<string, string>; usedRefs: ShapeRef[] } | undefined {
  if (kind.inputTypes.size === 0) return undefined;
  // The prepared schema's titles are placeholders (see typegen); input types get their own.
  const pointers = new Map([...placeholders].map(([pointer, title]) => [title, pointer]));
  const rewriting: Rewriting = { kind, pointers, names: new Map(), refNodes, usedRefs: [] };
  const schema = rewrite(prepared, rewriting) as JsonSchema;
  return { schema, rootTitle: typeof schema.title === 'string' ? schema.title : kind.inputName, names: rewriting.names, usedRefs: rewriting.usedRefs };
}

/** `export type ExporterInput = Exporter;`, with its doc. */
export interface InputAlias {
  readonly name: string;
  readonly type: string;
  readonly doc: string;
}

/** The alias for a kind whose body and read types are the same. */
export function inputAlias(kind: KindPlan): InputAlias {
  return { name: kind.inputName, type: kind.typeName, doc: `What create and replace take: the same as ${kind.typeName} (the server defaults no required field).` };
}

function rewrite(node: unknown, rewriting: Rewriting): unknown {
  const { kind, pointers, names } = rewriting;
  if (Array.isArray(node)) return node.map((n) => rewrite(n, rewriting));
  if (!isSchema(node)) return node;
  const ref = rewriting.refNodes.get(node);
  if (ref !== undefined) {
    rewriting.usedRefs.push(ref);
    return { tsType: ref.inputName ?? ref.name };
  }
  const title = typeof node.title === 'string' ? node.title : undefined;
  const pointer = title === undefined ? undefined : pointers.get(title);
  const input = pointer === undefined ? undefined : kind.inputTypes.get(pointer);
  if (title !== undefined && pointer !== undefined && input === undefined) return { tsType: title };
  const out: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isSchema(value)) {
      const props: { [key: string]: unknown } = {};
      // defineProperty, not assignment: a property named __proto__ must stay a property.
      for (const [name, child] of Object.entries(value)) Object.defineProperty(props, name, { value: rewrite(child, rewriting), enumerable: true, writable: true, configurable: true });
      out[key] = props;
    } else if (key === 'items' || key === 'additionalProperties' || key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      out[key] = rewrite(value, rewriting);
    } else {
      out[key] = value;
    }
  }
  if (input === undefined) return out;
  const optional = new Set(input.defaulted.map(encodePropertyName));
  const required = Array.isArray(node.required) ? node.required.filter((r) => !optional.has(r as string)) : [];
  const { required: _r, ...rest } = out;
  const placeholder = `CrdgenInput${names.size}`;
  names.set(placeholder, input.name);
  const read = kind.typeNames.get(pointer as string) as string;
  return { ...rest, title: placeholder, description: inputDoc(read, input.defaulted, node.description), ...(required.length > 0 ? { required } : {}) };
}

export function inputDoc(read: string, defaulted: readonly string[], description: unknown): string {
  const quoted = defaulted.map((f) => `\`${f}\``);
  const fields = commentText(quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) as string}` : quoted.join(''));
  const line = defaulted.length > 0
    ? `${read} as create and replace bodies take it: ${fields} may be left out (the server defaults ${defaulted.length > 1 ? 'them' : 'it'}).`
    : `${read} as create and replace bodies take it (fields deeper down may be left out).`;
  return typeof description === 'string' && description !== '' ? `${line}\n\n${description}` : line;
}
