/**
 * The options of the command line, as rows of the same shape as the library's table
 * (src/generator/options.ts): where the CRDs come from, where the output goes, and how one run
 * behaves (--check, --json, --watch, ...). Rows marked `config: false` are flags only; the others
 * are config keys too. GENERATE_TABLE puts them together in the order `crdgen generate --help`
 * lists them, and the config file's keys and schema follow the same order.
 */
import type { ArgsOf, ConfigOf, OptionTable } from '../generator/option-spec.js';
import { GENERATE_OPTION_TABLE } from '../generator/options.js';

/** The flags of `crdgen` itself, before any command (answered in main(), before yargs). */
export const TOP_OPTION_TABLE = {
  version: {
    kind: { type: 'boolean' },
    doc: 'Show the version of crdgen',
    config: false,
  },
} as const satisfies OptionTable;

/** Where the CRDs come from: flags of generate, list and scaffold, never config keys. */
export const SOURCE_OPTION_TABLE = {
  config: {
    kind: { type: 'string' },
    doc: 'Config file (default: crdgen.config.json, or the "crdgen" key of package.json)',
    config: false,
  },
  fromCluster: {
    kind: { type: 'boolean' },
    doc: 'Read the CRDs from the cluster of the kubeconfig instead of files',
    config: false,
  },
  context: {
    kind: { type: 'string' },
    doc: 'With --from-cluster: the kubeconfig context to use',
    config: false,
  },
  kubeconfig: {
    kind: { type: 'string' },
    doc: 'With --from-cluster: the kubeconfig file (default: $KUBECONFIG, ~/.kube/config)',
    config: false,
  },
} as const satisfies OptionTable;

/** What goes first in generate's help: the inputs, the output and how it is written. */
const OUTPUT_OPTION_TABLE = {
  $schema: {
    kind: { type: 'string' },
    doc: 'This schema, for editor completion.',
    flag: false,
  },
  inputs: {
    kind: { type: 'list' },
    doc: 'CRD files or folders (folders are read recursively: *.yaml, *.yml, *.json).',
    help: "CRD files or folders (*.yaml, *.yml, *.json), or - for stdin (default: the config's inputs)",
    flag: 'positional',
    examples: [['crds']],
  },
  out: {
    kind: { type: 'string' },
    doc: 'Output folder of the generated code (as -o).',
    help: "Output folder (default: the config's out)",
    alias: 'o',
    examples: ['src/generated'],
  },
  check: {
    kind: { type: 'boolean' },
    doc: 'Write nothing; exit 1 and list stale, missing and extra files',
    config: false,
  },
  clean: {
    kind: { type: 'boolean' },
    default: false,
    doc: 'Remove files in out that carry the crdgen banner but are no longer generated (as --clean).',
    help: 'Remove stale files that carry the crdgen banner (never other files)',
  },
} as const satisfies OptionTable;

/** How one run reports and repeats: flags only. */
const RUN_OPTION_TABLE = {
  report: {
    kind: { type: 'string' },
    doc: 'Also write a JSON report to this file: per CRD the versions, types, open fields and why, diagnostics, bytes; wall time and peak memory',
    config: false,
  },
  json: {
    kind: { type: 'boolean' },
    doc: 'Print the result and diagnostics as JSON on stdout',
    config: false,
  },
  quiet: {
    kind: { type: 'boolean' },
    doc: 'Print errors only',
    alias: 'q',
    config: false,
  },
  verbose: {
    kind: { type: 'boolean' },
    doc: 'Print every diagnostic, infos included',
    config: false,
  },
  watch: {
    kind: { type: 'boolean' },
    doc: 'Generate again whenever an input file or the config file changes (URL inputs are fetched again on each run; Ctrl-C stops)',
    config: false,
  },
  workers: {
    kind: { type: 'string' },
    doc: 'Threads: auto (default: one per core when the input is big) or a number, this one included; the output is the same for any',
    config: false,
  },
  cache: {
    kind: { type: 'string' },
    doc: 'Cache folder for unchanged group-versions (default: node_modules/.cache/crdgen of the project); --no-cache: none',
    config: false,
  },
} as const satisfies OptionTable;

/** Every option of `crdgen generate`, library and CLI, in --help order. */
export const GENERATE_TABLE = {
  ...OUTPUT_OPTION_TABLE,
  ...GENERATE_OPTION_TABLE,
  ...SOURCE_OPTION_TABLE,
  ...RUN_OPTION_TABLE,
} as const satisfies OptionTable;

/** What a config file may hold (paths relative to the file's folder). */
export type CrdgenConfig = ConfigOf<typeof GENERATE_TABLE>;

/** The arguments of `crdgen generate` as yargs parses them. */
export type GenerateArgs = ArgsOf<typeof GENERATE_TABLE>;

/** The arguments of the flags that say where the CRDs come from (and the positional inputs). */
export type SourceArgs = ArgsOf<typeof SOURCE_OPTION_TABLE> & { inputs?: string[] };
