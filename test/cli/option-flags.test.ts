// The flags and checks derived from option rows: a row of each kind becomes a yargs flag that
// parses as the row says, and a bad value is one line naming the flag or key.
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import type { OptionTable } from '../../src/generator/option-spec.js';
import { CliFailure } from '../../src/cli/context.js';
import { flagValue, optionsFromArgs, withFlags } from '../../src/cli/option-flags.js';
import { checkValue } from '../../src/cli/option-values.js';
import { GENERATE_OPTION_TABLE } from '../../src/generator/options.js';

const TABLE = {
  files: { kind: { type: 'list' }, doc: 'Files', flag: 'positional' },
  dryRun: { kind: { type: 'boolean' }, doc: 'Write nothing', alias: 'n' },
  mode: { kind: { type: 'enum', choices: ['fast', 'slow'] }, doc: 'How', help: 'How (default: fast)' },
  workers: { kind: { type: 'integer', min: 1, max: 8 }, doc: 'Threads' },
  labels: { kind: { type: 'record', shape: 'name -> value', keys: { pattern: '^[a-z]+$', problem: 'must be lower case' }, values: { pattern: '^.+$', problem: 'must not be empty' }, flagForm: 'name=value' }, doc: 'Labels', flag: 'label' },
} as const satisfies OptionTable;

/** Parses argv with the table's flags through real yargs; the help text and the parsed arguments. */
async function parsed(argv: string[]): Promise<{ args: Record<string, unknown>; help: string }> {
  const cli = withFlags(yargs().scriptName('t').command('$0 [files..]', 'test').strict().exitProcess(false).fail(false), TABLE);
  const args = (await cli.parseAsync(argv)) as Record<string, unknown>;
  let help = '';
  await cli.parseAsync(['--help'], {}, (_e, _a, output) => {
    help = output;
  });
  return { args, help };
}

describe('withFlags', () => {
  it('registers each row as the flag of its kind, in table order, with its help text', async () => {
    const { args, help } = await parsed(['a.yaml', 'b.yaml', '-n', '--mode', 'slow', '--workers', '3', '--label', 'x=1', '--label', 'y=2']);
    expect(args).toMatchObject({ files: ['a.yaml', 'b.yaml'], dryRun: true, mode: 'slow', workers: 3, label: ['x=1', 'y=2'] });
    const flags = [...help.matchAll(/--([a-z-]+)/g)].map((m) => m[1]);
    expect(flags.filter((f) => f !== 'help' && f !== 'version')).toEqual(['dry-run', 'mode', 'workers', 'label']);
    expect(help).toContain('How (default: fast)');
    expect(help).toContain('[choices: "fast", "slow"]');
    expect(help).toMatch(/-n, --dry-run/);
  });

  it('an enum flag refuses what is not a choice', async () => {
    await expect(parsed(['--mode', 'medium'])).rejects.toThrow(/Choices: "fast", "slow"/);
  });
});

describe('flagValue', () => {
  const fails = (key: keyof typeof TABLE, args: Record<string, unknown>) => {
    try {
      flagValue(key, TABLE[key], args);
    } catch (error) {
      expect(error).toBeInstanceOf(CliFailure);
      return (error as CliFailure).message;
    }
    return undefined;
  };

  it.each([
    ['workers', { workers: 9 }, '--workers: must be an integer from 1 to 8, got number 9'],
    ['workers', { workers: Number.NaN }, '--workers: must be an integer from 1 to 8, got number NaN'],
    ['labels', { label: ['x'] }, '--label x: use name=value'],
    ['labels', { label: ['X=1'] }, '--label X: must be lower case'],
    ['workers', { workers: 2 }, undefined],
  ] as const)('%s %j', (key, args, message) => {
    expect(fails(key, args)).toBe(message);
  });

  it('a record from flags is name -> value, later flags winning', () => {
    expect(flagValue('labels', TABLE.labels, { label: ['x=1', 'y=a=b', 'x=3'] })).toEqual({ x: '3', y: 'a=b' });
  });
});

describe('checkValue (the config file side)', () => {
  it.each([
    [TABLE.workers.kind, 0, 'k must be an integer from 1 to 8, got number 0'],
    [TABLE.workers.kind, 2.5, 'k must be an integer from 1 to 8, got number 2.5'],
    [TABLE.workers.kind, '2', 'k must be an integer from 1 to 8, got "2"'],
    [TABLE.mode.kind, 'medium', 'k must be one of fast, slow, got "medium"'],
    [TABLE.labels.kind, { ok: '' }, 'k.ok must not be empty, got ""'],
  ] as const)('%j %j', (kind, value, message) => {
    expect(() => checkValue(kind, 'k', value, (key, problem) => { throw new Error(`${key} ${problem}`); })).toThrow(message);
  });
});

describe('optionsFromArgs', () => {
  it('each flag over the config over the default; --rename adds to the config\'s renames', () => {
    const options = optionsFromArgs({ versions: 'all', rename: ['Pool=Basin'] }, { versions: 'storage', keepGoing: true, renames: { Lake: 'Pond', Pool: 'Reservoir' } });
    expect(options).toEqual({ versions: 'all', runtime: 'copy', keepGoing: true, include: [], exclude: [], renames: { Lake: 'Pond', Pool: 'Basin' }, validators: false });
    expect(Object.keys(options)).toEqual(Object.keys(GENERATE_OPTION_TABLE));
  });
});
