import { branches, children, isNamedObject, pointerSegment, properties, type SchemaNode, type Step } from './schema-walk.js';

/**
 * Fields the API server fills in when a body leaves them out: a required property with a
 * `default` is defaulted while the request is decoded, before it is validated (on create and on
 * update alike), so a body may omit it although every object read back has it. Create and replace
 * bodies are typed by `<Kind>Input`, where exactly these properties are optional.
 */

/** The required properties of `node` that carry a default (wire names, schema order). */
export function defaultedRequired(node: SchemaNode): string[] {
  if (!Array.isArray(node.required) || !isNamedObject(node)) return [];
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
  // The steps from the root: a pointer is written only for a node that differs.
  const steps: Step[] = [];
  const visit = (node: SchemaNode): boolean => {
    const own = defaultedRequired(node);
    let differs = own.length > 0;
    for (const list of [children(node), branches(node)]) {
      for (const [step, child] of list) {
        steps.push(step);
        if (visit(child)) differs = true;
        steps.pop();
      }
    }
    if (differs) out.set(['#', ...steps.map(pointerSegment)].join('/'), own);
    return differs;
  };
  if (schema) visit(schema);
  return out;
}
