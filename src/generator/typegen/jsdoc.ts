import { commentText } from '../escape.js';
import type { JsonSchema } from '../../kube/model.js';
import { deprecation, requiredBranches } from './doc-prose.js';

/**
 * A doc comment in parts: paragraphs of prose (what an editor shows first), then block tags for
 * what TypeScript cannot say. Every piece is already escaped (see commentText), so in the text
 * form a line that starts with `@` always starts a tag: parseDoc reads back what renderDoc wrote.
 */
export interface Doc {
  readonly prose: readonly string[];
  readonly tags: readonly DocTag[];
}

export interface DocTag {
  readonly name: string;
  readonly text: string;
}

const json = (value: unknown): string => JSON.stringify(value);

/** Blank lines (with or without spaces) separate paragraphs; runs of them are one. */
const paragraphs = (text: string): string[] =>
  text
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) => p.trimEnd())
    .filter((p) => p.trim() !== '');

const LIMITS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;

/** The tags of a node: default, format, limits, pattern, list and map semantics, CEL rules. */
function schemaTags(node: JsonSchema): DocTag[] {
  const tags: DocTag[] = [];
  const tag = (name: string, value: string) => tags.push({ name, text: commentText(value) });
  if (node.default !== undefined) tag('default', json(node.default));
  if (typeof node.format === 'string') tag('format', node.format);
  for (const key of LIMITS) {
    if (node[key] !== undefined && typeof node[key] !== 'boolean') tag(key, String(node[key]));
    else if (node[key] === true) tag(key, 'true');
  }
  if (node.uniqueItems === true) tag('uniqueItems', 'true');
  if (typeof node.pattern === 'string') tag('pattern', node.pattern);
  if (typeof node['x-kubernetes-list-type'] === 'string') tag('listType', node['x-kubernetes-list-type']);
  if (Array.isArray(node['x-kubernetes-list-map-keys'])) tag('listMapKeys', node['x-kubernetes-list-map-keys'].join(', '));
  if (typeof node['x-kubernetes-map-type'] === 'string') tag('mapType', node['x-kubernetes-map-type']);
  const rules = node['x-kubernetes-validations'];
  for (const rule of Array.isArray(rules) ? rules : []) {
    if (typeof rule !== 'object' || rule === null) continue;
    const { rule: expr, message } = rule as { rule?: unknown; message?: unknown };
    if (typeof expr !== 'string') continue;
    tag('validation', typeof message === 'string' && message !== '' ? `${expr} (${message})` : expr);
  }
  return tags;
}

/**
 * The doc of one schema node: its description (a deprecation note in it becomes `@deprecated`),
 * a sentence for `oneOf`/`anyOf` branches that only require properties, then the tags.
 */
export function nodeDoc(node: JsonSchema): Doc {
  const description = typeof node.description === 'string' ? node.description.trim() : '';
  const deprecated = deprecation(description);
  const prose = paragraphs(deprecated ? deprecated.rest : description).map(commentText);
  const branchSentences = requiredBranches(node).map(commentText);
  if (branchSentences.length > 0) prose.push(branchSentences.join(' '));
  const tags = schemaTags(node);
  return { prose, tags: deprecated ? [{ name: 'deprecated', text: commentText(deprecated.note) }, ...tags] : tags };
}

/** The comment text of a doc, or undefined when it is empty. */
export function renderDoc(doc: Doc): string | undefined {
  const tags = doc.tags.map((t) => (t.text === '' ? `@${t.name}` : `@${t.name} ${t.text}`));
  const prose = doc.prose.join('\n\n');
  const text = [prose, ...tags].filter((part) => part !== '').join('\n');
  return text === '' ? undefined : text;
}

/** The parts of a text renderDoc wrote. */
export function parseDoc(text: string): Doc {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.startsWith('@'));
  const proseLines = first === -1 ? lines : lines.slice(0, first);
  const tags: Array<{ name: string; text: string }> = [];
  for (const line of first === -1 ? [] : lines.slice(first)) {
    const start = /^@(\S+) ?/.exec(line);
    const last = tags.at(-1);
    if (start) tags.push({ name: start[1] as string, text: line.slice(start[0].length) });
    else if (last) last.text += `\n${line}`;
  }
  return { prose: paragraphs(proseLines.join('\n')), tags };
}

/** The comment text of a schema node's own doc (see nodeDoc), or undefined. */
export function schemaDoc(node: JsonSchema): string | undefined {
  return renderDoc(nodeDoc(node));
}

/**
 * How a node without a declaration of its own is named in its holder's doc: `Each item:` /
 * `Each value:` (tags `@itemPattern`, `@valueDefault`), or for a junctor branch that is part of
 * the holder's type, `When an array:` (tags `@arrayMinItems`).
 */
export type Held =
  | { readonly kind: 'item' | 'value' }
  | { readonly branch: string; readonly article: 'a ' | 'an ' | '' }
  /** An `allOf` branch: it holds whenever the holder does, so its doc and tags are the holder's. */
  | { readonly all: true };

/** Labels of lifted paragraphs: `Each item:`, `Each value of each item:`, `When a map, each value:`. */
const EACH = '[Ee]ach (?:item|value)(?: of each (?:item|value))*';
const LABEL = new RegExp(`^(?:${EACH}|When (?:an? )?[\\w ]+?(?:, ${EACH})?):`);
const EACH_LABEL = new RegExp(`^${EACH}:`);

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The doc of a holder that also tells about a node printed inside its type, which has no
 * declaration to carry a comment (a primitive item, a map value, a union branch): that node's prose
 * follows the holder's under its label, its tags follow prefixed (`@itemPattern`: a `@pattern` of
 * the holder itself would be wrong, the array has none).
 */
export function withHeldDoc(holder: Doc, held: Doc, how: Held): Doc {
  if ('all' in how) return { prose: [...holder.prose, ...held.prose], tags: [...holder.tags, ...held.tags] };
  const prose = held.prose.map((p, i) => {
    if ('kind' in how) {
      if (LABEL.test(p)) return p.replace(/:/, ` of each ${how.kind}:`);
      return i === 0 ? `Each ${how.kind}: ${p}` : p;
    }
    if (EACH_LABEL.test(p)) return `When ${how.article}${how.branch}, e${p.slice(1)}`;
    return i === 0 ? `When ${how.article}${how.branch}: ${p}` : p;
  });
  const word = 'kind' in how ? how.kind : how.branch;
  const prefix = word.replace(/ (\w)/g, (_m, c: string) => c.toUpperCase());
  const tags = held.tags.map((t) => ({ name: `${prefix}${capital(t.name)}`, text: t.text }));
  return { prose: [...holder.prose, ...prose], tags: [...holder.tags, ...tags] };
}

/**
 * The one-line doc of an interface whose full doc sits on the property that holds it: the first
 * sentence of its first paragraph (a label paragraph about items or values has none).
 */
export function summary(doc: Doc): string | undefined {
  const first = doc.prose[0];
  if (first === undefined || LABEL.test(first)) return undefined;
  const line = first.replace(/\s*\n\s*/g, ' ');
  // A sentence ends at `.`, `!` or `?` before a space and a capital (so `e.g. the` goes on).
  const end = /[.!?](?=\s+[A-Z`"'(\[])/.exec(line);
  return end ? line.slice(0, end.index + 1) : line;
}
