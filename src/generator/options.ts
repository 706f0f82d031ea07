/**
 * The generator's options: one definition for the library API, the config file and the CLI flags.
 */
export interface GenerateOptions {
  /** Which versions of each CRD get types: every served one (default), only the storage version, or all. */
  readonly versions: 'served' | 'storage' | 'all';
  /**
   * `copy` (default) writes the runtime base class into `<out>/runtime/` so the output needs only
   * @kubernetes/client-node; anything else is a module specifier the generated files import it from
   * (e.g. `crdgen/runtime`).
   */
  readonly runtime: string;
  /** Generate the CRDs that are fine and report the others, instead of generating nothing on an error. */
  readonly keepGoing: boolean;
  /** Only these groups or kinds (`example.com`, `Widget`, `Widget.example.com`); empty means all. */
  readonly include: readonly string[];
  /** Leave out these groups or kinds (same forms as include). */
  readonly exclude: readonly string[];
  /**
   * Type names chosen by the user: `Kind` or `Kind.group` -> a PascalCase name that replaces the
   * kind's in its interface, List, Api class, resource constant and nested types. Wire values
   * (`kind: 'Widget'`) never change.
   */
  readonly renames: Readonly<Record<string, string>>;
}

export const DEFAULT_OPTIONS: GenerateOptions = Object.freeze({
  versions: 'served',
  runtime: 'copy',
  keepGoing: false,
  include: Object.freeze([]) as readonly string[],
  exclude: Object.freeze([]) as readonly string[],
  renames: Object.freeze({}) as Readonly<Record<string, string>>,
});

export const VERSION_CHOICES = ['served', 'storage', 'all'] as const;

/** True when `selector` (group, kind or kind.group) names this CRD. */
export function matchesSelector(selector: string, group: string, kind: string, plural: string): boolean {
  return selector === group || selector === kind || selector === `${kind}.${group}` || selector === `${plural}.${group}`;
}

/** The user's name for this kind: `Kind.group` wins over `Kind`. */
export function renameFor(renames: Readonly<Record<string, string>>, group: string, kind: string): string | undefined {
  return Object.hasOwn(renames, `${kind}.${group}`) ? renames[`${kind}.${group}`] : Object.hasOwn(renames, kind) ? renames[kind] : undefined;
}
