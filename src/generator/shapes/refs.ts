/**
 * A named schema node typed by a declaration somewhere else in the output, instead of a
 * declaration of its own: at another node of the same kind file (`self`), in the group's
 * `<group>/shapes.ts` (a shape several kind files share) or in `<out>/k8s.ts` (Kubernetes' own
 * type, see well-known.ts). The node's own description stays on the property that holds it.
 */
export interface ShapeRef {
  readonly module: 'self' | ShapeModule;
  /** The declaration's name in that module. */
  readonly name: string;
  /** The create/replace body form's name, when it differs from the read form (see server-defaults.ts). */
  readonly inputName?: string;
}

/** The modules of the output other than kind files that declare shapes. */
export type ShapeModule = 'shapes' | 'k8s';

/** Pointer of a named node (as the planner writes them) -> the declaration that types it. */
export type KindRefs = ReadonlyMap<string, ShapeRef>;

/** Where a module lies in the output: `<group>/shapes.ts` or `k8s.ts`. */
export function shapeModulePath(module: ShapeModule, group: string): string {
  return module === 'k8s' ? 'k8s.ts' : `${group}/shapes.ts`;
}

/** The specifier `file` (a path in the output) imports `path` (another path in the output) by. */
export function relativeSpecifier(file: string, path: string): string {
  const from = file.split('/').slice(0, -1);
  const to = path.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  const rest = to.slice(common).join('/').replace(/\.ts$/, '.js');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}
