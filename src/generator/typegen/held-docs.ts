/**
 * Docs of nodes that are printed inside another node's type, with no declaration of their own to
 * carry a comment (a primitive array item, a map value, a branch of a union): moved onto the node
 * that holds them, whose declaration an editor shows (see withHeldDoc for the labels).
 */
import { isSchema } from '../schema-walk.js';
import { parseDoc, renderDoc, withHeldDoc, type Doc, type Held } from './jsdoc.js';

type Node = { [key: string]: unknown };

/** A prepared child that keeps no declaration (no interface name) and has a doc to move. */
function docless(child: unknown): { rest: Node; doc: Doc } | undefined {
  if (!hasDocless(child)) return undefined;
  const { description, ...rest } = child;
  return { rest, doc: parseDoc(description) };
}

const describedBy = (node: Readonly<Node>): Doc => parseDoc(typeof node.description === 'string' ? node.description : '');

function withDoc(node: Node, doc: Doc): Node {
  const text = renderDoc(doc);
  const { description: _d, ...rest } = node;
  return text === undefined ? rest : { ...rest, description: text };
}

/** The docs of the node's unnamed items and map values, moved onto the node. */
export function withChildDocs(node: Readonly<Node>): Node {
  // Nothing to move: the node as it is (its description is renderDoc's text, which parseDoc reads back).
  if (!hasDocless(node.items) && !hasDocless(node.additionalProperties)) return node;
  let doc = describedBy(node);
  const out: Node = { ...node };
  for (const [key, kind] of [['items', 'item'], ['additionalProperties', 'value']] as const) {
    const found = docless(node[key]);
    if (!found) continue;
    doc = withHeldDoc(doc, found.doc, { kind });
    out[key] = found.rest;
  }
  return withDoc(out, doc);
}

/** True when `docless` finds a doc to move on `child`. */
function hasDocless(child: unknown): child is Node & { description: string } {
  return isSchema(child) && child.title === undefined && typeof child.description === 'string';
}

const AN = new Set(['array', 'object']);

/** What a branch is, in a word: `array`, `map`, `string`, ... (`value` when the rules typed it). */
function branchWord(branch: Readonly<Node>): string {
  if (branch.tsType !== undefined) return 'value';
  if (branch.type === 'array') return 'array';
  if (branch.type === 'object') return isSchema(branch.additionalProperties) && branch.properties === undefined ? 'map' : 'object';
  if (branch.type === 'integer' || branch.type === 'number') return 'number';
  return typeof branch.type === 'string' ? branch.type : 'value';
}

/**
 * A node whose `oneOf`/`anyOf`/`allOf` is its type: the docs of its unnamed branches moved onto it,
 * each under `When a string:`, `When an array:` (`When option 2:` when two branches are alike;
 * an `allOf` branch always holds, so its doc joins the node's as it is).
 */
export function withBranchDocs(node: Readonly<Node>): Node {
  if (!(['oneOf', 'anyOf', 'allOf'] as const).some((junctor) => Array.isArray(node[junctor]) && (node[junctor] as unknown[]).some(hasDocless))) return node;
  let doc = describedBy(node);
  const out: Node = { ...node };
  for (const junctor of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = node[junctor];
    if (!Array.isArray(list)) continue;
    const words = list.map((b: unknown) => (isSchema(b) ? branchWord(b) : 'value'));
    out[junctor] = list.map((branch: unknown, i) => {
      const found = docless(branch);
      if (!found) return branch;
      const word = words[i] as string;
      const unique = words.indexOf(word) === words.lastIndexOf(word);
      const how: Held = junctor === 'allOf' ? { all: true } : unique ? { branch: word, article: AN.has(word) ? 'an ' : 'a ' } : { branch: `option ${i + 1}`, article: '' };
      doc = withHeldDoc(doc, found.doc, how);
      return found.rest;
    });
  }
  return withDoc(out, doc);
}
