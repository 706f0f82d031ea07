/**
 * Facts a schema states in prose or in validation-only keywords, turned into doc text: a
 * deprecation note becomes `@deprecated`, and `oneOf`/`anyOf` branches that only require
 * properties become a sentence ("Exactly one of `a` or `b` is required."). What of the latter a
 * type can say (see requiredUnion) is typed too.
 */
import type { JsonSchema } from '../../kube/model.js';

/** A description split into what stays prose and the deprecation note (`''` when it says no more). */
export interface Deprecation {
  readonly rest: string;
  readonly note: string;
}

/**
 * Where a line of a description says the field is deprecated (tested in order, on the trimmed
 * line; the note runs from the marker to the end of its paragraph):
 * 1. it starts with `Deprecated:`, `Deprecated.` or is `Deprecated` (any case): the word is dropped;
 * 2. it starts with one name and `is deprecated:` / `deprecated:` / `is deprecated.` (Go's
 *    `bearerToken is deprecated: ...`), or with `This field is deprecated` / `has been deprecated`:
 *    the whole line is the note;
 * 3. a sentence inside it starts with `DEPRECATED:` in capitals: the note starts after the word.
 * Anything else is not a deprecation: `Deprecated indicates ...`, `RoundRobin value is deprecated
 * and ...` (a value, not the field), `Regex (deprecated)`, `` `LegacyRC2`: Deprecated. ``.
 */
function marker(line: string): { before: string; note: string } | undefined {
  const text = line.trim();
  const leading = /^deprecated(?:[:.](?=\s|$)|$)\s*/i.exec(text);
  if (leading) return { before: '', note: text.slice(leading[0].length) };
  if (/^[\w.-]+ (?:is )?deprecated[:.](?=\s|$)/i.test(text) || /^this (?:field|type|option) (?:is|has been) deprecated\b/i.test(text)) {
    return { before: '', note: text };
  }
  const inner = /([.!?])\s+DEPRECATED:\s*/.exec(text);
  if (inner) return { before: text.slice(0, inner.index + 1), note: text.slice(inner.index + inner[0].length) };
  return undefined;
}

/** The deprecation a description states, or undefined. */
export function deprecation(description: string): Deprecation | undefined {
  // Every marker has the word (most descriptions do not).
  if (!/deprecated/i.test(description)) return undefined;
  const paragraphs = description.split(/\n[ \t]*\n/);
  for (const [p, paragraph] of paragraphs.entries()) {
    const lines = paragraph.split('\n');
    for (const [i, line] of lines.entries()) {
      const found = marker(line);
      if (!found) continue;
      const note = [found.note, ...lines.slice(i + 1)].join('\n').trim();
      const kept = [...lines.slice(0, i), found.before].filter((l) => l.trim() !== '').join('\n');
      const rest = [...paragraphs.slice(0, p), kept, ...paragraphs.slice(p + 1)].filter((x) => x.trim() !== '').join('\n\n');
      return { rest, note };
    }
  }
  return undefined;
}

/** `required: [names]` as the only keyword of a branch -> the names; else undefined. */
function requiredOnly(branch: unknown): string[] | undefined {
  if (typeof branch !== 'object' || branch === null || Array.isArray(branch)) return undefined;
  const keys = Object.keys(branch);
  const required = (branch as { required?: unknown }).required;
  if (keys.length !== 1 || !Array.isArray(required) || required.length === 0) return undefined;
  return required.every((r) => typeof r === 'string') ? (required as string[]) : undefined;
}

const code = (name: string) => `\`${name.replace(/`/g, "'")}\``;

/** `a`, `b` or `c`; a branch that requires several names reads `a` with `b`. */
function choice(sets: readonly string[][], joiner: 'or' | 'and'): string {
  const each = sets.map((names) => names.map(code).join(' with '));
  return each.length === 1 ? (each[0] as string) : `${each.slice(0, -1).join(', ')} ${joiner} ${each.at(-1) as string}`;
}

/** Same names in the same order, branch by branch. */
const sameSets = (a: readonly string[][], b: readonly string[][]) => JSON.stringify(a) === JSON.stringify(b);

