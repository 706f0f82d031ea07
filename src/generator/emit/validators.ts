import type { ImportDeclarationStructure, VariableStatementStructure } from 'ts-morph';
import { StructureKind } from './ts-morph.js';
import { jsonExpression } from '../escape.js';
import type { KindPlan } from '../plan/plan.js';
import { compactSchema } from '../../validation/compact.js';
import { validationModule } from './root.js';
import { validatorNames } from './template.js';

/** The kind file's import of the validator (`--validators`). */
export function validationImport(runtime: string, up: string): ImportDeclarationStructure {
  return {
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: validationModule(runtime, up),
    namedImports: ['kindValidator', 'type Cause', 'type KindValidateOptions'],
  };
}

/**
 * The kind's validator: its structural schema without documentation, as one JSON expression in a
 * function (so it costs nothing until the first validation, and takes no escaping: the data is
 * never larger than the schema's JSON).
 */
export function validatorStatement(statement: VariableStatementStructure, kind: KindPlan): string {
  const schema = kind.version.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const docs = (statement.docs ?? []).map((d) => (typeof d === 'string' ? d : typeof d.description === 'string' ? d.description : ''));
  return [
    '',
    ...docs.filter((d) => d !== '').map((d) => `/** ${d} */`),
    `const ${validatorNames(kind).validator} = kindValidator<${kind.typeName}>(${kind.resourceName}, () => (${jsonExpression(compactSchema(schema))}));`,
  ].join('\n');
}
