import { createHash } from 'node:crypto';
import type { JsonSchema } from '../../../kube/model.js';
import { isIntOrString, isSchema, mapValue, properties } from '../../schema-walk.js';

/**
 * A schema node's structure as a string: two nodes with the same signature are typed as the same
 * TypeScript type by json-schema-to-typescript and the rules of typegen/rules.ts. What does not
 * change the type is left out: descriptions, formats (a date-time is a string), defaults on
 * optional fields, limits, patterns, CEL rules, list and map semantics, property order.
 *
 * The signature is exact only for what a described Kubernetes type can hold (see describe.ts):
 * strings (and string enums), integers, booleans, int-or-string, arrays, maps, and objects of
 * those. Everything else is `UNMATCHED`, whatever it is: a node holding one never has the
 * signature of a described type, so the only error this allows is a missed match, never a wrong one.
 */
export const UNMATCHED = 'x';

const memo = new WeakMap<object, string>();

/** The signature of a node held by a property, array or map: `nullable` makes it another type. */
export function typeSignature(node: JsonSchema): string {
  return node.nullable === true ? UNMATCHED : shapeSignature(node);
}

/**
 * The signature of a node as the type it declares, whatever its holder adds (`| null` for a
 * nullable node goes on the property that holds it).
 */
export function shapeSignature(node: JsonSchema): string {
  const known = memo.get(node);
  if (known !== undefined) return known;
  const signature = compute(node);
  memo.set(node, signature);
  return signature;
}

function compute(node: JsonSchema): string {
  if (isIntOrString(node)) return 'ios';
  // Kubernetes extensions that change the type (open fields, embedded resources) and anything
  // typed as a tsType: never in a described type.
  if (node['x-kubernetes-preserve-unknown-fields'] === true || node['x-kubernetes-embedded-resource'] === true) return UNMATCHED;
  switch (node.type) {
    case 'string':
      return node.enum === undefined ? 's' : stringEnum(node.enum);
    case 'integer':
      return node.enum === undefined ? 'i' : UNMATCHED;
    case 'boolean':
      return node.enum === undefined ? 'b' : UNMATCHED;
    case 'array':
      return isSchema(node.items) && node.enum === undefined ? wrap('a', typeSignature(node.items)) : UNMATCHED;
    case 'object':
      return node.enum === undefined ? objectSignature(node) : UNMATCHED;
    default:
      // No type (a junctor union, `unknown`), `number`, a list of types: never in a described type.
      return UNMATCHED;
  }
}

function stringEnum(values: unknown): string {
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) return UNMATCHED;
  return `s${JSON.stringify([...new Set(values as string[])].sort())}`;
}

function objectSignature(node: JsonSchema): string {
  const props = properties(node);
  const values = mapValue(node);
  if (node.additionalProperties === true || (node.additionalProperties !== undefined && node.additionalProperties !== false && !values)) return UNMATCHED;
  if (props.length === 0) return values ? wrap('m', typeSignature(values)) : 'e';
  if (values) return UNMATCHED;
  const required = new Set(Array.isArray(node.required) ? node.required.filter((r): r is string => typeof r === 'string') : []);
  const members = [...props].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, child]) => {
    // A required field with a default may be left out of a create body: its body type differs.
    const signature = typeSignature(child);
    if (signature === UNMATCHED || (required.has(name) && child.default !== undefined)) return UNMATCHED;
    return `${JSON.stringify(name)}${required.has(name) ? '!' : '?'}${short(signature)}`;
  });
  return members.includes(UNMATCHED) ? UNMATCHED : `o{${members.join(',')}}`;
}

/** An array (`a`) or a map (`m`) of values of a signature; nothing holding UNMATCHED matches. */
const wrap = (tag: string, inner: string): string => (inner === UNMATCHED ? UNMATCHED : `${tag}(${short(inner)})`);

/** Long signatures of children are hashed, so a parent's signature stays short. */
function short(signature: string): string {
  if (signature.length <= 64) return signature;
  return `#${createHash('sha256').update(signature).digest('hex').slice(0, 32)}`;
}
