/**
 * The CEL engine, @marcbachmann/cel-js, loaded in this one place. Generated validators copy
 * src/validation into the user's project, which may lack the package: importing them then fails
 * with one line saying what to install, not a module-not-found trace. It is loaded with a
 * synchronous require (Node 20.19+ loads ES modules so), from this file's folder as Node would
 * resolve an import: that works in ES modules and CommonJS alike, where a static import could not
 * be caught and a top-level await would not compile in CommonJS. Other files import only its types
 * (erased) from the package, and its values from here.
 */
import { createRequire } from 'node:module';
import type * as CelJs from '@marcbachmann/cel-js';
import { CEL_JS, CEL_JS_INSTALL } from './package.js';

const CEL_JS_MISSING = `crdgen validators need ${CEL_JS.name}, which this project lacks: ${CEL_JS_INSTALL}`;

/** This module's file, read from a stack frame (no import.meta, which CommonJS lacks); the working directory failing that. */
export function ownFile(stack: string | undefined = new Error().stack): string {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const file = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?$/.exec(line.trim())?.[1];
    if (file !== undefined) return file.startsWith('file://') ? decodeURIComponent(file.slice('file://'.length)) : file;
  }
  return `${process.cwd()}/`;
}

function isMissing(error: unknown): boolean {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  return (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && String(message).includes(`'${CEL_JS.name}'`);
}

function load(): typeof CelJs {
  try {
    return createRequire(ownFile())(CEL_JS.name) as typeof CelJs;
  } catch (error) {
    if (!isMissing(error)) throw error;
    const missing = new Error(CEL_JS_MISSING);
    missing.stack = `Error: ${CEL_JS_MISSING}`;
    throw missing;
  }
}

const cel = load();

export const Environment = cel.Environment;
export type Environment = CelJs.Environment;
export const Optional = cel.Optional;
export type Optional<T = unknown> = CelJs.Optional<T>;
export const EvaluationError = cel.EvaluationError;
export const serialize = cel.serialize;
