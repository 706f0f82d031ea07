// Every CEL rule of the real-world corpus (../shared/corpus) compiles here and runs: evaluated on
// the smallest value of its node's type, it gives true/false or a CEL runtime error (such as
// "no such key"), never an evaluator crash. Prints the counts.
import { describe, expect, it } from 'vitest';
import { compileRules, celCauses, type RuleNode } from '../../../src/validation/cel/index.js';
import { explainMissingCorpus, HAS_CORPUS } from '../../support/corpus.js';
import { corpusCrds } from './corpus-rules.js';

explainMissingCorpus();

function nodes(node: RuleNode | undefined): RuleNode[] {
  if (!node) return [];
  return [node, ...[...node.properties.values(), node.items, node.additionalProperties, ...node.allOf].flatMap((n) => nodes(n))];
}

const SMALLEST: Record<string, unknown> = { object: {}, array: [], string: '', integer: 0, number: 0, boolean: false };

describe.runIf(HAS_CORPUS)('CEL rules of the corpus CRDs', () => {
  it('all compile and run', () => {
    let rules = 0;
    let ran = 0;
    const runtimeErrors = new Map<string, number>();
    const problems: string[] = [];
    for (const { file, crd } of corpusCrds()) {
      for (const version of crd.spec?.versions ?? []) {
        const { root, problems: p } = compileRules(version.schema?.openAPIV3Schema ?? {});
        problems.push(...p.map((x) => `${file} ${version.name} ${x.path}: ${x.error}: ${x.rule}`));
        for (const node of nodes(root)) {
          const value = SMALLEST[String(node.schema.type)] ?? '';
          for (const rule of node.rules) {
            rules++;
            if (!rule.program) continue;
            const single: RuleNode = { ...node, rules: [rule], properties: new Map(), allOf: [] };
            const causes = celCauses({ ...single, items: undefined, additionalProperties: undefined } as RuleNode, value, rule.optionalOldSelf ? undefined : value);
            for (const c of causes.filter((c) => c.message.includes('evaluating rule'))) {
              const kind = c.message.replace(/^Invalid value: "[^"]*": /, '').split(/[:]/)[0] ?? '';
              runtimeErrors.set(kind, (runtimeErrors.get(kind) ?? 0) + 1);
            }
            ran++;
          }
        }
      }
    }
    console.log(`corpus CEL rules: ${rules} found, ${rules - problems.length} compiled, ${ran} ran on a minimal value; CEL runtime errors: ${JSON.stringify(Object.fromEntries(runtimeErrors))}`);
    expect(problems).toEqual([]);
    expect(ran).toBe(rules);
    expect(rules).toBeGreaterThan(1000);
    expect([...runtimeErrors.keys()].filter((k) => !/^no such key|^index out of range|^no such overload|^invalid duration|^URL parse error/.test(k))).toEqual([]);
  });
});
