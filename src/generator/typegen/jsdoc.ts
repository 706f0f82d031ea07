import { commentText } from '../escape.js';
import type { JsonSchema } from '../../kube/model.js';

const json = (value: unknown): string => JSON.stringify(value);

/**
 * The doc comment of a schema node: its description, then tags for what TypeScript cannot say
 * (default, format, limits, pattern, CEL rules, list semantics). Returns undefined when empty.
 */
export function schemaDoc(node: JsonSchema, extra: readonly string[] = []): string | undefined {
  const lines: string[] = [];
  if (typeof node.description === 'string' && node.description.trim() !== '') lines.push(node.description.trim());
  const tag = (name: string, value: string) => lines.push(`@${name} ${value}`);
  if (node.default !== undefined) tag('default', json(node.default));
  if (typeof node.format === 'string') tag('format', node.format);
  // minItems/maxItems are left out: json-schema-to-typescript writes those tags itself.
  for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'minProperties', 'maxProperties'] as const) {
    if (node[key] !== undefined && typeof node[key] !== 'boolean') tag(key, String(node[key]));
    else if (node[key] === true) tag(key, 'true');
  }
  if (node.uniqueItems === true) tag('uniqueItems', 'true');
  if (typeof node.pattern === 'string') tag('pattern', node.pattern);
  if (typeof node['x-kubernetes-list-type'] === 'string') tag('listType', node['x-kubernetes-list-type']);
  if (Array.isArray(node['x-kubernetes-list-map-keys'])) tag('listMapKeys', node['x-kubernetes-list-map-keys'].join(', '));
  if (typeof node['x-kubernetes-map-type'] === 'string') tag('mapType', node['x-kubernetes-map-type']);
  const rules = node['x-kubernetes-validations'];
  if (Array.isArray(rules)) {
    for (const rule of rules) {
      if (typeof rule !== 'object' || rule === null) continue;
      const { rule: expr, message } = rule as { rule?: unknown; message?: unknown };
      if (typeof expr !== 'string') continue;
      tag('validation', typeof message === 'string' && message !== '' ? `${expr} (${message})` : expr);
    }
  }
  lines.push(...extra);
  if (lines.length === 0) return undefined;
  return commentText(lines.join('\n'));
}
