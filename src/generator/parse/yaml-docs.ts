import jsyaml from 'js-yaml';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

/**
 * YAML reading, fast and precise: js-yaml (about 15x faster on large CRDs) reads the values; the
 * `yaml` package, which keeps positions, is asked only for what needs them: the line of a value in
 * an error message, and the message of a syntax error.
 */

let yamlPackage: typeof Yaml | undefined;
/**
 * The yaml package, loaded on first use (~50-70 ms of a start): js-yaml reads the documents, this
 * one is needed only for line lookups, syntax errors and streams the splitter does not handle.
 */
const yaml = (): typeof Yaml => (yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

/** YAML 1.2 core types (timestamps stay strings) plus merge keys. */
const mergeType = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge;
const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [mergeType] });

/** Nesting levels a document may have (a 200-deep schema is about 400 YAML levels). */
const MAX_DEPTH = 1000;
/**
 * js-yaml resolves aliases by reference and sets no limit, so a few hundred bytes can stand for
 * billions of values (an alias bomb) and `&a [*a]` holds itself. Values a document may expand
 * to: proportional to its text (plain YAML has at most one value per character), with a floor.
 */
const MIN_EXPANSION = 1_000_000;
const EXPANSION_PER_CHAR = 4;

/** Why a loaded document cannot be read as a tree (alias cycle or bomb), or undefined. */
function expansionProblem(root: unknown, limit: number): string | undefined {
  // Counting alone settles the usual case: a walk that ends within the limit met no cycle (a
  // cycle never ends) and no bomb; only past the limit are paths tracked to tell which it was.
  return withinLimit(root, limit) ? undefined : expansionCause(root, limit);
}

