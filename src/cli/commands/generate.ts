import { realpath } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { hasErrors } from '../../generator/diagnostics.js';
import type { GenerateResult } from '../../generator/model.js';
import type { GenerateOptions } from '../../generator/options.js';
import { GENERATE_TABLE, type GenerateArgs } from '../cli-options.js';
import { optionsFromArgs, withFlags } from '../option-flags.js';
import { CliFailure, ExitCode, type CliContext } from '../context.js';
import { diffOutput, type OutputDiff } from '../output-diff.js';
import { leftovers, outputPaths, pauseHook } from '../output-lock.js';
import { checkOutDir, repairOutput, writeOutput } from '../output-write.js';
import type { CommandRun } from '../main.js';
import { configPaths, inputsFor, loadConfig, outFor, readSources } from '../project.js';
import { countBySeverity, plural, printDiagnostics, progress, seconds } from '../messages.js';
import { validatorsDependencyWarning } from '../validators-dependency.js';
import { compileCacheSetup } from '../compile-cache.js';

export function registerGenerate(cli: Argv, ctx: CliContext, run: CommandRun): Argv {
  return cli.command(
    'generate [inputs..]',
    'Generate TypeScript types and API classes from CRD files, folders, stdin (-) or a cluster',
    (y) =>
      withFlags(y, GENERATE_TABLE)
        .example('$0 generate', 'Generate what crdgen.config.json says (see crdgen init)')
        .example('$0 generate crds/ -o src/generated', 'Generate from every CRD below crds/')
        .example('$0 generate --check', 'In CI: fail when the output is stale')
        .example('$0 generate --from-cluster --context dev -o src/generated', 'Generate from the CRDs a cluster serves'),
    async (args) => {
      run.exitCode = await runGenerateCommand(args as GenerateArgs, ctx);
    },
  );
}

/** `crdgen generate` with its parsed arguments (by yargs, or plain-args.ts): the exit code. */
export function runGenerateCommand(args: GenerateArgs, ctx: CliContext): Promise<number> {
  return args.watch ? runWatch(args, ctx) : runGenerate(args, ctx);
}

