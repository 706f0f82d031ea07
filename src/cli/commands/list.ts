import type { Argv } from 'yargs';
import { hasErrors } from '../../generator/diagnostics.js';
import type { CrdModel } from '../../kube/model.js';
import { GENERATE_OPTION_TABLE, matchesSelector } from '../../generator/options.js';
import { checkSelectors } from '../../generator/plan/selectors.js';
import { CliFailure, ExitCode, type CliContext } from '../context.js';
import type { CommandRun } from '../main.js';
import { SOURCE_OPTION_TABLE, type SourceArgs } from '../cli-options.js';
import { withFlags } from '../option-flags.js';
import { inputsFor, loadConfig, readSources } from '../project.js';
import { printDiagnostics } from '../messages.js';

interface ListArgs extends SourceArgs {
  include?: string[];
  exclude?: string[];
  json?: boolean;
}

/** One row of `crdgen list --json`. */
interface ListedCrd {
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly versions: ReadonlyArray<{ name: string; served: boolean; storage: boolean; deprecated: boolean }>;
  readonly subresources: readonly string[];
  readonly shortNames: readonly string[];
  readonly source: string;
}

export function registerList(cli: Argv, ctx: CliContext, run: CommandRun): Argv {
  return cli.command(
    'list [inputs..]',
    'List the kinds that CRD files, folders or a cluster hold: group, kind, versions, scope, subresources',
    (y) => {
      const own = withFlags(y.positional('inputs', { type: 'string', array: true, describe: 'CRD files or folders, or - for stdin (default: the config\'s inputs)' }), GENERATE_OPTION_TABLE, ['include', 'exclude'])
        .option('json', { type: 'boolean', describe: 'Print the list as JSON on stdout' });
      return withFlags(own, SOURCE_OPTION_TABLE)
        .example('$0 list crds/', 'What the CRDs below crds/ define')
        .example('$0 list --from-cluster --context dev', 'What a cluster serves');
    },
    async (args) => {
      run.exitCode = await runList(args as ListArgs, ctx);
    },
  );
}

async function runList(args: ListArgs, ctx: CliContext): Promise<number> {
  const loaded = await loadConfig(ctx, args.config);
  const inputs = inputsFor(args, loaded, ctx);
  if (inputs.length === 0 && !args.fromCluster) {
    throw new CliFailure('no inputs: name CRD files or folders, - for stdin, or --from-cluster (see crdgen list --help)', ExitCode.usage);
  }
  const files = await readSources(args, inputs, ctx);
  // The parsers load here, not at start-up (`crdgen --help` needs none of them).
  const [{ parse }, { normalize }] = await Promise.all([import('../../generator/parse/parse.js'), import('../../generator/normalize/normalize.js')]);
  const parsed = parse(files);
  const normalized = normalize(parsed.documents);
  const include = args.include ?? loaded?.config.include ?? [];
  const exclude = args.exclude ?? loaded?.config.exclude ?? [];
  const diagnostics = [...parsed.diagnostics, ...normalized.diagnostics, ...checkSelectors(normalized.crds, include, exclude)];
  const rows = normalized.crds.filter((crd) => selected(crd, include, exclude)).map(toRow);
  if (args.json) {
    ctx.stdout(`${JSON.stringify({ crds: rows, diagnostics }, null, 2)}\n`);
  } else {
    printDiagnostics(diagnostics, ctx, { quiet: false, verbose: false });
    ctx.stdout(rows.length === 0 ? 'no CustomResourceDefinitions found\n' : table(rows));
  }
  return hasErrors(diagnostics) ? ExitCode.error : ExitCode.ok;
}

function selected(crd: CrdModel, include: readonly string[], exclude: readonly string[]): boolean {
  const matches = (s: string) => matchesSelector(s, crd.group, crd.names.kind, crd.names.plural);
  return (include.length === 0 || include.some(matches)) && !exclude.some(matches);
}

function toRow(crd: CrdModel): ListedCrd {
  const subresources = new Set<string>();
  for (const v of crd.versions) {
    if (v.subresources.status) subresources.add('status');
    if (v.subresources.scale) subresources.add('scale');
  }
  return {
    name: crd.name,
    group: crd.group,
    kind: crd.names.kind,
    plural: crd.names.plural,
    scope: crd.scope,
    versions: crd.versions.map((v) => ({ name: v.name, served: v.served, storage: v.storage, deprecated: v.deprecated })),
    subresources: [...subresources],
    shortNames: crd.names.shortNames,
    source: crd.source.file,
  };
}

/** Versions in priority order: `v1*` is the storage version; deprecated and unserved ones say so. */
function versionLabel(v: ListedCrd['versions'][number]): string {
  const marks = [v.deprecated ? 'deprecated' : '', v.served ? '' : 'not served'].filter((m) => m !== '');
  return `${v.name}${v.storage ? '*' : ''}${marks.length > 0 ? ` (${marks.join(', ')})` : ''}`;
}

function table(rows: readonly ListedCrd[]): string {
  const header = ['GROUP', 'KIND', 'VERSIONS', 'SCOPE', 'SUBRESOURCES', 'SHORT NAMES'];
  const cells = rows.map((r) => [
    r.group,
    r.kind,
    r.versions.map(versionLabel).join(', '),
    r.scope,
    r.subresources.join(', ') || '-',
    r.shortNames.join(', ') || '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]) => c.map((text, i) => (i === c.length - 1 ? text : text.padEnd(widths[i] as number))).join('  ');
  const kinds = rows.length === 1 ? '1 kind' : `${rows.length} kinds`;
  return `${[header, ...cells].map(line).join('\n')}\n\n${kinds}; * marks the storage version\n`;
}
