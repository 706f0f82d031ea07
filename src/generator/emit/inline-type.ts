import type { ts } from 'ts-morph';
import { typescript } from './ts-morph.js';

/**
 * A type as json-schema-to-typescript printed it (unformatted, over several lines) -> one line of
 * TypeScript that means the same. Read with the TypeScript parser, never with text rewrites, so
 * string literals (an enum value `[k: string]`) come out exactly as written: inline object types
 * get `;` between members and keep each member's doc comment, index signatures are keyed
 * `key`, parentheses around the whole type are dropped, and referenced type names mapped.
 */
export function renderType(
  text: string,
  propertyName: (printed: string) => string = (n) => n,
  typeName: (printed: string) => string = (n) => n,
  whole = true,
): string {
  const source = typescript.createSourceFile('type.ts', `type T = ${text};`, typescript.ScriptTarget.Latest, true);
  const alias = source.statements[0];
  if (!alias || !typescript.isTypeAliasDeclaration(alias)) return text;
  // Inside another type (`whole` false) the parentheses stay: `(A | B)[]`.
  return new Renderer(source, propertyName, typeName).render(whole ? unparen(alias.type) : alias.type);
}

/** A member's or a whole type without the parentheses around it (they are needed only inside). */
function unparen(node: ts.TypeNode): ts.TypeNode {
  let inner = node;
  while (typescript.isParenthesizedTypeNode(inner)) inner = inner.type;
  return inner;
}

class Renderer {
  constructor(
    private readonly source: ts.SourceFile,
    private readonly propertyName: (printed: string) => string,
    private readonly typeName: (printed: string) => string,
  ) {}

  render(node: ts.Node): string {
    if (typescript.isTypeLiteralNode(node)) return this.literal(node);
    if (typescript.isIdentifier(node) && typescript.isTypeReferenceNode(node.parent)) return this.typeName(node.text);
    const children: ts.Node[] = [];
    node.forEachChild((child) => {
      children.push(child);
    });
    if (children.length === 0) return node.getText(this.source);
    // Between children there are only tokens (`|`, `[]`, `(`) and whitespace: collapse the
    // whitespace; the children themselves (string literals included) are rendered as they are.
    let out = '';
    let cursor = node.getStart(this.source);
    for (const child of children) {
      out += this.gap(cursor, child.getStart(this.source)) + this.render(child);
      cursor = child.getEnd();
    }
    return out + this.gap(cursor, node.getEnd());
  }

  private gap(from: number, to: number): string {
    return from < to ? this.source.text.slice(from, to).replace(/\s+/g, ' ') : '';
  }

  private literal(node: ts.TypeLiteralNode): string {
    if (node.members.length === 0) return '{}';
    const members = node.members.map((member) => {
      const doc = this.doc(member);
      return `${doc ? `${doc} ` : ''}${this.member(member)}`;
    });
    return `{ ${members.join('; ')} }`;
  }

  private member(member: ts.TypeElement): string {
    const modifiers = typescript.canHaveModifiers(member) ? (typescript.getModifiers(member) ?? []).map((m) => `${m.getText(this.source)} `).join('') : '';
    if (typescript.isIndexSignatureDeclaration(member)) {
      const keyType = member.parameters[0]?.type?.getText(this.source) ?? 'string';
      return `${modifiers}[key: ${keyType}]: ${member.type ? this.render(unparen(member.type)) : 'unknown'}`;
    }
    if (typescript.isPropertySignature(member)) {
      const name = this.propertyName(member.name.getText(this.source));
      return `${modifiers}${name}${member.questionToken ? '?' : ''}: ${member.type ? this.render(unparen(member.type)) : 'unknown'}`;
    }
    return this.render(member).replace(/[;,]\s*$/, '');
  }

  /** The member's doc comments on one line (each was a valid comment, so none holds `*\/`). */
  private doc(member: ts.TypeElement): string | undefined {
    const ranges = typescript.getLeadingCommentRanges(this.source.text, member.pos) ?? [];
    const docs = ranges
      .map((r) => this.source.text.slice(r.pos, r.end))
      .filter((c) => c.startsWith('/**'))
      .map(oneLineText)
      .filter((text) => text !== '');
    return docs.length > 0 ? `/** ${docs.join(' ')} */` : undefined;
  }
}

/** A doc comment (`/** ... *\/`) as the text of a one-line comment: its lines without margins, joined by spaces. */
export function oneLineText(comment: string): string {
  return comment
    .slice(3, -2)
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((line) => line.replace(/^\s*\*?\s?/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
}
