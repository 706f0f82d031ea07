/**
 * The CEL engine, @marcbachmann/cel-js, loaded in this one place. Generated validators copy
 * src/validation into the user's project, which may lack the package: importing them then fails
 * with one line saying what to install, not a module-not-found trace. Other files import only its
 * types (erased) from the package, and its values from here.
 */
import type * as CelJs from '@marcbachmann/cel-js';
import { CEL_JS, CEL_JS_INSTALL } from './package.js';

const CEL_JS_MISSING = `crdgen validators need ${CEL_JS.name}, which this project lacks: ${CEL_JS_INSTALL}`;

function isMissing(error: unknown): boolean {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return String(message).includes(CEL_JS.name);
  return /cannot find|failed to (load|resolve)/i.test(String(message)) && String(message).includes(CEL_JS.name);
}

async function load(): Promise<typeof CelJs> {
  try {
    return await import('@marcbachmann/cel-js');
  } catch (error) {
    if (!isMissing(error)) throw error;
    const missing = new Error(CEL_JS_MISSING);
    missing.stack = `Error: ${CEL_JS_MISSING}`;
    throw missing;
  }
}

const cel = await load();

export const Environment = cel.Environment;
export type Environment = CelJs.Environment;
export const Optional = cel.Optional;
export type Optional<T = unknown> = CelJs.Optional<T>;
export const EvaluationError = cel.EvaluationError;
export const serialize = cel.serialize;
