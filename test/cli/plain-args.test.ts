// plain-args.ts reads a plain `crdgen generate ...` without yargs: for every argument list it
// takes, it gives what yargs gives to the generate command (same program definition: the
// generate command with withFlags(GENERATE_TABLE)); everything else it leaves to yargs.
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { GENERATE_TABLE } from '../../src/cli/cli-options.js';
import { STDIN_ARG } from '../../src/cli/context.js';
import { withFlags } from '../../src/cli/option-flags.js';
import { plainGenerateArgs } from '../../src/cli/plain-args.js';

/** The arguments yargs hands the generate command's handler, or the failure message. */
async function yargsArgs(argv: readonly string[]): Promise<unknown> {
  let got: unknown;
  await yargs([...argv])
    .scriptName('crdgen')
    .version(false)
    .command('generate [inputs..]', 'generate', (y) => withFlags(y, GENERATE_TABLE), (args) => {
      got = args;
    })
    .strict()
    .help()
    .exitProcess(false)
    .fail((message) => {
      got = `failed: ${message}`;
    })
    .parseAsync();
  return got;
}

const plain: string[][] = [
  ['generate', 'crds', '-o', 'out'],
  ['generate', 'crds/a.yaml', 'crds/b.yaml', '--out', 'src/generated', '--quiet'],
  ['generate', 'crds', '-o', 'out', '--no-cache'],
  ['generate', 'crds', '-o', 'out', '--cache', 'bench/out/cache'],
  ['generate', 'crds', '--out=out', '--cache=.c', '--check', '--json', '-q'],
  ['generate', '--check', 'crds', '-o', 'out', '--versions', 'all', '--workers', '2'],
  ['generate', 'crds', '-o', 'out', '--runtime', 'crdgen/runtime', '--clean', '--verbose', '--report', 'r.json'],
  ['generate', STDIN_ARG, '-o', 'out', '--no-clean', '--from-cluster'],
  ['generate', '-o', 'out'],
  ['generate'],
];

const others: string[][] = [
  ['generate', '--help'],
  ['generate', '-h'],
  ['list', 'crds'],
  ['generate', 'crds', '--ouT', 'x'],
  ['generate', 'crds', '--out'],
  ['generate', 'crds', '--out', '--quiet'],
  ['generate', 'crds', '-o', 'a', '-o', 'b'],
  ['generate', 'crds', '--out', 'a', '-o', 'b'],
  ['generate', 'crds', '--fromCluster'],
  ['generate', 'crds', '--unknown'],
  ['generate', 'crds', '--versions', 'some'],
  ['generate', 'crds', '--quiet=false'],
  ['generate', 'crds', '--', '-o'],
  ['generate', 'crds', '-qo', 'x'],
  ['generate', 'crds', '--include', 'a', 'b'],
];

describe('plain generate arguments', () => {
  it.each(plain.map((argv) => [argv.join(' '), argv]))('%s: what yargs gives', async (_name, argv) => {
    const ours = plainGenerateArgs(argv);
    expect(ours).toBeDefined();
    expect(ours).toEqual(await yargsArgs(argv));
  });

  it.each(others.map((argv) => [argv.join(' '), argv]))('%s: left to yargs', (_name, argv) => {
    expect(plainGenerateArgs(argv)).toBeUndefined();
  });
});