/** One junctor of required-only branches -> its sentence; any other junctor -> undefined. */
function junctorSentence(junctor: 'oneOf' | 'anyOf', list: readonly unknown[]): string | undefined {
  const sets = list.map(requiredOnly);
  if (sets.length > 0 && sets.every((s) => s !== undefined)) {
    const all = sets as string[][];
    if (junctor === 'anyOf') return `At least one of ${choice(all, 'or')} is required.`;
    return all.length === 1 ? `${choice(all, 'or')} is required.` : `Exactly one of ${choice(all, 'or')} is required.`;
  }
  // oneOf [not anyOf [A, B], A, B]: none or exactly one (the form protobuf's oneof is written in).
  const [first, ...others] = list;
  const none = typeof first === 'object' && first !== null ? (first as { not?: { anyOf?: unknown } }).not : undefined;
  const noneOf = none && Object.keys(none).length === 1 && Array.isArray(none.anyOf) ? none.anyOf.map(requiredOnly) : [];
  const rest = others.map(requiredOnly);
  if (junctor !== 'oneOf' || noneOf.length === 0 || !rest.every((s) => s !== undefined) || !noneOf.every((s) => s !== undefined)) return undefined;
  if (!sameSets(noneOf as string[][], rest as string[][])) return undefined;
  return rest.length === 1 ? undefined : `At most one of ${choice(rest as string[][], 'or')} may be set.`;
}

/**
 * Sentences for the `oneOf`/`anyOf` branches of a node that only require properties (also inside
 * `allOf`). The sentence says which must be set (the type says "at least one": see requiredUnion).
 */
export function requiredBranches(node: JsonSchema): string[] {
  const out: string[] = [];
  const visit = (schema: unknown) => {
    if (typeof schema !== 'object' || schema === null) return;
    const s = schema as { oneOf?: unknown; anyOf?: unknown; allOf?: unknown };
    for (const junctor of ['oneOf', 'anyOf'] as const) {
      const list = s[junctor];
      const sentence = Array.isArray(list) ? junctorSentence(junctor, list) : undefined;
      if (sentence !== undefined) out.push(sentence);
    }
    if (Array.isArray(s.allOf)) for (const branch of s.allOf) visit(branch);
  };
  visit(node);
  return out;
}

/**
 * The `oneOf`/`anyOf` junctors of a node (also inside `allOf`) that its type can state as a union
 * of the names each branch requires: one entry per junctor, one name set per branch. Every object
 * valid under the schema has all the names of at least one set of each entry (a branch's other
 * keywords only narrow it further), so `Node & ({ a: unknown } | { b: unknown })` keeps every valid
 * object assignable; "exactly one" is left to the doc. A junctor is left out when one of its
 * branches requires nothing (`oneOf: [not: ..., ...]`: at most one), names a property the node does
 * not declare or one with a default (a create body may leave it to the server), or a set the node
 * requires anyway.
 */
export function requiredUnion(node: JsonSchema): string[][][] {
  const props = typeof node.properties === 'object' && node.properties !== null && !Array.isArray(node.properties) ? (node.properties as { [name: string]: unknown }) : {};
  const declared = (name: string) => {
    const schema = Object.hasOwn(props, name) ? props[name] : undefined;
    return typeof schema === 'object' && schema !== null && !Array.isArray(schema) && (schema as { default?: unknown }).default === undefined;
  };
  const always = new Set(Array.isArray(node.required) ? node.required : []);
  const out: string[][][] = [];
  const factor = (list: readonly unknown[]): string[][] | undefined => {
    const sets: string[][] = [];
    for (const branch of list) {
      const required = typeof branch === 'object' && branch !== null ? (branch as { required?: unknown }).required : undefined;
      if (!Array.isArray(required) || required.length === 0 || !required.every((r): r is string => typeof r === 'string' && declared(r))) return undefined;
      const set = [...new Set(required)];
      if (set.every((r) => always.has(r))) return undefined;
      if (!sets.some((s) => sameSets([s], [set]))) sets.push(set);
    }
    return sets.length > 0 ? sets : undefined;
  };
  const visit = (schema: unknown) => {
    if (typeof schema !== 'object' || schema === null) return;
    const s = schema as { oneOf?: unknown; anyOf?: unknown; allOf?: unknown };
    for (const junctor of ['oneOf', 'anyOf'] as const) {
      const list = s[junctor];
      const sets = Array.isArray(list) ? factor(list) : undefined;
      if (sets !== undefined) out.push(sets);
    }
    if (Array.isArray(s.allOf)) for (const branch of s.allOf) visit(branch);
  };
  visit(node);
  return out;
}
