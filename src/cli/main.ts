import type { Argv } from 'yargs';
import { CliFailure, ExitCode, STDIN_ARG, type CliContext } from './context.js';
import { TOP_OPTION_TABLE } from './cli-options.js';
import type { RegisterCommand } from './commands/index.js';
import { runGenerateCommand } from './commands/generate.js';
import { yargsOption } from './option-flags.js';
import { plainGenerateArgs } from './plain-args.js';
import { COMMAND_NAMES, crdgenVersion, explainUsage, flagsInHelp, typedCommand } from './usage.js';

/** The result a command handler reports; the exit code of the whole run. */
export interface CommandRun {
  exitCode: number;
}

/**
 * What a run that is not a plain `crdgen generate ...` loads: yargs and every command (a plain
 * generate run needs neither, and loads only the generate command's modules).
 */
interface Program {
  readonly yargs: (typeof import('yargs'))['default'];
  readonly commands: readonly RegisterCommand[];
}

/** Builds the yargs program; each command handler stores its exit code in `run`. */
function buildCli(program: Program, argv: readonly string[], ctx: CliContext, run: CommandRun): Argv {
  let cli: Argv = program
    .yargs([...argv])
    .scriptName('crdgen')
    .usage('$0 <command> [options]\n\nTypeScript types and typed API clients from Kubernetes CustomResourceDefinitions.')
    .wrap(Math.min(110, ctx.columns ?? 100))
    // Answered in main(), before yargs: listed here for --help, and only at the top level.
    .version(false)
    .option('version', { ...yargsOption(TOP_OPTION_TABLE.version), global: false });
  for (const register of program.commands) cli = register(cli, ctx, run);
  return cli
    .demandCommand(1, 'Specify a command (see crdgen --help)')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .exitProcess(false)
    .showHelpOnFail(false)
    .fail((message, error) => {
      if (error) throw error;
      throw new CliFailure(explainUsage(message, argv, flagsOf(program, typedCommand(argv), ctx)) ?? message, ExitCode.usage);
    });
}

/** The flags `crdgen <command> --help` lists (the global ones without a command). */
function flagsOf(program: Program, command: string | undefined, ctx: CliContext): string[] {
  let help = '';
  const known = command !== undefined && (COMMAND_NAMES as readonly string[]).includes(command);
  buildCli(program, known ? [command, '--help'] : ['--help'], ctx, { exitCode: 0 }).parse(known ? [command, '--help'] : ['--help'], {}, (_err, _args, output) => {
    help = output;
  });
  return flagsInHelp(help);
}

/**
 * yargs renders a command's whole help text as soon as its handler starts, to have it at hand
 * should the handler fail (crdgen never shows help on a failure: showHelpOnFail(false)); that is
 * ~50-80 ms of every run. --help itself renders it when asked. A yargs without this internal hook
 * is left as it is.
 */
function skipHelpCaching(cli: Argv): void {
  type Usage = { cacheHelpMessage?: () => void };
  const usage = (cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => Usage } }).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 error or stale output, 2 usage error.
 * Never throws and never prints a stack trace for an expected failure.
 */
export async function main(argv: readonly string[], ctx: CliContext): Promise<number> {
  const run: CommandRun = { exitCode: ExitCode.ok };
  // yargs drops a lone `-` from positionals; carry it through as a token of our own.
  argv = argv.map((arg) => (arg === '-' ? STDIN_ARG : arg));
  if (argv.length === 1 && argv[0] === '--version') {
    ctx.stdout(`${crdgenVersion()}\n`);
    return ExitCode.ok;
  }
  try {
    // A plain `crdgen generate ...` runs without loading yargs (see plain-args.ts).
    const plain = plainGenerateArgs(argv);
    if (plain) return await runGenerateCommand(plain, ctx);
    const [{ default: yargs }, { commands }] = await Promise.all([import('yargs'), import('./commands/index.js')]);
    const cli = buildCli({ yargs, commands }, argv, ctx, run);
    skipHelpCaching(cli);
    let helpText: string | undefined;
    await cli.parseAsync([...argv], {}, (_err, _args, output) => {
      if (output) helpText = output;
    });
    if (helpText !== undefined) ctx.stdout(helpText.endsWith('\n') ? helpText : `${helpText}\n`);
    return run.exitCode;
  } catch (error) {
    if (error instanceof CliFailure) {
      ctx.stderr(`crdgen: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    ctx.stderr(`crdgen: internal error: ${message}\n`);
    if (ctx.env.CRDGEN_DEBUG && error instanceof Error && error.stack) ctx.stderr(`${error.stack}\n`);
    return ExitCode.error;
  }
}
