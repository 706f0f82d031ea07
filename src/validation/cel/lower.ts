/**
 * Rewrites a parsed rule before type checking, where the evaluator's built-ins differ from
 * cel-go as Kubernetes configures it. The evaluator lets no built-in be replaced, so the call is
 * renamed to our own function instead:
 * - `has(e.f)` on a field of any expression (`has(self.items[0].name)`), which cel-go allows and
 *   the evaluator's macro refuses unless the chain starts at a variable, becomes `k8s_has(e, 'f')`;
 * - `s.matches(re)` / `matches(s, re)` use RE2 syntax (`(?i)` flags, `\z`) and a compiled cache;
 * - `lowerAscii()`/`upperAscii()` change ASCII letters only (the evaluator's change all letters);
 * - namespaced functions the evaluator has no namespace for (`sets.contains(a, b)`,
 *   `ip.isCanonical(s)`) become plain functions (`k8s_sets_contains(a, b)`);
 * - `opt.value()` is wrapped in `dyn(...)`: the evaluator cannot resolve an operator between
 *   that result and a dyn operand (`self >= oldSelf.value()` with optionalOldSelf).
 */
import type { ASTNode } from '@marcbachmann/cel-js';

type Node = { op: string; args: unknown };

const RENAMED_METHODS = new Map([
  ['matches', 'k8s_matches'],
  ['lowerAscii', 'k8s_lowerAscii'],
  ['upperAscii', 'k8s_upperAscii'],
]);

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && 'op' in x && 'args' in x;
}

function rootsAtIdentifier(node: Node): boolean {
  let n: Node = node;
  while (n.op === '.' || n.op === '.?') {
    const inner = (n.args as unknown[])[0];
    if (!isNode(inner)) return false;
    n = inner;
  }
  return n.op === 'id';
}

function value(v: string): Node {
  return { op: 'value', args: v };
}

const wrapped = new WeakSet<object>();

function wrapOptionalValue(node: Node): boolean {
  const args = node.args;
  if (node.op !== 'rcall' || !Array.isArray(args) || args[0] !== 'value' || (args[2] as unknown[]).length > 0 || wrapped.has(node)) return false;
  const inner: Node = { op: node.op, args };
  wrapped.add(inner);
  node.op = 'call';
  node.args = ['dyn', [inner]];
  return true;
}

const NAMESPACES = new Set(['sets', 'ip']);

function flattenNamespace(node: Node): boolean {
  const args = node.args;
  if (node.op !== 'rcall' || !Array.isArray(args)) return false;
  const receiver = args[1];
  if (!isNode(receiver) || receiver.op !== 'id' || !NAMESPACES.has(String(receiver.args))) return false;
  node.op = 'call';
  node.args = [`k8s_${String(receiver.args)}_${String(args[0])}`, args[2]];
  return true;
}

/** Rewrites `node` in place; returns whether anything changed. */
function rewrite(node: Node): boolean {
  let changed = flattenNamespace(node);
  if (wrapOptionalValue(node)) changed = true;
  const args = node.args;
  if (node.op === 'call' && Array.isArray(args) && args[0] === 'has') {
    const [arg] = args[1] as unknown[];
    if (isNode(arg) && arg.op === '.' && !rootsAtIdentifier(arg)) {
      const [target, field] = arg.args as [Node, string];
      node.args = ['k8s_has', [target, value(field)]];
      changed = true;
    }
  }
  if (node.op === 'rcall' && Array.isArray(args)) {
    const renamed = RENAMED_METHODS.get(String(args[0]));
    if (renamed) {
      args[0] = renamed;
      changed = true;
    }
  }
  if (node.op === 'call' && Array.isArray(args) && args[0] === 'matches') {
    args[0] = 'k8s_matches';
    changed = true;
  }
  const children = Array.isArray(node.args) ? node.args.flat(2) : isNode(node.args) ? [node.args] : [];
  for (const child of children) if (isNode(child) && rewrite(child)) changed = true;
  return changed;
}

/** Whether the parsed rule refers to `oldSelf` (a transition rule). */
export function usesVariable(ast: ASTNode, name: string): boolean {
  const visit = (n: unknown): boolean => {
    if (!isNode(n)) return false;
    if (n.op === 'id') return n.args === name;
    return Array.isArray(n.args) ? n.args.flat(2).some(visit) : visit(n.args);
  };
  return visit(ast);
}

/** The AST with our replacements, or undefined when none was needed. */
export function lower(ast: ASTNode): ASTNode | undefined {
  return rewrite(ast as unknown as Node) ? ast : undefined;
}
