import ts from 'typescript';
import type { JsonSchema } from '../../../src/kube/model.js';
import { isIntOrString } from '../../../src/generator/schema-walk.js';

/**
 * What the mapping table says a node's own type is, against what was emitted, in one notation:
 * `string`, `number`, `boolean`, `array`, `object`, literals (`"A"|"B"`, `301|302`), plus `null`
 * when the schema is nullable. Nodes typed `unknown` are the report's business, not this check's.
 */
export function typeMismatch(node: JsonSchema, declared: ts.Type): string | undefined {
  if (declared.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return undefined;
  const members = (declared.isUnion() ? declared.types : [declared]).filter((m) => !(m.flags & ts.TypeFlags.Undefined));
  const got = notation(members);
  const want = expected(node);
  return want === undefined || want === got ? undefined : `schema says ${want}, emitted ${got}`;
}

function expected(node: JsonSchema): string | undefined {
  const enumValues = Array.isArray(node.enum) ? (node.enum as unknown[]) : undefined;
  const nullable = node.nullable === true || enumValues?.includes(null) === true;
  let base: string[] | undefined;
  if (isIntOrString(node)) base = ['number', 'string'];
  else if (enumValues) base = enumValues.filter((v) => v !== null).map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));
  else if (node.type === 'string') base = ['string'];
  else if (node.type === 'integer' || node.type === 'number') base = ['number'];
  else if (node.type === 'boolean') base = ['boolean'];
  else if (node.type === 'array') base = ['array'];
  else if (node.type === 'object') base = ['object'];
  return base === undefined ? undefined : join([...base, ...(nullable ? ['null'] : [])]);
}

function notation(members: readonly ts.Type[]): string {
  const parts = members.map((m) => {
    if (m.flags & ts.TypeFlags.Null) return 'null';
    if (m.isStringLiteral()) return JSON.stringify(m.value);
    if (m.isNumberLiteral()) return String(m.value);
    if (m.flags & ts.TypeFlags.BooleanLiteral) return (m as { intrinsicName?: string }).intrinsicName ?? 'boolean';
    if (m.flags & ts.TypeFlags.String) return 'string';
    if (m.flags & ts.TypeFlags.Number) return 'number';
    // `Name & { a: unknown }`: an object held so that it has one branch's names.
    if (m.flags & ts.TypeFlags.Intersection && (m as ts.IntersectionType).types.every((t) => t.flags & ts.TypeFlags.Object)) return 'object';
    if (m.flags & ts.TypeFlags.Object) return (m as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference && (m as ts.TypeReference).target.getSymbol()?.name === 'Array' ? 'array' : 'object';
    return `?${m.flags}`;
  });
  const set = new Set(parts);
  if (set.has('true') && set.has('false')) {
    set.delete('true');
    set.delete('false');
    set.add('boolean');
  }
  return join([...set]);
}

const join = (parts: readonly string[]): string => [...new Set(parts)].sort().join('|');
