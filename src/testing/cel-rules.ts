/**
 * The compiled `x-kubernetes-validations` of each served schema. A schema is compiled once (when
 * its CRD is written; the same schema text is never compiled twice), and the rules that cannot
 * run are turned into one warning each on the CRD's write, naming the CRD, version, path and rule.
 */
import { compileRules, type RuleNode, type RuleProblem } from '../validation/cel/index.js';
import { isObject, objectAt, stringAt, type JsonObject } from './json.js';

interface Compiled {
  readonly root: RuleNode | undefined;
  readonly problems: readonly RuleProblem[];
}

const bySchema = new WeakMap<object, Compiled>();
const byText = new Map<string, Compiled>();
const TEXT_CACHE_LIMIT = 200;

function compiledOf(schema: JsonObject): Compiled {
  const hit = bySchema.get(schema);
  if (hit) return hit;
  const text = JSON.stringify(schema);
  let compiled = byText.get(text);
  if (!compiled) {
    compiled = compileRules(schema);
    if (byText.size >= TEXT_CACHE_LIMIT) byText.clear();
    byText.set(text, compiled);
  }
  bySchema.set(schema, compiled);
  return compiled;
}

/** The rule tree of a version's schema (undefined when it has none). */
export function celRulesOf(schema: JsonObject | undefined): RuleNode | undefined {
  return schema ? compiledOf(schema).root : undefined;
}

/** One warning per rule of the CRD (v1 shape) that this server cannot evaluate. */
export function celRuleWarnings(crd: JsonObject): string[] {
  const name = stringAt(objectAt(crd, 'metadata'), 'name') ?? '';
  const versions = Array.isArray(objectAt(crd, 'spec').versions) ? (objectAt(crd, 'spec').versions as unknown[]).filter(isObject) : [];
  return versions.flatMap((v) => {
    const schema = objectAt(objectAt(v, 'schema'), 'openAPIV3Schema');
    return compiledOf(schema).problems.map(
      (p) => `CRD ${name} version ${stringAt(v, 'name') ?? ''}: x-kubernetes-validations rule at ${p.path || '<root>'} is not evaluated by this test server (${p.error}): ${p.rule}`,
    );
  });
}
