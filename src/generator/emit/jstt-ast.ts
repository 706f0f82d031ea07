/**
 * How json-schema-to-typescript's printer reads its type AST: which interfaces it declares, the
 * comments it writes above members, how it prints property names (see emit/declarations.ts).
 */
import type { AST, TInterfaceParam, TNamedInterface } from 'json-schema-to-typescript/dist/src/types/AST.js';

export const hasName = (ast: AST): ast is AST & { standaloneName: string } => typeof ast.standaloneName === 'string' && ast.standaloneName !== '';
export const hasComment = (ast: AST): boolean => (typeof ast.comment === 'string' && ast.comment !== '') || ast.deprecated === true;
export const shown = (params: readonly TInterfaceParam[]) => params.filter((p) => !p.isPatternProperty && !p.isUnreachableDefinition);

/**
 * The named interfaces reachable from the root, first met first (the root, then depth first).
 * crdgen names only objects, so a named type of another kind (an alias, an enum) or an interface
 * that extends another is a schema the rules did not prepare: an error, not a guess.
 */
export function namedInterfaces(root: AST): TNamedInterface[] {
  const out: TNamedInterface[] = [];
  const seen = new Set<AST>();
  const visit = (ast: AST): void => {
    if (seen.has(ast)) return;
    seen.add(ast);
    if (hasName(ast) && ast.type !== 'INTERFACE') throw new Error(`json-schema-to-typescript declared ${ast.standaloneName} as a ${ast.type.toLowerCase()}, not an interface`);
    switch (ast.type) {
      case 'ARRAY':
        visit(ast.params);
        break;
      case 'INTERFACE':
        if (ast.superTypes.length > 0) throw new Error(`json-schema-to-typescript declared ${ast.standaloneName ?? 'an interface'} extending another`);
        if (hasName(ast)) out.push(ast);
        for (const p of ast.params) visit(p.ast);
        break;
      case 'UNION':
      case 'INTERSECTION':
        ast.params.forEach(visit);
        break;
      case 'TUPLE':
        ast.params.forEach(visit);
        if (ast.spreadParam) visit(ast.spreadParam);
        break;
      default:
        break;
    }
  };
  visit(root);
  return out;
}

/** A doc comment as json-schema-to-typescript writes it. */
export function jsttComment(comment: string | undefined, deprecated: boolean | undefined): string {
  // `/**`, then ` * ` before each line, then ` */`, one per line (made without an array per comment).
  return `/**${deprecated ? '\n * @deprecated' : ''}${comment === undefined ? '' : `\n * ${comment.replaceAll('\n', '\n * ')}`}\n */`;
}

/** A member's AST with the `Items:` line json-schema-to-typescript adds for an array of undeclared, documented items. */
export function withItemsComment(ast: AST): AST {
  const members = ast.type === 'ARRAY' ? [ast.params] : ast.type === 'TUPLE' ? (ast.spreadParam ? [...ast.params, ast.spreadParam] : ast.params) : undefined;
  if (members === undefined) return ast;
  const comments = new Set(members.map((m) => (hasName(m) || m.type === 'ARRAY' || m.type === 'TUPLE' ? undefined : m.comment)));
  const [comment] = comments;
  if (comments.size !== 1 || !comment || /(^|\s)@\w/.test(comment)) return ast;
  const items = `Items: ${comment}`;
  return { ...ast, comment: ast.comment ? `${ast.comment}\n\n${items}` : items };
}

/** The comment json-schema-to-typescript writes above a member (none for a member typed by a declaration). */
export function memberComment(param: TInterfaceParam): string | undefined {
  const commented = withItemsComment(param.ast);
  return hasComment(commented) && !hasName(param.ast) ? jsttComment(commented.comment, commented.deprecated) : undefined;
}

/** How json-schema-to-typescript prints a property name. */
export const printedKey = (key: string): string => (key.length > 0 && /[A-Za-z_$]/.test(key.charAt(0)) && /^[\w$]+$/.test(key) ? key : JSON.stringify(key));
