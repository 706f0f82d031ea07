/**
 * The CEL environment of CRD validation rules: `self` and `oldSelf` (typed dyn; values are typed
 * from the schema when bound) and the Kubernetes libraries. Built once; compiling a rule parses,
 * lowers (see lower.ts) and type-checks it.
 */
import type { ParseResult } from '@marcbachmann/cel-js';
import { Environment, serialize } from './engine.js';
import { registerNetLibraries } from './lib-net.js';
import { registerQuantityAndFormat } from './lib-quantity.js';
import { registerStringLibraries } from './lib-strings.js';
import { lower, usesVariable } from './lower.js';

export type Program = ParseResult;

export interface Compiled {
  readonly program: Program;
  readonly usesOldSelf: boolean;
  /** The checked result type (`bool`, `string`, `dyn`, ...). */
  readonly type: string;
}

function hasField(target: unknown, field: string): boolean {
  if (target instanceof Map) return target.has(field);
  if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
    return Object.prototype.hasOwnProperty.call(target, field) && (target as Record<string, unknown>)[field] !== undefined;
  }
  return false;
}

function buildEnvironment(): Environment {
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  env.registerVariable('self', 'dyn').registerVariable('oldSelf', 'dyn');
  env.registerFunction('k8s_has(dyn, string): bool', hasField);
  registerStringLibraries(env);
  registerNetLibraries(env);
  registerQuantityAndFormat(env);
  return env;
}

let shared: Environment | undefined;

function environment(): Environment {
  shared ??= buildEnvironment();
  return shared;
}

/** The first line of an evaluator error, without its source excerpt. */
export function errorText(e: unknown): string {
  const summary = (e as { summary?: unknown }).summary;
  const text = typeof summary === 'string' ? summary : e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] ?? '';
}

/** Compiles `source`; throws an Error with the evaluator's one-line reason when it does not compile. */
export function compile(source: string): Compiled {
  const env = environment();
  let program = env.parse(source);
  const lowered = lower(program.ast);
  if (lowered) program = env.parse(serialize(lowered));
  const checked = program.check();
  if (!checked.valid) throw new Error(errorText(checked.error));
  return { program, usesOldSelf: usesVariable(program.ast, 'oldSelf'), type: checked.type ?? 'dyn' };
}
