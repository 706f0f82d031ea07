/**
 * `--validators` in copy mode: the copied validator imports @marcbachmann/cel-js from the user's
 * project. When the output folder cannot resolve it (Node's resolution from there), a warning says
 * what to install; importing the output would fail otherwise.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { diagnostic } from '../generator/diagnostics.js';
import type { Diagnostic } from '../generator/model.js';
import type { GenerateOptions } from '../generator/options.js';
import { CEL_JS, CEL_JS_INSTALL } from '../validation/cel/package.js';

export function validatorsDependencyWarning(options: GenerateOptions, outDir: string, shown: string): Diagnostic[] {
  if (!options.validators || options.runtime !== 'copy') return [];
  try {
    createRequire(join(outDir, 'index.js')).resolve(CEL_JS.name);
    return [];
  } catch {
    const message = `the validators import ${CEL_JS.name}, which ${shown} cannot resolve: ${CEL_JS_INSTALL}`;
    return [diagnostic('warning', 'validators-dependency', message, { subject: shown })];
  }
}
