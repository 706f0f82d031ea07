/**
 * The size limits of the house rules (STYLE.md), checked so they stay true: no source file over
 * 300 lines and no function over 60 lines, outside tests. `npx tsx scripts/check-size.ts` prints
 * each breach and exits 1; test/size.test.ts runs the same check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 60;
/** Folders of code we write by hand and ship or run; tests, fixtures and generated/ are left out. */
export const CHECKED = ['src', 'templates', 'bin', 'scripts', 'examples', 'bench'];

export interface Breach {
  readonly file: string;
  readonly what: string;
  readonly lines: number;
}

export function sizeBreaches(root: string): Breach[] {
  const breaches: Breach[] = [];
  for (const file of CHECKED.flatMap((dir) => sourceFiles(join(root, dir)))) {
    const text = readFileSync(file, 'utf8');
    const name = relative(root, file);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_FILE_LINES) breaches.push({ file: name, what: 'file', lines });
    breaches.push(...longFunctions(name, text));
  }
  return breaches;
}

function sourceFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    if (n === 'node_modules' || n === 'out') return [];
    const path = join(dir, n);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(n) && !n.endsWith('.d.ts') ? [path] : [];
  });
}

function longFunctions(file: string, text: string): Breach[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Breach[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > MAX_FUNCTION_LINES) out.push({ file, what: `function ${functionName(node)} (line ${start + 1})`, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function functionName(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '<anonymous>';
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  const breaches = sizeBreaches(process.cwd());
  for (const b of breaches) console.log(`${b.file}: ${b.what} has ${b.lines} lines (limit ${b.what === 'file' ? MAX_FILE_LINES : MAX_FUNCTION_LINES})`);
  process.exitCode = breaches.length > 0 ? 1 : 0;
}
