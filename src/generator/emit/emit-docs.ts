import type { JSDocableNode, SourceFile, StatementStructures } from 'ts-morph';
import { Node, StructureKind } from './ts-morph.js';

/**
 * Doc comments exactly as json-schema-to-typescript wrote them. ts-morph's own reading of JSDoc
 * tags trims `*` from both ends of a tag's text (`@pattern *.example.com*` would lose both stars),
 * so each comment is taken as text, with only its ` * ` margins removed, and written back whole.
 */
export function withRawDocs(file: SourceFile, statements: readonly StatementStructures[]): StatementStructures[] {
  const docsOf = new Map<string, { own: string[]; members: Map<string, string[]> }>();
  for (const iface of file.getInterfaces()) {
    const members = new Map(iface.getProperties().map((p) => [p.getName(), raw(p)] as const));
    docsOf.set(iface.getName(), { own: raw(iface), members });
  }
  return statements.map((s) => {
    if (s.kind !== StructureKind.Interface) return s;
    const found = docsOf.get(s.name);
    if (!found) return s;
    const docs = (list: string[]) => (list.length > 0 ? { docs: list.map((description) => ({ description })) } : { docs: [] });
    return {
      ...s,
      ...docs(found.own),
      properties: (s.properties ?? []).map((p) => ({ ...p, ...docs(found.members.get(p.name) ?? []) })),
    };
  });
}

function raw(node: Node & JSDocableNode): string[] {
  if (!Node.isJSDocable(node)) return [];
  return node.getJsDocs().map((doc) => rawDoc(doc.getText()));
}

/**
 * One doc comment's text (`/** ... *\/`) as a JSDoc description: the ` * ` margins removed, and
 * blank lines at either end. A lone tag stays on one line (`/** @default 1 *\/`); a leading newline
 * gives ts-morph's block form for anything else, as json-schema-to-typescript's own comments had.
 */
export function rawDoc(comment: string): string {
  const lines = comment
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split(/\r\n|\n/)
    .map((line) => line.replace(/^\s*\* ?/, '').trimEnd());
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  return lines.length === 1 && lines[0]?.startsWith('@') ? lines[0] : `\n${lines.join('\n')}`;
}
