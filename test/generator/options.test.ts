// The option table is the one source: the library type, the defaults and the flags' argument
// types are read off its rows, so a new row is a new field (checked by tsc: npm run typecheck).
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ArgsOf, ConfigOf, OptionsOf } from '../../src/generator/option-spec.js';
import { argKey, defaultsOf, flagName } from '../../src/generator/option-spec.js';
import { DEFAULT_OPTIONS, GENERATE_OPTION_TABLE, VERSION_CHOICES, type GenerateOptions } from '../../src/generator/options.js';
import type { CrdgenConfig, GenerateArgs } from '../../src/cli/cli-options.js';

describe('GenerateOptions, derived from GENERATE_OPTION_TABLE', () => {
  it('has one field per row, of the row kind\'s type', () => {
    expectTypeOf<GenerateOptions>().toEqualTypeOf<{
      readonly versions: 'served' | 'storage' | 'all';
      readonly runtime: string;
      readonly keepGoing: boolean;
      readonly include: readonly string[];
      readonly exclude: readonly string[];
      readonly renames: Readonly<Record<string, string>>;
      readonly validators: boolean;
    }>();
    expect(Object.keys(DEFAULT_OPTIONS)).toEqual(Object.keys(GENERATE_OPTION_TABLE));
  });

  it('a new row is a new field of the options, the config and the flags', () => {
    type Table = typeof GENERATE_OPTION_TABLE & {
      readonly strictEnums: { readonly kind: { readonly type: 'boolean' }; readonly default: false; readonly doc: 'x' };
      readonly header: { readonly kind: { readonly type: 'string' }; readonly doc: 'x'; readonly flag: 'banner-text' };
      readonly dryRun: { readonly kind: { readonly type: 'boolean' }; readonly doc: 'x'; readonly config: false };
      readonly workers: { readonly kind: { readonly type: 'integer'; readonly min: 1; readonly max: 64 }; readonly default: 1; readonly doc: 'x' };
    };
    expectTypeOf<OptionsOf<Table>['workers']>().toEqualTypeOf<number>();
    expectTypeOf<ArgsOf<Table>['workers']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<OptionsOf<Table>['strictEnums']>().toEqualTypeOf<boolean>();
    expectTypeOf<OptionsOf<Table>['header']>().toEqualTypeOf<string>();
    expectTypeOf<ConfigOf<Table>>().toHaveProperty('strictEnums');
    expectTypeOf<keyof ConfigOf<Table>>().toEqualTypeOf<keyof GenerateOptions | 'strictEnums' | 'header' | 'workers'>();
    expectTypeOf<ArgsOf<Table>>().toHaveProperty('bannerText');
    expectTypeOf<ArgsOf<Table>>().toHaveProperty('dryRun');
  });

  it('the CLI types follow the tables: flags camel-cased, records given as name=value strings', () => {
    expectTypeOf<GenerateArgs['rename']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<GenerateArgs['keepGoing']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<GenerateArgs['fromCluster']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<GenerateArgs['versions']>().toEqualTypeOf<'served' | 'storage' | 'all' | undefined>();
    expectTypeOf<GenerateArgs>().not.toHaveProperty('$schema');
    expectTypeOf<CrdgenConfig['renames']>().toEqualTypeOf<Readonly<Record<string, string>> | undefined>();
    expectTypeOf<CrdgenConfig>().not.toHaveProperty('watch');
    expectTypeOf<CrdgenConfig>().not.toHaveProperty('check');
  });
});

describe('DEFAULT_OPTIONS', () => {
  it('is each row\'s default, frozen all the way', () => {
    expect(DEFAULT_OPTIONS).toEqual({ versions: 'served', runtime: 'copy', keepGoing: false, include: [], exclude: [], renames: {}, validators: false });
    expect(Object.isFrozen(DEFAULT_OPTIONS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_OPTIONS.include)).toBe(true);
    expect(Object.isFrozen(DEFAULT_OPTIONS.renames)).toBe(true);
    expect(VERSION_CHOICES).toEqual(['served', 'storage', 'all']);
  });

  it('defaultsOf gives each row its default', () => {
    expect(defaultsOf({ a: { kind: { type: 'list' }, default: ['x'], doc: '' }, b: { kind: { type: 'boolean' }, default: true, doc: '' } })).toEqual({ a: ['x'], b: true });
  });
});

describe('flag names', () => {
  it.each([
    ['keepGoing', {}, 'keep-going', 'keepGoing'],
    ['renames', { flag: 'rename' }, 'rename', 'rename'],
    ['inputs', { flag: 'positional' }, 'inputs', 'inputs'],
    ['$schema', { flag: false }, undefined, undefined],
    ['fromCluster', {}, 'from-cluster', 'fromCluster'],
  ] as const)('%s %j: --%s, args.%s', (key, extra, flag, arg) => {
    const row = { kind: { type: 'boolean' }, doc: '', ...extra } as const;
    expect(flagName(key, row)).toBe(flag);
    expect(argKey(key, row)).toBe(arg);
  });
});
