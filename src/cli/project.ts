/**
 * What `generate`, `list` and `scaffold` share: the project's config merged under the flags, and
 * the CRD inputs, read from files, folders, stdin or a cluster.
 */
import { ConfigError, findConfig, fromConfigDir, validateRenames, type LoadedConfig } from './config.js';
import type { InputFile } from '../generator/model.js';
import { CliFailure, ExitCode, type CliContext } from './context.js';
import { readInputs } from './io.js';

/** Flags that say where the CRDs come from. */
export interface SourceArgs {
  inputs?: string[];
  config?: string;
  fromCluster?: boolean;
  context?: string;
  kubeconfig?: string;
}

/** The config for this run, or undefined when the project has none; its problems exit 2. */
export async function loadConfig(ctx: CliContext, given: string | undefined): Promise<LoadedConfig | undefined> {
  const explicit = lastOf(given);
  if (explicit === '') throw new CliFailure('--config needs a file name, e.g. --config crdgen.config.json', ExitCode.usage);
  try {
    return await findConfig(ctx.cwd, explicit);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliFailure(error.message, ExitCode.usage);
    throw error;
  }
}

/** A string flag given twice arrives as an array: the last one wins, as with kubectl. */
export function lastOf(value: string | readonly string[] | undefined): string | undefined {
  return Array.isArray(value) ? (value as readonly string[]).at(-1) : (value as string | undefined);
}

/** The input paths to read: the flags', else the config's (relative to the config file). */
export function inputsFor(args: SourceArgs, loaded: LoadedConfig | undefined, ctx: CliContext): string[] {
  if (args.inputs !== undefined && args.inputs.length > 0) return args.inputs;
  return (loaded?.config.inputs ?? []).map((p) => fromConfigDir(loaded as LoadedConfig, ctx.cwd, p));
}

/** The output folder: `-o`, else the config's `out` (relative to the config file). */
export function outFor(out: string | undefined, loaded: LoadedConfig | undefined, ctx: CliContext): string | undefined {
  if (out !== undefined) return out;
  const configured = loaded?.config.out;
  return configured === undefined ? undefined : fromConfigDir(loaded as LoadedConfig, ctx.cwd, configured);
}

/** `--rename Kind=Name` flags over the config's renames. */
export function renamesFor(flags: readonly string[] | undefined, loaded: LoadedConfig | undefined): Record<string, string> {
  const fromFlags: Record<string, string> = {};
  for (const flag of flags ?? []) {
    const at = flag.indexOf('=');
    if (at <= 0) throw new CliFailure(`--rename ${flag}: use Kind=NewName or Kind.group=NewName`, ExitCode.usage);
    Object.defineProperty(fromFlags, flag.slice(0, at), { value: flag.slice(at + 1), enumerable: true, writable: true, configurable: true });
  }
  const checked = validateRenames(fromFlags, (key, problem) => {
    throw new CliFailure(`--rename ${key.replace(/^renames\./, '')}: ${problem}`, ExitCode.usage);
  });
  return { ...(loaded?.config.renames ?? {}), ...checked };
}

/** Reads the CRDs from the cluster (with --from-cluster) or the input paths. */
export async function readSources(args: SourceArgs, inputs: readonly string[], ctx: CliContext): Promise<InputFile[]> {
  if (!args.fromCluster) {
    if (args.context !== undefined || args.kubeconfig !== undefined) {
      throw new CliFailure(`--${args.context !== undefined ? 'context' : 'kubeconfig'} needs --from-cluster`, ExitCode.usage);
    }
    return readInputs(inputs, ctx);
  }
  if (args.inputs !== undefined && args.inputs.length > 0) {
    throw new CliFailure('--from-cluster reads the CRDs from the cluster: leave out the input files', ExitCode.usage);
  }
  const { readClusterCrds } = await import('./cluster.js');
  const { files } = await readClusterCrds({ context: lastOf(args.context), kubeconfig: lastOf(args.kubeconfig) }, ctx);
  return [...files];
}

/** yargs options shared by the commands that read CRDs. */
export const SOURCE_OPTIONS = {
  config: { type: 'string', describe: 'Config file (default: crdgen.config.json, or the "crdgen" key of package.json)' },
  'from-cluster': { type: 'boolean', describe: 'Read the CRDs from the cluster of the kubeconfig instead of files' },
  context: { type: 'string', describe: 'With --from-cluster: the kubeconfig context to use' },
  kubeconfig: { type: 'string', describe: 'With --from-cluster: the kubeconfig file (default: $KUBECONFIG, ~/.kube/config)' },
} as const;
