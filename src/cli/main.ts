import yargs, { type Argv } from 'yargs';
import { CliFailure, ExitCode, STDIN_ARG, type CliContext } from './context.js';
import { commands } from './commands/index.js';

/** The result a command handler reports; the exit code of the whole run. */
export interface CommandRun {
  exitCode: number;
}

/** Builds the yargs program; each command handler stores its exit code in `run`. */
export function buildCli(argv: readonly string[], ctx: CliContext, run: CommandRun): Argv {
  let cli = yargs([...argv])
    .scriptName('crdgen')
    .usage('$0 <command> [options]\n\nTypeScript types and typed API clients from Kubernetes CustomResourceDefinitions.')
    .wrap(Math.min(110, ctx.columns ?? 100));
  for (const register of commands) cli = register(cli, ctx, run);
  return cli
    .demandCommand(1, 'Specify a command (see crdgen --help)')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .exitProcess(false)
    .showHelpOnFail(false)
    .fail((message, error) => {
      if (error) throw error;
      throw new CliFailure(message, ExitCode.usage);
    });
}

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 error or stale output, 2 usage error.
 * Never throws and never prints a stack trace for an expected failure.
 */
export async function main(argv: readonly string[], ctx: CliContext): Promise<number> {
  const run: CommandRun = { exitCode: ExitCode.ok };
  // yargs drops a lone `-` from positionals; carry it through as a token of our own.
  argv = argv.map((arg) => (arg === '-' ? STDIN_ARG : arg));
  const cli = buildCli(argv, ctx, run);
  try {
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