/** `--watch`: generate, then again on every change of the inputs, until Ctrl-C (or ctx.signal). */
async function runWatch(args: GenerateArgs, ctx: CliContext): Promise<number> {
  if (args.check || args.fromCluster) throw new CliFailure(`--watch does not go with --${args.check ? 'check' : 'from-cluster'}`, ExitCode.usage);
  // Read at the start and again on every change of a file that can change the config (watched too:
  // also where a config created later would be found).
  const plan = async () => {
    const loaded = await loadConfig(ctx, args.config);
    const out = outFor(args.out, loaded, ctx);
    return {
      inputs: inputsFor(args, loaded, ctx),
      outDir: out === undefined ? undefined : resolve(ctx.cwd, out),
      config: loaded && resolve(ctx.cwd, loaded.file),
      configPaths: await configPaths(ctx, args.config),
    };
  };
  const first = await plan();
  if (first.inputs.length === 0 || first.outDir === undefined) return runGenerate(args, ctx);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const signal = ctx.signal ? AbortSignal.any([ctx.signal, controller.signal]) : controller.signal;
    const { watchInputs } = await import('../watch.js');
    return await watchInputs({ plan, generate: () => runGenerate(args, ctx) }, ctx, signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

async function runGenerate(flags: GenerateArgs, ctx: CliContext): Promise<number> {
  const started = Date.now();
  const loaded = await loadConfig(ctx, flags.config);
  const args: GenerateArgs = { ...flags, clean: flags.clean ?? loaded?.config.clean };
  const inputs = inputsFor(args, loaded, ctx);
  if (inputs.length === 0 && !args.fromCluster) throw new CliFailure('no inputs: name CRD files or folders, or - for stdin (see crdgen generate --help)', ExitCode.usage);
  args.out = outFor(args.out, loaded, ctx);
  if (!args.out) throw new CliFailure('missing --out: name the output folder, e.g. -o src/generated', ExitCode.usage);
  if (args.runtime === '') throw new CliFailure('--runtime is empty: use copy, or a module such as crdgen/runtime', ExitCode.usage);
  const options = optionsFromArgs(args, loaded?.config);
  const workers = workersSetting(args.workers);
  const files = await readSources(args, inputs, ctx);
  if (files.length === 0) {
    throw new CliFailure(`${args.fromCluster ? 'the cluster serves no CRDs' : `${inputs.join(', ')}: no CRD files (*.yaml, *.yml, *.json)`}; nothing written`);
  }
  const bar = progress(ctx, !args.quiet && !args.json);
  const generateStarted = Date.now();
  // Loaded here, not at start-up: ts-morph and json-schema-to-typescript cost ~0.3 s to import.
  const [{ generate }, { loadAssets }, { cacheDir, fileCache, pruneCache }] = await Promise.all([import('../../generator/generate.js'), import('../assets.js'), import('../cache.js')]);
  const cache = cacheDir(args.cache as string | boolean | undefined, ctx.cwd);
  const store = cache ? fileCache(cache) : undefined;
  const workerSetup = compileCacheSetup();
  const generated = await generate(files, options, await loadAssets(), { onProgress: bar.update, workers, ...(workerSetup ? { workerSetup } : {}), ...(store ? { cache: store, yaml: store } : {}) });
  // Only a run that added entries can take the folder over its limit.
  if (cache && store && store.writes > 0) await pruneCache(cache);
  bar.end();
  if (args.report) {
    const { writeReport } = await import('../generate-report.js');
    const line = await writeReport(args.report, files, options, generated, Date.now() - generateStarted, ctx);
    if (!args.quiet && !args.json) ctx.stderr(`${line}\n`);
  }
  const outDir = await realOutDir(resolve(ctx.cwd, args.out));
  const result = { ...generated, diagnostics: [...generated.diagnostics, ...validatorsDependencyWarning(options, outDir, args.out)] };
  const failed = hasErrors(result.diagnostics);
  if (failed && result.files.length === 0) {
    report(ctx, args, result, undefined, started, 'nothing written');
    return ExitCode.error;
  }
  if (result.kinds.length === 0) {
    if (!args.json) printDiagnostics(result.diagnostics, ctx, { quiet: args.quiet ?? false, verbose: args.verbose ?? false });
    throw new CliFailure(`${nothingToGenerate(args, inputs, options)}; nothing written`);
  }
  await checkOutDir(outDir, args.out, ctx.cwd);
  if (!args.check) await repairOutput(outDir, args.out, pauseHook(ctx.env, ctx.stderr));
  const diff = await diffOutput(outDir, result.files);
  if (args.check) return check(ctx, args, result, diff, started, outDir);
  const remove = args.clean ? diff.stale : [];
  await writeOutput({ outDir, shown: args.out, files: result.files, diff, remove, hook: pauseHook(ctx.env, ctx.stderr) });
  const written = diff.changed.length + diff.missing.length;
  const parts = [`${written} written`, `${diff.unchanged.length} unchanged`];
  if (remove.length > 0) parts.push(`${remove.length} removed`);
  if (!args.clean && diff.stale.length > 0) parts.push(`${diff.stale.length} no longer generated (--clean removes them)`);
  report(ctx, args, result, diff, started, parts.join(', '), remove);
  return failed ? ExitCode.error : ExitCode.ok;
}

/** `--workers`: auto, or a number of threads. */
function workersSetting(value: string | undefined): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if (/^[1-9]\d{0,2}$/.test(value)) return Number(value);
  throw new CliFailure(`--workers ${value}: use auto or a number of threads, e.g. --workers 2`, ExitCode.usage);
}

/** `--check`: every stale, missing, extra or foreign file and every leftover of a killed run fails it. */
async function check(ctx: CliContext, args: GenerateArgs, result: GenerateResult, diff: OutputDiff, started: number, outDir: string): Promise<number> {
  const shown = args.out ?? outDir;
  const lines = [
    ...diff.changed.map((p) => `${shown}/${p}: stale`),
    ...diff.missing.map((p) => `${shown}/${p}: missing`),
    ...diff.stale.map((p) => `${shown}/${p}: extra`),
    ...diff.foreign.map((p) => `${shown}/${p}: not written by crdgen (no banner), in the way of a generated file`),
    ...(await leftovers(outputPaths(outDir))).map((p) => `${relative(ctx.cwd, p) || p}: left by an interrupted run (crdgen generate removes it)`),
  ];
  if (!args.json) for (const line of lines) ctx.stderr(`${line}\n`);
  const verdict = lines.length === 0 ? 'up to date' : `${plural(lines.length, 'file')} out of date (run crdgen generate to update)`;
  report(ctx, args, result, diff, started, verdict);
  return lines.length > 0 || hasErrors(result.diagnostics) ? ExitCode.error : ExitCode.ok;
}

/** Why a run without errors has no kind to generate: no CRD in the inputs, or filters that leave none. */
function nothingToGenerate(args: GenerateArgs, inputs: readonly string[], options: GenerateOptions): string {
  const filters = [...options.include.map((s) => `--include ${s}`), ...options.exclude.map((s) => `--exclude ${s}`)];
  const where = args.fromCluster ? 'the cluster' : inputs.join(', ');
  if (filters.length > 0) return `${where}: ${filters.join(' ')} leave${filters.length === 1 ? 's' : ''} no kind to generate`;
  return `${where}: holds no CustomResourceDefinition to generate`;
}

/** An output folder given as a symlink is replaced where it points, and the symlink stays. */
const realOutDir = (outDir: string): Promise<string> => realpath(outDir).catch(() => outDir);

function report(ctx: CliContext, args: GenerateArgs, result: GenerateResult, diff: OutputDiff | undefined, started: number, outcome: string, removed: readonly string[] = []): void {
  const versions = result.kinds.length;
  const kinds = new Set(result.kinds.map((k) => `${k.kind}.${k.group}${k.variant ? ` ${k.variant}` : ''}`)).size;
  const { errors, warnings } = countBySeverity(result.diagnostics);
  if (args.json) {
    ctx.stdout(`${JSON.stringify({ ok: errors === 0, outcome, kinds, versions, files: result.files.map((f) => f.path), diff: diff ?? null, removed, diagnostics: result.diagnostics }, null, 2)}\n`);
    return;
  }
  printDiagnostics(result.diagnostics, ctx, { quiet: args.quiet ?? false, verbose: args.verbose ?? false });
  const counts = [plural(kinds, 'kind'), plural(versions, 'version'), plural(result.files.length, 'file')];
  if (errors > 0) counts.push(plural(errors, 'error'));
  if (warnings > 0) counts.push(plural(warnings, 'warning'));
  if (!args.quiet) ctx.stdout(`crdgen: ${counts.join(', ')}; ${outcome} in ${seconds(Date.now() - started)}\n`);
}
