import type { Argv } from 'yargs';
import type { CliContext } from '../context.js';
import type { CommandRun } from '../main.js';

export function registerGenerate(cli: Argv, ctx: CliContext, run: CommandRun): Argv {
  return cli.command(
    'generate [inputs..]',
    'Generate TypeScript from CRD files, folders or stdin (-)',
    (y) => y.positional('inputs', { type: 'string', array: true }),
    async () => {
      ctx.stdout('not wired yet\n');
      run.exitCode = 1;
    },
  );
}
