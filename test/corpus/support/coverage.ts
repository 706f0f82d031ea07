import ts from 'typescript';
import type { JsonSchema } from '../../../src/kube/model.js';
import { joinPath } from '../../../src/generator/report/open.js';
import { children, isEmbedded, pointerSegment, walk } from '../../../src/generator/schema-walk.js';
import { declaredStep, follow, mayOmit, shapeOf, type Shape } from '../../support/emitted.js';
import { typeMismatch } from './leaf-types.js';

/** One generated kind version: where its root interface is and the schema it was made from. */
export interface CoverageTarget {
  readonly subject: string;
  readonly file: ts.SourceFile;
  readonly root: ts.Type;
  readonly schema: JsonSchema;
}

export interface Coverage {
  /** Property steps looked up in the emitted types (with those below a missing one). */
  readonly properties: number;
  /** `subject path (pointer): what is wrong` for every schema step with no emitted counterpart. */
  readonly missing: string[];
  /**
   * Properties a CRD declares under the root's (or an embedded resource's) metadata that
   * V1ObjectMeta lacks: the API server treats metadata as ObjectMeta whatever the schema says, so
   * crdgen types it as V1ObjectMeta (fields such as `clusterName` were removed from Kubernetes).
   */
  readonly notInObjectMeta: string[];
  /**
   * Nodes whose own type is not what the mapping table says (`string`, `number | string`, enum
   * literals, `| null`, arrays, objects), or whose optionality is not the schema's `required`.
   */
  readonly wrongTypes: string[];
  /** `subject pointer` -> shape, for every node that is not a precise type (the report must explain each). */
  readonly shapes: Map<string, Shape>;
}

/**
 * Walks every schema (children as src/generator/schema-walk.ts defines them) and the emitted types side by
 * side: each property must be a declared member under its wire name, each array an array, each map
 * an index signature. Below the root's metadata (V1ObjectMeta) only names are checked.
 */
export function checkCoverage(checker: ts.TypeChecker, targets: readonly CoverageTarget[]): Coverage {
  const coverage: Coverage = { properties: 0, missing: [], notInObjectMeta: [], wrongTypes: [], shapes: new Map() };
  for (const target of targets) {
    const visit = (node: JsonSchema, type: ts.Type, pointer: string, path: string, underMeta: boolean, isRoot: boolean): void => {
      const shape = shapeOf(checker, type);
      if (shape !== 'closed' && !underMeta) coverage.shapes.set(`${target.subject} ${pointer}`, shape);
      for (const [step, child] of children(node)) {
        const childPointer = `${pointer}/${pointerSegment(step)}`;
        const childPath = joinPath(path, step);
        if (step.kind === 'property') (coverage as { properties: number }).properties++;
        const next = follow(checker, type, step);
        if (!next) {
          // The properties below a missing one are lost with it: count them as looked up.
          (coverage as { properties: number }).properties += [...walk(child)].filter((v) => v.steps.at(-1)?.kind === 'property').length;
          const what = step.kind === 'property' ? `no property ${JSON.stringify(step.name)}` : step.kind === 'items' ? 'not an array' : 'no index signature';
          (underMeta ? coverage.notInObjectMeta : coverage.missing).push(`${target.subject} ${childPath} (${childPointer}): ${what} in ${checker.typeToString(type)}`);
          continue;
        }
        const meta = underMeta || (step.kind === 'property' && step.name === 'metadata' && (isRoot || isEmbedded(node)));
        const header = (isRoot || isEmbedded(node)) && step.kind === 'property' && (step.name === 'apiVersion' || step.name === 'kind');
        if (!meta) {
          const where = `${target.subject} ${childPath} (${childPointer})`;
          // The root's apiVersion and kind are the literals of this group/version and kind.
          const wrong = isRoot && header ? undefined : typeMismatch(child, declaredStep(checker, type, step) as ts.Type);
          if (wrong) coverage.wrongTypes.push(`${where}: ${wrong}`);
          if (step.kind === 'property') {
            const required = header || (Array.isArray(node.required) && node.required.includes(step.name));
            // Optional: some member of the type may leave it out (required-only branches type a union).
            const optional = mayOmit(checker, type, step.name);
            if (required === optional) coverage.wrongTypes.push(`${where}: ${required ? 'required' : 'optional'} in the schema, not in the type`);
          }
        }
        visit(child, next, childPointer, childPath, meta, false);
      }
    };
    visit(target.schema, target.root, '#', '', false, true);
  }
  return coverage;
}
