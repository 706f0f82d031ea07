/**
 * Compiles every `x-kubernetes-validations` rule of a schema once (when its CRD is registered),
 * into a tree that parallels the schema as apiextensions-apiserver's cel.Validator does: only
 * nodes with rules below them are kept. Rules that do not compile are kept with their error and
 * listed by `compileRules`, so the caller reports them once; they are never evaluated.
 */
import { compile, errorText, type Program } from './env.js';
import { isSchema, type JsonSchema, type ValidationRule } from './schema.js';

export type Reason = 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';

export interface CompiledRule {
  readonly rule: string;
  readonly message?: string;
  readonly reason?: Reason;
  /** The rule's fieldPath without its leading dot (`spec.x`), as the server normalises it. */
  readonly fieldPath?: string;
  readonly optionalOldSelf: boolean;
  readonly usesOldSelf: boolean;
  readonly program?: Program;
  readonly messageExpression?: Program;
  /** Why the rule (or its messageExpression) could not be compiled. */
  readonly error?: string;
}

export interface RuleNode {
  readonly schema: JsonSchema;
  readonly rules: readonly CompiledRule[];
  readonly properties: ReadonlyMap<string, RuleNode>;
  readonly items?: RuleNode;
  readonly additionalProperties?: RuleNode;
  readonly allOf: readonly RuleNode[];
  /** True at the resource root and at embedded resources (apiVersion/kind/metadata are visible). */
  readonly resourceRoot: boolean;
}

/** A rule that cannot run, for the one report made when its CRD is registered. */
export interface RuleProblem {
  /** Schema path of the node holding the rule: `.spec.listeners[*]`, `.spec.map{*}` ('' for the root). */
  readonly path: string;
  readonly rule: string;
  readonly error: string;
}

const REASONS = new Set<string>(['FieldValueInvalid', 'FieldValueForbidden', 'FieldValueRequired', 'FieldValueDuplicate']);

function compileRule(r: ValidationRule): CompiledRule {
  const rule = typeof r.rule === 'string' ? r.rule : '';
  const base = {
    rule,
    ...(typeof r.message === 'string' && r.message.trim() !== '' ? { message: r.message } : {}),
    ...(typeof r.reason === 'string' && REASONS.has(r.reason) ? { reason: r.reason as Reason } : {}),
    ...(typeof r.fieldPath === 'string' && r.fieldPath !== '' ? { fieldPath: r.fieldPath.replace(/^\./, '') } : {}),
    optionalOldSelf: r.optionalOldSelf === true,
  };
  try {
    const compiled = compile(rule);
    if (compiled.type !== 'bool' && compiled.type !== 'dyn') throw new Error(`cel expression must evaluate to a bool`);
    const messageExpression = typeof r.messageExpression === 'string' && r.messageExpression !== '' ? compile(r.messageExpression).program : undefined;
    return { ...base, usesOldSelf: compiled.usesOldSelf, program: compiled.program, ...(messageExpression ? { messageExpression } : {}) };
  } catch (e) {
    return { ...base, usesOldSelf: /\boldSelf\b/.test(rule), error: errorText(e) };
  }
}

function childNode(schema: unknown, path: string, problems: RuleProblem[], resourceRoot: boolean): RuleNode | undefined {
  return isSchema(schema) ? buildNode(schema, path, problems, resourceRoot) : undefined;
}

function buildNode(schema: JsonSchema, path: string, problems: RuleProblem[], resourceRoot: boolean): RuleNode | undefined {
  const rules = (schema['x-kubernetes-validations'] ?? []).filter(isSchema).map(compileRule);
  for (const r of rules) if (r.error) problems.push({ path, rule: r.rule, error: r.error });
  const properties = new Map<string, RuleNode>();
  for (const [k, v] of Object.entries(schema.properties ?? {})) {
    const node = childNode(v, `${path}.${k}`, problems, v['x-kubernetes-embedded-resource'] === true);
    if (node) properties.set(k, node);
  }
  const items = childNode(schema.items, `${path}[*]`, problems, schema.items?.['x-kubernetes-embedded-resource'] === true);
  const extra = schema.additionalProperties;
  const additionalProperties = isSchema(extra) ? childNode(extra, `${path}{*}`, problems, extra['x-kubernetes-embedded-resource'] === true) : undefined;
  const allOf = (schema.allOf ?? []).flatMap((s) => childNode({ ...s, type: schema.type }, path, problems, resourceRoot) ?? []);
  if (rules.length === 0 && properties.size === 0 && !items && !additionalProperties && allOf.length === 0) return undefined;
  return { schema, rules, properties, allOf, resourceRoot, ...(items ? { items } : {}), ...(additionalProperties ? { additionalProperties } : {}) };
}

/** The compiled rule tree of a version's openAPIV3Schema (undefined when it has no rules) and the rules that cannot run. */
export function compileRules(schema: JsonSchema): { root: RuleNode | undefined; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const root = buildNode(schema, '', problems, true);
  return { root, problems };
}
