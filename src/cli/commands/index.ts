import type { Argv } from 'yargs';
import type { CliContext } from '../context.js';
import type { CommandRun } from '../main.js';
import { registerGenerate } from './generate.js';
import { registerInit } from './init.js';
import { registerList } from './list.js';
import { registerScaffold } from './scaffold.js';
import { registerTestServer } from './test-server.js';

/** Adds one command to the program. Handlers set `run.exitCode`; failures throw CliFailure. */
export type RegisterCommand = (cli: Argv, ctx: CliContext, run: CommandRun) => Argv;

/** Every command of the CLI, in the order `--help` lists them. */
export const commands: readonly RegisterCommand[] = [registerGenerate, registerList, registerInit, registerScaffold, registerTestServer];
