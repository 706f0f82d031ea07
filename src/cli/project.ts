/**
 * What `generate`, `list` and `scaffold` share: the project's config merged under the flags, and
 * the CRD inputs, read from files, folders, stdin or a cluster.
 */
import type { SourceArgs } from './cli-options.js';
import { ConfigError, configSearchPaths, findConfig, fromConfigDir, type LoadedConfig } from './config.js';
import type { InputFile } from '../generator/model.js';
import { CliFailure, ExitCode, type CliContext } from './context.js';
import { readInputs } from './io.js';

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

/** The files a change of which can change the config of this run (`--watch` watches them). */
export const configPaths = (ctx: CliContext, given: string | undefined): Promise<string[]> => configSearchPaths(ctx.cwd, lastOf(given) || undefined);

/** A string flag given twice arrives as an array: the last one wins, as with kubectl. */
function lastOf(value: string | readonly string[] | undefined): string | undefined {
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
