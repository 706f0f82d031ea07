import { BANNER } from './banner.js';
import { stringLiteral } from '../escape.js';
import type { EmittedFile } from '../model.js';
import type { GenerationOutline } from '../plan/plan.js';
import type { Assets, EmitOptions } from './emit.js';
import { groupExportLines, groupIndexFiles, type ExportedName } from './group-index.js';

export const lines = (all: readonly string[]): string => `${all.join('\n')}\n`;

/**
 * The files above the group-version folders: the group entry points (see group-index.ts), the
 * root index (of the group-versions that have a typed kind, then of the groups) and the runtime
 * when copied, and `k8s`: the text of k8s.ts when a kind file uses it. Apart from emit.ts so that a
 * run served by workers or the cache does not load ts-morph for them. `emitted` is every
 * group-version's files, `exports` what each kind file exports.
 */
export function emitRoot(
  generationPlan: GenerationOutline,
  emitted: readonly EmittedFile[],
  exports: ReadonlyMap<string, readonly ExportedName[]>,
  options: EmitOptions,
  assets: Assets,
  k8s?: string,
): EmittedFile[] {
  const written = new Set(emitted.map((f) => f.path));
  const exported = generationPlan.groupVersions.filter((gv) => gv.kinds.some((k) => written.has(k.file)));
  const groupIndexes = groupIndexFiles(generationPlan, exports);
  const files: EmittedFile[] = [
    ...groupIndexes,
    {
      path: 'index.ts',
      contents: lines([
        BANNER,
        `export * from ${stringLiteral(runtimeModule(options.runtime, ''))};`,
        ...exported.map((gv) => `export * as ${gv.exportName} from ${stringLiteral(`./${gv.dir}/index.js`)};`),
        ...groupExportLines(generationPlan, groupIndexes),
      ]),
    },
  ];
  // Kubernetes' own shapes that some kind file imports (see shapes/well-known.ts).
  if (k8s !== undefined) files.push({ path: 'k8s.ts', contents: k8s });
  if (options.runtime === 'copy') {
    for (const file of assets.runtime) files.push({ path: `runtime/${file.path}`, contents: `${BANNER}\n${file.text}` });
    for (const file of options.validators ? assets.validation : []) {
      files.push({ path: `runtime/validation/${file.path}`, contents: `${BANNER}\n${file.text}` });
    }
  }
  return files;
}

/** The specifier a file `up` folders below the output root imports the runtime from. */
export function runtimeModule(runtime: string, up: string): string {
  if (runtime === 'copy') return `${up || './'}runtime/index.js`;
  if (!runtime.startsWith('./') && !runtime.startsWith('../')) return runtime;
  const joined = posixJoin(up, runtime);
  return joined.startsWith('../') ? joined : `./${joined}`;
}

/**
 * Where the validator comes from: `runtime/validation/` beside the copied runtime, `<module>/validation`
 * for a package (`crdgen/runtime/validation`), or the `validation/` folder beside a relative runtime file.
 */
export function validationModule(runtime: string, up: string): string {
  if (runtime === 'copy') return `${up || './'}runtime/validation/index.js`;
  const module = runtimeModule(runtime, up);
  if (!module.startsWith('./') && !module.startsWith('../')) return `${module}/validation`;
  return module.replace(/[^/]*$/, 'validation/index.js');
}

/** `up` (`../` repeated) followed by a relative specifier, with its `./` and leading `../` folded. */
function posixJoin(up: string, relative: string): string {
  const parts = up.split('/').filter((p) => p !== '');
  for (const part of relative.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
