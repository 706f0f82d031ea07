/**
 * The declarations of a kind file printed as ts-morph prints their structures, without its
 * writer: the interfaces and aliases of emit/declarations.ts are most of every kind file, and
 * ts-morph's writer follows every character to keep track of strings and comments.
 *
 * That tracking changes the text only where it loses track: a string literal that ends in a
 * backslash (`"a\\"`) reads as still open, and what follows on its line as a string, so a
 * backtick there opens a template literal and the lines after it are not indented. Declarations
 * with a backslash before a quote or backtick (or a carriage return) are therefore left to
 * ts-morph (printDeclarations answers undefined), so the output never depends on which printer
 * wrote it. Every other piece of text (names, one-line types, escaped docs) keeps the writer's
 * tracking in step, so it would have written exactly this.
 */
import type {
  IndexSignatureDeclarationStructure,
  StatementStructures,
  InterfaceDeclarationStructure,
  JSDocStructure,
  JSDocTagStructure,
  OptionalKind,
  PropertySignatureStructure,
  TypeAliasDeclarationStructure,
} from 'ts-morph';
import { printStructure, StructureKind } from './ts-morph.js';

export type Declaration = InterfaceDeclarationStructure | TypeAliasDeclarationStructure;
type Doc = string | OptionalKind<JSDocStructure>;

export type Statement = StatementStructures | string;

/**
 * Statements that end a file, with their text made apart: `text()` is what ts-morph prints for
 * `statements()` as a file of their own (see emit/kind-tail.ts). The first of them is an interface.
 */
export interface PrintedTail {
  readonly statements: () => readonly Statement[];
  readonly text: () => string;
}

const INDENT = '  ';
/** What makes ts-morph's writer lose track of a string (see above). */
const UNSAFE = /\\["'`]|\r/;

/** ts-morph's text of a file of these statements, with the project's settings (two spaces, single quotes, `\n`). */
export function printStatements(statements: readonly Statement[]): string {
  return printStructure({ kind: StructureKind.SourceFile, statements: [...statements] }, { indentNumberOfSpaces: 2, newLine: '\n', useSingleQuote: true });
}

/**
 * ts-morph's text of a file of `head`, then `declarations`, then `tail`: the declarations printed
 * here (see printDeclarations), the rest by ts-morph, joined as its writer joins statements.
 */
export function printFile(head: readonly Statement[], declarations: readonly Declaration[], tail: readonly Statement[] | PrintedTail = []): string {
  const middle = declarations.length > 0 ? printDeclarations(declarations) : undefined;
  const headText = head.length > 0 ? printHead(head) : '';
  // Past the head the writer must still know where strings are; the head ends with one line break.
  if (middle === undefined || UNSAFE.test(headText) || /\n\n$/.test(headText)) return printStatements([...head, ...declarations, ...('text' in tail ? tail.statements() : tail)]);
  const before = headText.slice(0, -1);
  let text = before === '' ? middle : `${before}${separator(before, declarations[0] as Declaration)}${middle}`;
  // An interface, the first of a printed tail, takes a blank line before it (see separator).
  if ('text' in tail) return `${text}\n\n${tail.text()}`;
  if (tail.length === 0) return `${text}\n`;
  text += separator(text, tail[0] as Statement);
  return `${text}${printStatements(tail)}`;
}

/**
 * printStatements of a file's head (its imports), printed by ts-morph once per thread for each
 * head made of plain data: kind files of a run mostly import the same names from the same
 * modules (the 2,000 small CRDs of the bench: one head, printed 2,000 times before). A head that
 * holds anything else (a writer function, an undefined) is printed every time.
 */
function printHead(head: readonly Statement[]): string {
  const key = dataKey(head);
  if (key === undefined) return printStatements(head);
  let text = printedHeads.get(key);
  if (text === undefined) {
    // A bound on what a long-lived thread (watch mode) holds: heads are a few hundred bytes.
    if (printedHeads.size >= 1000) printedHeads.clear();
    printedHeads.set(key, (text = printStatements(head)));
  }
  return text;
}

const printedHeads = new Map<string, string>();

/** JSON of a value made of strings, numbers, booleans, null, arrays and plain objects; else undefined. */
export function dataKey(value: unknown): string | undefined {
  const isData = (v: unknown): boolean => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (!isData(v[i])) return false;
      return true;
    }
    if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
    return Object.values(v as object).every(isData);
  };
  return isData(value) ? JSON.stringify(value) : undefined;
}

/** The text ts-morph prints for these statements of a file (the first starting the file), or undefined when ts-morph must print them. */
function printDeclarations(statements: readonly Declaration[]): string | undefined {
  let out = '';
  // The separator depends on how the text so far ends, which is how its last declaration ends
  // (never blank): tested on that alone, not on the whole text again after every declaration.
  let last = '';
  for (const statement of statements) {
    if (hasTrivia(statement) || [...(statement.docs ?? [])].some(hasTrivia)) return undefined;
    const text = statement.kind === StructureKind.Interface ? printInterface(statement) : printAlias(statement);
    if (text === undefined) return undefined;
    out = out === '' ? text : `${out}${separator(last, statement)}${text}`;
    last = text;
  }
  return out;
}

/**
 * What ts-morph writes between a statement and the next: a blank line after a block and before
 * a block statement (interface, class, function), else a line break.
 */