function withinLimit(root: unknown, limit: number): boolean {
  const stack: unknown[] = [root];
  let count = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (++count > limit) return false;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else {
      for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return true;
}

function expansionCause(root: unknown, limit: number): string | undefined {
  const onPath = new Set<object>();
  const stack: Array<{ value: object; exit: boolean }> = [];
  let count = 0;
  const push = (value: unknown) => {
    if (typeof value === 'object' && value !== null) stack.push({ value, exit: false });
  };
  push(root);
  while (stack.length > 0) {
    const { value, exit } = stack.pop() as { value: object; exit: boolean };
    if (exit) {
      onPath.delete(value);
      continue;
    }
    if (onPath.has(value)) return 'an alias refers to a node that contains it (a cycle); crdgen reads trees only';
    if (++count > limit) return `aliases expand to more than ${limit.toLocaleString('en-US')} values (a YAML alias bomb?); crdgen does not expand them`;
    onPath.add(value);
    stack.push({ value, exit: true });
    for (const child of Array.isArray(value) ? value : Object.values(value)) push(child);
  }
  return undefined;
}

export interface YamlDocument {
  /** 0-based index of the document in its file. */
  readonly index: number;
  /** 1-based line of the document's first line of content. */
  readonly line: number;
  readonly value: unknown;
  /** 1-based line of the value at `path`, when the document has it. */
  readonly lineOf: (path: readonly (string | number)[]) => number | undefined;
}

export interface YamlError {
  readonly index: number;
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

interface Chunk {
  readonly text: string;
  /** 1-based line of the chunk's first line in the file. */
  readonly firstLine: number;
}

/**
 * Splits a stream at `---` / `...` lines. Returns undefined when a marker line holds content.
 * Chunks are slices of `text` (V8 shares their memory with it, and js-yaml's strings slice the
 * chunks), so a file's text is held once, not once more per document; only text with `\r\n`
 * line ends is copied, to read it with `\n`.
 */
function split(text: string): Chunk[] | undefined {
  const body = text.replace(/^\uFEFF/, '');
  if (body.includes('\r')) return splitLines(body);
  const chunks: Chunk[] = [];
  let line = 1;
  let chunkStart = 0;
  let chunkLine = 1;
  for (let start = 0; start <= body.length; line++) {
    const newline = body.indexOf('\n', start);
    const end = newline < 0 ? body.length : newline;
    const first = body.charCodeAt(start);
    // Only a line starting with `-`, `.` or `%` can be a marker or a directive.
    if (first === 0x2d || first === 0x2e || first === 0x25) {
      const text = body.slice(start, end);
      if (/^%/.test(text)) return undefined;
      if (/^(---|\.\.\.)(\s|$)/.test(text)) {
        if (/^(---|\.\.\.)\s+\S/.test(text) && !/^(---|\.\.\.)\s+#/.test(text)) return undefined;
        chunks.push({ text: body.slice(chunkStart, Math.max(chunkStart, start - 1)), firstLine: chunkLine });
        chunkStart = end + 1;
        chunkLine = line + 1;
      }
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  chunks.push({ text: body.slice(chunkStart, Math.max(chunkStart, body.length)), firstLine: chunkLine });
  return chunks;
}

/** split() for text with `\r\n` line ends: the chunks are copies read with `\n`. */
function splitLines(body: string): Chunk[] | undefined {
  const lines = body.split(/\r?\n/);
  const chunks: Chunk[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    const marker = line !== undefined && /^(---|\.\.\.)(\s|$)/.test(line);
    if (marker && /^(---|\.\.\.)\s+\S/.test(line) && !/^(---|\.\.\.)\s+#/.test(line)) return undefined;
    if (line !== undefined && /^%/.test(line)) return undefined;
    if (marker || line === undefined) {
      chunks.push({ text: lines.slice(start, i).join('\n'), firstLine: start + 1 });
      start = i + 1;
    }
  }
  return chunks;
}

const BLANK_LINE = /^\s*(#.*)?$/;

/** Index of the first line of `text` with content (not blank, not only a comment), or -1. */
function firstContentLine(text: string): number {
  for (let start = 0, index = 0; ; index++) {
    const newline = text.indexOf('\n', start);
    if (!BLANK_LINE.test(newline < 0 ? text.slice(start) : text.slice(start, newline))) return index;
    if (newline < 0) return -1;
    start = newline + 1;
  }
}

export function readYaml(text: string): { documents: YamlDocument[]; errors: YamlError[] } {
  const chunks = split(text);
  if (!chunks) return readWithPositions(text);
  const documents: YamlDocument[] = [];
  const errors: YamlError[] = [];
  let index = 0;
  for (const chunk of chunks) {
    const firstContent = firstContentLine(chunk.text);
    if (firstContent < 0) {
      // Comments before the first marker belong to the first document; an empty document between
      // markers counts, so indexes match what other YAML tools report.
      if (chunk.firstLine > 1) index++;
      continue;
    }
    const at = index++;
    let value: unknown;
    try {
      value = jsyaml.load(chunk.text, { schema: SCHEMA, maxDepth: MAX_DEPTH } as jsyaml.LoadOptions);
    } catch (error) {
      errors.push(syntaxError(chunk, at, error));
      continue;
    }
    const expansion = expansionProblem(value, Math.max(MIN_EXPANSION, EXPANSION_PER_CHAR * chunk.text.length));
    if (expansion) {
      errors.push({ index: at, line: chunk.firstLine, message: expansion });
      continue;
    }
    documents.push({ index: at, line: chunk.firstLine + Math.max(0, firstContent), value, lineOf: lazyLines(chunk) });
  }
  return { documents, errors };
}

/** Line lookups parse the chunk with positions once, on first use. */
function lazyLines(chunk: Chunk): YamlDocument['lineOf'] {
  let lookup: YamlDocument['lineOf'] | undefined;
  return (path) => {
    if (!lookup) {
      const counter = new (yaml().LineCounter)();
      const doc = yaml().parseDocument(chunk.text, { lineCounter: counter, uniqueKeys: false });
      lookup = (p) => {
        const node = doc.getIn(p, true) as { range?: [number, number, number] } | undefined;
        return node?.range ? counter.linePos(node.range[0]).line + chunk.firstLine - 1 : undefined;
      };
    }
    return lookup(path);
  };
}

function syntaxError(chunk: Chunk, index: number, error: unknown): YamlError {
  // The yaml package words syntax errors better and points at the right line; js-yaml is the fallback.
  const counter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(chunk.text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    return {
      index,
      line: (pos?.line ?? 1) + chunk.firstLine - 1,
      ...(pos ? { column: pos.col } : {}),
      message: cleanMessage(first.message),
    };
  }
  const mark = (error as { mark?: { line?: number; column?: number } }).mark;
  if (error instanceof Error && /maxDepth/.test(error.message)) {
    return { index, line: (mark?.line ?? 0) + chunk.firstLine, message: `nesting deeper than ${MAX_DEPTH} levels (crdgen reads at most ${MAX_DEPTH})` };
  }
  const reason = (error as { reason?: string }).reason ?? (error instanceof Error ? error.message : String(error));
  return {
    index,
    line: (mark?.line ?? 0) + chunk.firstLine,
    ...(mark?.column !== undefined ? { column: mark.column + 1 } : {}),
    message: reason,
  };
}

const cleanMessage = (message: string) => (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');

/** The slow path for streams the splitter does not handle (content on a marker line, directives). */
function readWithPositions(text: string): { documents: YamlDocument[]; errors: YamlError[] } {
  const counter = new (yaml().LineCounter)();
  const docs = yaml().parseAllDocuments(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const documents: YamlDocument[] = [];
  const errors: YamlError[] = [];
  list.forEach((doc, index) => {
    const line = counter.linePos(doc.contents?.range[0] ?? doc.range[0]).line;
    const first = doc.errors[0];
    if (first) {
      const pos = first.linePos?.[0];
      errors.push({ index, line: pos?.line ?? line, ...(pos ? { column: pos.col } : {}), message: cleanMessage(first.message) });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 10_000 }) as unknown;
    } catch (error) {
      // The yaml package refuses alias bombs itself (a ReferenceError).
      errors.push({ index, line, message: `${error instanceof Error ? error.message : String(error)}; crdgen does not expand them` });
      return;
    }
    if (value === null || value === undefined) return;
    const expansion = expansionProblem(value, Math.max(MIN_EXPANSION, EXPANSION_PER_CHAR * text.length));
    if (expansion) {
      errors.push({ index, line, message: expansion });
      return;
    }
    documents.push({
      index,
      line,
      value,
      lineOf: (path) => {
        const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
        return node?.range ? counter.linePos(node.range[0]).line : undefined;
      },
    });
  });
  return { documents, errors };
}
