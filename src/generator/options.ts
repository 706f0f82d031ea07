/**
 * The generator's options: THE table. Each row is one option of the library API; the
 * `GenerateOptions` type, `DEFAULT_OPTIONS`, the flags of `crdgen generate`, the config file's
 * validation and schema/crdgen.config.schema.json are derived from it (option-spec.ts says how).
 * Options of the command line only (--check, --json, ...) are rows of src/cli/cli-options.ts.
 * Adding an option: add a row here, then `npm run schema` (see CONTRIBUTING.md).
 */
import { defaultsOf, type OptionsOf, type OptionTable } from './option-spec.js';
import { RESERVED_TYPE_NAMES } from './plan/naming.js';

export const GENERATE_OPTION_TABLE = {
  versions: {
    kind: { type: 'enum', choices: ['served', 'storage', 'all'] },
    default: 'served',
    doc: 'Which versions of each CRD get types: every served one, only the storage version, or all.',
    help: 'Which versions to generate (default: served)',
  },
  runtime: {
    kind: { type: 'string' },
    default: 'copy',
    doc: 'copy: copy the runtime into <out>/runtime, so the output needs only @kubernetes/client-node; or a module to import it from, e.g. crdgen/runtime, or a relative path taken from <out> (each file gets it adjusted for its depth).',
    help: 'copy (default): copy the runtime into <out>/runtime; or a module to import it from, e.g. crdgen/runtime or a path relative to <out>',
  },
  keepGoing: {
    kind: { type: 'boolean' },
    default: false,
    doc: 'Generate the valid CRDs and report the invalid ones (exit 1) instead of generating nothing.',
    help: 'Generate the valid CRDs, report the invalid ones, exit 1',
  },
  include: {
    kind: { type: 'list' },
    default: [],
    doc: 'Only these groups or kinds: a group (example.com), a kind (Widget), Kind.group or plural.group.',
    help: 'Only these groups or kinds (Kind, group, Kind.group)',
  },
  exclude: {
    kind: { type: 'list' },
    default: [],
    doc: 'Leave out these groups or kinds (same forms as include).',
    help: 'Leave out these groups or kinds',
  },
  renames: {
    kind: {
      type: 'record',
      shape: 'Kind (or Kind.group) -> type name',
      keys: { pattern: '^[A-Za-z]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$', problem: 'must name a kind: Kind or Kind.group' },
      values: { pattern: '^[A-Z][A-Za-z0-9]*$', problem: 'must be a PascalCase type name (letters and digits)' },
      refused: { names: RESERVED_TYPE_NAMES, why: 'it would shadow a global or imported name' },
      flagForm: 'Kind=NewName or Kind.group=NewName',
    },
    default: {},
    doc: "Type names of your choosing: Kind or Kind.group -> a PascalCase name used for the interface, List, Api class and nested types. Wire values (kind: 'Widget') never change.",
    help: "Name a kind's types yourself: Kind=NewName or Kind.group=NewName",
    flag: 'rename',
    examples: [{ 'Exporter.jumpstarter.dev': 'JumpstarterExporter' }],
  },
  validators: {
    kind: { type: 'boolean' },
    default: false,
    doc:
      'Also generate validators: isKind(x) type guards, validateKind(obj) (the causes of the 422 the API server would answer: schema, formats and CEL rules), ' +
      'Api.validate(obj) and { validate: true } on writes. The validator is copied to <out>/runtime/validation (or imported from <runtime>/validation) and needs @marcbachmann/cel-js.',
    help: 'Also generate isKind/validateKind and { validate: true } on writes',
  },
} as const satisfies OptionTable;

/**
 * The options of `generate()`, one field per row of GENERATE_OPTION_TABLE (whose `doc` says what
 * each does): `versions` (which versions get types), `runtime` (`copy`, or the module the output
 * imports the runtime from), `keepGoing` (generate the valid CRDs when others fail), `include` and
 * `exclude` (groups or kinds: `example.com`, `Widget`, `Widget.example.com`), `renames` (`Kind` or
 * `Kind.group` -> a type name; wire values never change), `validators` (type guards and validators
 * checking objects as the API server does).
 */
export type GenerateOptions = OptionsOf<typeof GENERATE_OPTION_TABLE>;

export const DEFAULT_OPTIONS: GenerateOptions = defaultsOf(GENERATE_OPTION_TABLE);

export const VERSION_CHOICES = GENERATE_OPTION_TABLE.versions.kind.choices;

/** True when `selector` (group, kind or kind.group) names this CRD. */
export function matchesSelector(selector: string, group: string, kind: string, plural: string): boolean {
  return selector === group || selector === kind || selector === `${kind}.${group}` || selector === `${plural}.${group}`;
}

/** The user's name for this kind: `Kind.group` wins over `Kind`. */
export function renameFor(renames: Readonly<Record<string, string>>, group: string, kind: string): string | undefined {
  return Object.hasOwn(renames, `${kind}.${group}`) ? renames[`${kind}.${group}`] : Object.hasOwn(renames, kind) ? renames[kind] : undefined;
}