function separator(before: string, next: Statement): string {
  const block = typeof next !== 'string' && (next.kind === StructureKind.Interface || next.kind === StructureKind.Class || next.kind === StructureKind.Function);
  return /\}\s*$/.test(before) || block ? '\n\n' : '\n';
}

/** True when ts-morph's writer keeps track of strings through the one line `text` (see above). */
function keepsTrack(text: string): boolean {
  return !UNSAFE.test(text) && !text.includes('\n');
}

function printInterface(s: InterfaceDeclarationStructure): string | undefined {
  if (s.isDefaultExport || s.hasDeclareKeyword || (s.typeParameters ?? []).length > 0 || hasItems(s.extends) || hasItems(s.methods) || hasItems(s.callSignatures) || hasItems(s.constructSignatures) || hasItems(s.getAccessors) || hasItems(s.setAccessors)) return undefined;
  const docs = printDocs(s.docs, '');
  if (docs === undefined) return undefined;
  const members: string[] = [];
  if ([...(s.indexSignatures ?? []), ...(s.properties ?? [])].some(hasTrivia)) return undefined;
  for (const i of s.indexSignatures ?? []) {
    const text = printIndexSignature(i);
    if (text === undefined) return undefined;
    members.push(text);
  }
  for (const p of s.properties ?? []) {
    const text = printProperty(p);
    if (text === undefined) return undefined;
    members.push(text);
  }
  return `${docs}${s.isExported ? 'export ' : ''}interface ${s.name} {\n${members.length > 0 ? `${members.join('\n')}\n` : ''}}`;
}

function printAlias(s: TypeAliasDeclarationStructure): string | undefined {
  const type = typeof s.type === 'string' ? s.type : undefined;
  if (type === undefined || s.isDefaultExport || s.hasDeclareKeyword || (s.typeParameters ?? []).length > 0 || !keepsTrack(type)) return undefined;
  const docs = printDocs(s.docs, '');
  if (docs === undefined) return undefined;
  return `${docs}${s.isExported ? 'export ' : ''}type ${s.name}${type.trim() === '' ? '' : ` = ${type}`};`;
}

function printIndexSignature(s: OptionalKind<IndexSignatureDeclarationStructure>): string | undefined {
  const type = s.returnType ?? 'void';
  if (typeof type !== 'string') return undefined;
  const line = `${s.isReadonly ? 'readonly ' : ''}[${s.keyName || 'key'}: ${s.keyType || 'string'}]${type.trim() === '' ? '' : `: ${type}`};`;
  const docs = printDocs(s.docs, INDENT);
  return docs === undefined || !keepsTrack(line) ? undefined : `${docs}${INDENT}${line}`;
}

function printProperty(s: OptionalKind<PropertySignatureStructure>): string | undefined {
  if (s.initializer !== undefined || (s.type !== undefined && typeof s.type !== 'string')) return undefined;
  const type = s.type ?? '';
  const line = `${s.isReadonly ? 'readonly ' : ''}${s.name}${s.hasQuestionToken ? '?' : ''}${type.trim() === '' ? '' : `: ${type}`};`;
  const docs = printDocs(s.docs, INDENT);
  return docs === undefined || !keepsTrack(line) ? undefined : `${docs}${INDENT}${line}`;
}

const hasItems = (list: unknown): boolean => Array.isArray(list) && list.length > 0;
const hasTrivia = (s: unknown): boolean => typeof s === 'object' && s !== null && ('leadingTrivia' in s || 'trailingTrivia' in s);

/** A doc's text as ts-morph's JSDoc printer assembles it (the description, then each tag). */
function docText(doc: Doc): string | undefined {
  if (typeof doc === 'string') return doc;
  if (typeof doc.description === 'function' || (doc.tags ?? []).some((t) => typeof t !== 'string' && typeof t.text === 'function')) return undefined;
  let text = typeof doc.description === 'string' ? lineFeeds(doc.description) : '';
  const tags = doc.tags ?? [];
  if (tags.length > 0) {
    if (text.length > 0) text += '\n';
    text += tags.map((t) => tagText(t)).join('\n');
  }
  return text;
}

function tagText(tag: string | OptionalKind<JSDocTagStructure>): string {
  if (typeof tag === 'string') return tag;
  const text = typeof tag.text === 'string' ? lineFeeds(tag.text) : '';
  return `@${tag.tagName}${text.length > 0 && !text.startsWith('\n') ? ' ' : ''}${text}`;
}

/** `\r\n` as `\n` (docs rarely hold a carriage return: those without one are returned as they are). */
const lineFeeds = (text: string): string => (text.includes('\r') ? text.split(/\r?\n/).join('\n') : text);

/** The docs of a declaration or member, each comment on its lines at `indent`, each followed by a line break. */
function printDocs(docs: readonly Doc[] | undefined, indent: string): string | undefined {
  let out = '';
  for (const doc of docs ?? []) {
    const text = docText(doc);
    // A carriage return counts as a line end for ts-morph's writer (it indents what follows).
    if (text === undefined || text.includes('\r')) return undefined;
    const lines = text.split('\n');
    if (lines.length <= 1) {
      const line = `/** ${lines[0] ?? ''}`;
      out += `${indent}${line}${line.endsWith(' ') ? '' : ' '}*/\n`;
    } else {
      out += `${indent}/**\n`;
      for (const line of lines[0] === '' ? lines.slice(1) : lines) out += `${indent} *${line.length > 0 ? ` ${line}` : ''}\n`;
      out += `${indent} */\n`;
    }
  }
  return out;
}
