import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { CONFIG_FILE, CONFIG_SCHEMA_PATH, PACKAGE_KEY } from '../config.js';
import { CliFailure, ExitCode, type CliContext } from '../context.js';
import type { CommandRun } from '../main.js';
import { CEL_JS, CEL_JS_INSTALL } from '../../validation/cel/package.js';

interface InitArgs {
  inputs?: string;
  out?: string;
  validators?: boolean;
  yes?: boolean;
}

const DEFAULTS = { inputs: 'crds', out: 'src/generated' } as const;
const SCRIPT_COMMAND = 'crdgen generate';
/** Names tried in order for the npm script; the first free one is taken. */
const SCRIPT_NAMES = ['generate', 'generate:crds', 'crdgen', 'crdgen:generate'] as const;
const SCHEMA_REF = `./node_modules/crdgen/${CONFIG_SCHEMA_PATH}`;
const VALIDATORS_QUESTION = 'Generate validators (isKind, validateKind, validate: true on writes)? yes/no';

/** Whether package.json lists `name` among its dependencies of any kind. */
function dependsOn(pkg: PackageJson | undefined, name: string): boolean {
  const lists = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].map((k) => pkg?.json[k]);
  return lists.some((list) => typeof list === 'object' && list !== null && Object.hasOwn(list, name));
}

export function registerInit(cli: Argv, ctx: CliContext, run: CommandRun): Argv {
  return cli.command(
    'init',
    'Write crdgen.config.json and a "generate" npm script (asks on a terminal; never overwrites)',
    (y) =>
      y
        .option('inputs', { type: 'string', describe: `CRD file or folder (default: ${DEFAULTS.inputs})` })
        .option('out', { alias: 'o', type: 'string', describe: `Output folder (default: ${DEFAULTS.out})` })
        .option('validators', { type: 'boolean', describe: 'Generate validators: isKind, validateKind, validate: true (default: no)' })
        .option('yes', { alias: 'y', type: 'boolean', describe: 'Ask nothing: take the defaults (always so without a terminal)' })
        .example('$0 init', 'Set up crdgen in this package')
        .example('$0 init --inputs charts/app/crds -o src/k8s', 'Set up with other folders'),
    async (args) => {
      run.exitCode = await runInit(args as InitArgs, ctx);
    },
  );
}

async function runInit(args: InitArgs, ctx: CliContext): Promise<number> {
  for (const key of ['inputs', 'out'] as const) {
    if (args[key] === '') throw new CliFailure(`--${key} needs a value`, ExitCode.usage);
  }
  const pkgPath = join(ctx.cwd, 'package.json');
  const pkgText = await readFile(pkgPath, 'utf8').catch(() => undefined);
  const pkg = pkgText === undefined ? undefined : parsePackage(pkgText);
  const configPath = join(ctx.cwd, CONFIG_FILE);
  const existing = await readFile(configPath, 'utf8').catch(() => undefined);
  const say = (line: string) => ctx.stdout(`${line}\n`);

  if (existing !== undefined) say(`${CONFIG_FILE}: exists, kept as it is`);
  else if (pkg !== undefined && Object.hasOwn(pkg.json, PACKAGE_KEY)) say(`package.json: has a "${PACKAGE_KEY}" config, kept as it is`);
  else {
    const ask = !args.yes && ctx.isTTY && ctx.prompt !== undefined ? ctx.prompt : undefined;
    const inputs = args.inputs ?? (ask ? await question(ask, 'CRD files or folder', DEFAULTS.inputs) : DEFAULTS.inputs);
    const out = args.out ?? (ask ? await question(ask, 'Output folder for the generated code', DEFAULTS.out) : DEFAULTS.out);
    const validators = args.validators ?? (ask ? /^y(es)?$/i.test(await question(ask, VALIDATORS_QUESTION, 'no')) : false);
    const config = { $schema: SCHEMA_REF, inputs: [inputs], out, validators };
    await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });
    say(`${CONFIG_FILE}: written (inputs ${inputs}, out ${out}, validators ${validators ? 'on' : 'off'})`);
    if (validators && !dependsOn(pkg, CEL_JS.name)) say(`validators: the generated code imports ${CEL_JS.name}; ${CEL_JS_INSTALL}`);
    if (extname(inputs) === '') {
      const made = await mkdir(resolve(ctx.cwd, inputs), { recursive: true });
      if (made !== undefined) say(`${inputs}/: created; put your CRD YAML files there`);
    }
  }

  const script = await addScript(pkgPath, pkg, say);
  say(`next: put CRDs in the inputs, run ${script === undefined ? `npx ${SCRIPT_COMMAND}` : `npm run ${script}`}; in CI, npx crdgen generate --check`);
  return ExitCode.ok;
}

/** Adds the npm script (under the first free name) and returns the name that runs crdgen generate. */
async function addScript(pkgPath: string, pkg: PackageJson | undefined, say: (line: string) => void): Promise<string | undefined> {
  if (pkg === undefined) {
    say(`package.json: none here; add a script that runs "${SCRIPT_COMMAND}" (or run npm init -y, then crdgen init again)`);
    return undefined;
  }
  const scripts = pkg.json.scripts ?? {};
  const already = Object.entries(scripts).find(([, command]) => command === SCRIPT_COMMAND);
  if (already) {
    say(`package.json: script "${already[0]}" already runs ${SCRIPT_COMMAND}`);
    return already[0];
  }
  const name = freeScriptName(scripts);
  const taken = name === SCRIPT_NAMES[0] ? '' : ` ("generate" is taken by: ${scripts.generate ?? ''})`;
  const json = { ...pkg.json, scripts: { ...scripts, [name]: SCRIPT_COMMAND } };
  await writeFile(pkgPath, `${JSON.stringify(json, null, pkg.indent)}${pkg.newline ? '\n' : ''}`);
  say(`package.json: added script "${name}": "${SCRIPT_COMMAND}"${taken}`);
  return name;
}

/** The first of SCRIPT_NAMES not taken, else `generate:crds:2`, `:3`, ... */
export function freeScriptName(scripts: Readonly<Record<string, string>>): string {
  const free = SCRIPT_NAMES.find((n) => !Object.hasOwn(scripts, n));
  if (free) return free;
  for (let n = 2; ; n++) if (!Object.hasOwn(scripts, `generate:crds:${n}`)) return `generate:crds:${n}`;
}

interface PackageJson {
  readonly json: { readonly scripts?: Readonly<Record<string, string>>; readonly [key: string]: unknown };
  readonly indent: string | number;
  readonly newline: boolean;
}

/** package.json with its formatting (indent, final newline), so that a rewrite changes one line. */
function parsePackage(text: string): PackageJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliFailure(`package.json: not valid JSON (${error instanceof Error ? error.message : String(error)}); fix it, then run crdgen init again`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CliFailure('package.json: is not a JSON object; fix it, then run crdgen init again');
  const scripts = (json as { scripts?: unknown }).scripts;
  if (scripts !== undefined && (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts))) {
    throw new CliFailure('package.json: "scripts" is not an object; fix it, then run crdgen init again');
  }
  const indent = /^[{[]\r?\n(\s+)/.exec(text)?.[1] ?? 2;
  return { json: json as PackageJson['json'], indent: indent === '\t' ? '\t' : typeof indent === 'string' ? indent.length : indent, newline: text.endsWith('\n') };
}

async function question(ask: (q: string) => Promise<string>, what: string, fallback: string): Promise<string> {
  const answer = (await ask(`${what} [${fallback}]: `)).trim();
  return answer === '' ? fallback : answer;
}
