import { branches, children, isNamedObject, pointerSegment, properties, type SchemaNode } from './schema-walk.js';

/**
 * Fields the API server fills in when a body leaves them out: a required property with a
 * `default` is defaulted while the request is decoded, before it is validated (on create and on
 * update alike), so a body may omit it although every object read back has it. Create and replace
 * bodies are typed by `<Kind>Input`, where exactly these properties are optional.
 */

/** The required properties of `node` that carry a default (wire names, schema order). */
export function defaultedRequired(node: SchemaNode): string[] {
  if (!isNamedObject(node) || !Array.isArray(node.required)) return [];
  const required = new Set(node.required.filter((r): r is string => typeof r === 'string'));
  return properties(node).filter(([name, child]) => required.has(name) && child.default !== undefined).map(([name]) => name);
}

/**
 * Every node whose type differs in a body: pointer (as the planner writes them) -> its own
 * defaulted required properties (empty for a node that only holds such a node deeper down).
 * Empty when the kind has none; else it holds `#`.
 */
export function inputNodes(schema: SchemaNode | undefined): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  const visit = (node: SchemaNode, pointer: string): boolean => {
    const own = defaultedRequired(node);
    let differs = own.length > 0;
    for (const [step, child] of [...children(node), ...branches(node)]) {
      if (visit(child, `${pointer}/${pointerSegment(step)}`)) differs = true;
    }
    if (differs) out.set(pointer, own);
    return differs;
  };
  if (schema) visit(schema, '#');
  return out;
}
