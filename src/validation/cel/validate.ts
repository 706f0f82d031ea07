/**
 * Evaluates a compiled rule tree against an object (and, on update, its old version) as
 * apiextensions-apiserver's cel.Validator does, giving the field errors of a 422: rules run on
 * non-null values only; transition rules (those that use `oldSelf`) only where an old value
 * correlates (same property or map key, list-type=map item with the same keys), unless
 * `optionalOldSelf` is set; messages, reasons and field paths worded as there.
 */
import { Optional } from './engine.js';
import { errorText } from './env.js';
import type { CompiledRule, RuleNode } from './rules.js';
import { toCel } from './values.js';

export interface CelCause {
  readonly reason: string;
  readonly message: string;
  readonly field: string;
}

type Path = string | null;

const child = (p: Path, k: string): string => (p === null || p === '' ? k : `${p}.${k}`);
const index = (p: Path, i: number | string): string => `${p ?? ''}[${i}]`;
const shown = (p: Path): string => (p === null || p === '' ? '<nil>' : p);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The cause for a false rule, by its reason (field.Invalid/Forbidden/Required/Duplicate). */
function failure(rule: CompiledRule, path: Path, type: string, detail: string): CelCause {
  const field = rule.fieldPath ? child(path, rule.fieldPath) : shown(path);
  const value = JSON.stringify(type);
  switch (rule.reason) {
    case 'FieldValueForbidden':
      return { reason: rule.reason, message: `Forbidden: ${detail}`, field };
    case 'FieldValueRequired':
      return { reason: rule.reason, message: `Required value: ${detail}`, field };
    case 'FieldValueDuplicate':
      return { reason: rule.reason, message: `Duplicate value: ${value}`, field };
    default:
      return { reason: 'FieldValueInvalid', message: `Invalid value: ${value}: ${detail}`, field };
  }
}

const ruleErrorString = (r: CompiledRule): string => (r.message ? r.message.trim() : r.rule.trim());

/** cel-go's wording of a runtime error, from the evaluator's. */
function runtimeError(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const text = errorText(e);
  if (code === 'division_by_zero') return 'division by zero';
  if (code === 'modulo_by_zero') return 'modulus by zero';
  if (code === 'numeric_overflow') return 'integer overflow';
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function messageFor(rule: CompiledRule, vars: Record<string, unknown>): string {
  if (rule.messageExpression) {
    try {
      const out: unknown = rule.messageExpression(vars);
      const text = typeof out === 'string' ? out.trim() : '';
      if (text !== '' && !text.includes('\n') && text.length <= 5 * 1024) return text;
    } catch {
      // As the real server: a failing messageExpression falls back to message (it only logs).
    }
  }
  return rule.message ? rule.message.trim() : `failed rule: ${ruleErrorString(rule)}`;
}

function runRule(rule: CompiledRule, node: RuleNode, path: Path, self: unknown, old: unknown): CelCause[] {
  if (!rule.program) return [];
  const hasOld = old !== undefined && old !== null;
  if (rule.usesOldSelf && !hasOld && !rule.optionalOldSelf) return [];
  const type = typeof node.schema.type === 'string' ? node.schema.type : '';
  const celSelf = toCel(self, node.schema, node.resourceRoot);
  const celOld = hasOld ? toCel(old, node.schema, node.resourceRoot) : undefined;
  const vars: Record<string, unknown> = { self: celSelf };
  if (rule.optionalOldSelf) vars['oldSelf'] = hasOld ? Optional.of(celOld) : Optional.none();
  else if (hasOld) vars['oldSelf'] = celOld;
  let result: unknown;
  try {
    result = rule.program(vars);
  } catch (e) {
    const text = runtimeError(e);
    const detail = text.startsWith('no such overload')
      ? `'${text}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(rule)}`
      : `${text} evaluating rule: ${ruleErrorString(rule)}`;
    return [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(type)}: ${detail}`, field: shown(path) }];
  }
  return result === true ? [] : [failure(rule, path, type, messageFor(rule, vars))];
}

/** The old item a list-type=map item correlates with: the one with the same key fields. */
function oldItemFinder(node: RuleNode, old: unknown): (item: unknown) => unknown {
  const keys = node.schema['x-kubernetes-list-map-keys'];
  if (node.schema['x-kubernetes-list-type'] !== 'map' || !Array.isArray(old) || !Array.isArray(keys)) return () => undefined;
  const keyOf = (x: unknown) => (isObject(x) ? JSON.stringify(keys.map((k) => x[String(k)] ?? null)) : undefined);
  const byKey = new Map(old.map((x) => [keyOf(x), x]));
  return (item) => byKey.get(keyOf(item));
}

function validateNode(node: RuleNode, path: Path, value: unknown, old: unknown): CelCause[] {
  if (value === null || value === undefined) return [];
  const causes = node.rules.flatMap((r) => runRule(r, node, path, value, old));
  for (const sub of node.allOf) causes.push(...validateNode(sub, path, value, old));
  if (Array.isArray(value) && node.items) {
    const items = node.items;
    const oldOf = oldItemFinder(node, old);
    value.forEach((item, i) => causes.push(...validateNode(items, index(path, i), item, oldOf(item))));
  } else if (isObject(value)) {
    const oldMap = isObject(old) ? old : {};
    for (const [k, v] of Object.entries(value)) {
      const prop = node.properties.get(k);
      if (node.additionalProperties && !node.schema.properties) causes.push(...validateNode(node.additionalProperties, index(path, k), v, oldMap[k]));
      else if (prop) causes.push(...validateNode(prop, child(path, k), v, oldMap[k]));
    }
  }
  return causes;
}

/** The field errors of `value` (and `old`, on update) against a compiled rule tree. */
export function celCauses(root: RuleNode | undefined, value: unknown, old?: unknown): CelCause[] {
  return root ? validateNode(root, null, value, old) : [];
}
