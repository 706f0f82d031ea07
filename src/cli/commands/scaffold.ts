import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Project } from 'ts-morph';
import type { Argv } from 'yargs';
import { hasBanner } from '../../generator/emit/banner.js';
import { matchesSelector } from '../../generator/options.js';
import { SOURCE_OPTION_TABLE } from '../cli-options.js';
import { withFlags } from '../option-flags.js';
import { compareVersionPriority } from '../../kube/versions.js';
import { CliFailure, ExitCode, type CliContext } from '../context.js';
import type { CommandRun } from '../main.js';
import { loadConfig, outFor } from '../project.js';
import { clientFile, indexFile, indexModules, isUntouchedScaffold, type ScaffoldKind } from '../scaffold-text.js';

interface ScaffoldArgs {
  kinds?: string[];
  out?: string;
  generated?: string;
  apiVersion?: string;
  force?: boolean;
  validators?: boolean;
  config?: string;
}

export function registerScaffold(cli: Argv, ctx: CliContext, run: CommandRun): Argv {
  return cli.command(
    'scaffold [kinds..]',
    'Write an editable subclass per generated kind (class ExporterClient extends ExporterApi), once',
    (y) => {
      const own = y
        .positional('kinds', { type: 'string', array: true, describe: 'Kinds to scaffold: Kind, Kind.group or group (default: every generated kind)' })
        .option('out', { alias: 'o', type: 'string', describe: 'Folder for the editable files (default: clients/ beside the generated folder)' })
        .option('generated', { type: 'string', describe: 'The generated code to build on (default: the config\'s out)' })
        .option('api-version', { type: 'string', describe: 'Version to build on when a kind has several (default: the highest priority)' })
        .option('force', { type: 'boolean', describe: 'Replace scaffolded files that nobody has edited since (edited files are never replaced)' })
        .option('validators', { type: 'boolean', describe: 'Clients validate every whole-object write before sending (default: the config\'s validators)' });
      return withFlags(own, SOURCE_OPTION_TABLE, ['config'])
        .example('$0 scaffold', 'A client class for every generated kind, in clients/ beside the generated folder')
        .example('$0 scaffold Exporter -o src/clients --generated src/generated', 'Only Exporter');
    },
    async (args) => {
      run.exitCode = await runScaffold(args as ScaffoldArgs, ctx);
    },
  );
}

async function runScaffold(args: ScaffoldArgs, ctx: CliContext): Promise<number> {
  const loaded = await loadConfig(ctx, args.config);
  const generated = outFor(args.generated, loaded, ctx);
  if (!generated) throw new CliFailure('where is the generated code? pass --generated <dir>, or set "out" in crdgen.config.json (crdgen init)', ExitCode.usage);
  const out = args.out ?? join(dirname(generated), 'clients');
  if (out === '') throw new CliFailure('-o needs a folder name', ExitCode.usage);
  const generatedDir = resolve(ctx.cwd, generated);
  const outDir = resolve(ctx.cwd, out);
  if (outDir === generatedDir) throw new CliFailure(`-o ${out} is the generated folder: scaffold into a folder of your own`, ExitCode.usage);
  const all = await readGeneratedKinds(generatedDir);
  if (all.length === 0) throw new CliFailure(`${generated}: no generated kinds found (run crdgen generate first)`);
  const chosen = choose(all, args.kinds ?? [], args.apiVersion);
  const validators = args.validators ?? loaded?.config.validators === true;
  const without = validators ? chosen.filter((k) => !k.validators) : [];
  if (without.length > 0) {
    const names = without.map((k) => `${k.kind}.${k.group}`).join(', ');
    throw new CliFailure(`--validators: ${generated} was generated without validators (${names}); set "validators": true in the config (or pass --validators) and run crdgen generate first`);
  }
  const names = new Map<string, ScaffoldKind>();
  for (const kind of chosen) {
    const other = names.get(basename(kind.file));
    if (other) {
      throw new CliFailure(`${kind.kind}.${kind.group} and ${other.kind}.${other.group} would both be ${basename(kind.file)}: scaffold them one at a time into different folders (-o)`);
    }
    names.set(basename(kind.file), kind);
  }
  const files = chosen.map((kind) => {
    const target = join(outDir, basename(kind.file));
    const fromOut = relative(outDir, kind.file).split(sep).join('/').replace(/\.ts$/, '.js');
    return { target, contents: clientFile(kind, fromOut.startsWith('.') ? fromOut : `./${fromOut}`, validators), module: `./${basename(kind.file, '.ts')}.js` };
  });
  const results = await Promise.all(files.map((f) => place(f.target, f.contents, args.force ?? false)));
  const shown = (path: string) => relative(ctx.cwd, path) || path;
  let written = 0;
  let skipped = 0;
  files.forEach((f, i) => {
    const result = results[i] as Placement;
    if (result === 'written' || result === 'replaced') written++;
    if (result.startsWith('skipped')) skipped++;
    ctx.stdout(`${shown(f.target)}: ${result}\n`);
  });
  const indexPath = join(outDir, 'index.ts');
  const existingIndex = await readFile(indexPath, 'utf8').catch(() => undefined);
  const modules = files.map((f) => f.module);
  const missing = existingIndex === undefined ? modules : modules.filter((m) => !indexModules(existingIndex).includes(m));
  if (missing.length > 0) {
    const contents = indexFile([...(existingIndex === undefined ? [] : indexModules(existingIndex)), ...modules]);
    const result = await place(indexPath, contents, args.force ?? false);
    if (result.startsWith('skipped')) {
      skipped++;
      ctx.stdout(`${shown(indexPath)}: ${result}; add ${missing.map((m) => `export * from '${m}';`).join(' ')}\n`);
    } else {
      written++;
      ctx.stdout(`${shown(indexPath)}: ${result}\n`);
    }
  }
  ctx.stdout(`crdgen: scaffold ${chosen.length === 1 ? '1 kind' : `${chosen.length} kinds`}: ${written} written, ${skipped} skipped (existing files are never overwritten)\n`);
  return ExitCode.ok;
}

type Placement = 'written' | 'replaced' | `skipped: ${string}`;

/** Writes `contents` unless a file is there; with `force`, replaces a scaffolded file nobody edited. */
async function place(target: string, contents: string, force: boolean): Promise<Placement> {
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current === undefined) {
    await mkdir(dirname(target), { recursive: true });
    const created = await writeFile(target, contents, { flag: 'wx' }).then(() => true, () => false);
    return created ? 'written' : 'skipped: exists';
  }
  if (!force) return 'skipped: exists (yours to edit; crdgen never overwrites it)';
  if (current === contents) return 'skipped: exists, up to date';
  if (!isUntouchedScaffold(current)) return 'skipped: edited since it was scaffolded (never replaced; delete it to scaffold it again)';
  await writeFile(target, contents);
  return 'replaced';
}

/** The kinds the selectors name, one version each; a selector that names nothing is an error. */
function choose(all: readonly ScaffoldKind[], selectors: readonly string[], apiVersion: string | undefined): ScaffoldKind[] {
  const matches = (s: string, k: ScaffoldKind) => matchesSelector(s, k.group, k.kind, k.plural);
  for (const s of selectors) {
    if (!all.some((k) => matches(s, k))) {
      const known = [...new Set(all.map((k) => `${k.kind}.${k.group}`))].sort().join(', ');
      throw new CliFailure(`no generated kind matches ${s} (generated: ${known})`);
    }
  }
  const picked = selectors.length === 0 ? all : all.filter((k) => selectors.some((s) => matches(s, k)));
  const byKind = new Map<string, ScaffoldKind[]>();
  for (const k of picked) byKind.set(`${k.kind}.${k.group}`, [...(byKind.get(`${k.kind}.${k.group}`) ?? []), k]);
  const out: ScaffoldKind[] = [];
  for (const [name, versions] of [...byKind].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ordered = [...versions].sort((a, b) => compareVersionPriority(a.version, b.version) || a.file.length - b.file.length);
    const one = apiVersion === undefined ? ordered[0] : ordered.find((k) => k.version === apiVersion);
    if (!one) throw new CliFailure(`${name} has no generated version ${apiVersion} (generated: ${ordered.map((k) => k.version).join(', ')})`);
    out.push(one);
  }
  return out;
}

/**
 * Every generated kind file below `dir` (files with the generated banner that declare a resource
 * descriptor and an API class), read with the TypeScript parser rather than by pattern.
 */
async function readGeneratedKinds(dir: string): Promise<ScaffoldKind[]> {
  // Loaded here, not at start-up: ts-morph costs ~0.3 s to import.
  const morph = await import('ts-morph');
  const project = new morph.Project({ useInMemoryFileSystem: true });
  const out: ScaffoldKind[] = [];
  const visit = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'runtime' && entry.name !== 'node_modules') await visit(path);
      else if (entry.isFile() && entry.name.endsWith('.ts') && entry.name !== 'index.ts') {
        const text = await readFile(path, 'utf8');
        if (!hasBanner(text)) continue;
        const kind = describeKindFile(morph, project, path, text);
        if (kind) out.push(kind);
      }
    }
  };
  await visit(dir);
  return out;
}

function describeKindFile(morph: typeof import('ts-morph'), project: Project, path: string, text: string): ScaffoldKind | undefined {
  const { Node, SyntaxKind } = morph;
  const file = project.createSourceFile(`/scan/${scanName(path)}`, text, { overwrite: true });
  try {
    const api = file.getClasses().find((c) => c.isExported() && /\bAbstractAsyncCustomObjectApi\b/.test(c.getExtends()?.getText() ?? ''));
    const resource = file.getVariableDeclarations().find((d) => d.getName().endsWith('Resource'));
    const literal = resource?.getInitializer()?.getFirstDescendantByKind(SyntaxKind.ObjectLiteralExpression);
    if (!api || !literal) return undefined;
    const field = (name: string): string | undefined => {
      const init = literal.getProperty(name);
      const value = init && Node.isPropertyAssignment(init) ? init.getInitializer() : undefined;
      return value && Node.isStringLiteral(value) ? value.getLiteralValue() : undefined;
    };
    const [group, version, kind, plural] = [field('group'), field('version'), field('kind'), field('plural')];
    const typeName = api.getExtends()?.getTypeArguments()[0]?.getText();
    if (group === undefined || version === undefined || kind === undefined || plural === undefined) return undefined;
    const root = typeName === undefined ? undefined : file.getInterface(typeName);
    const properties = root?.getProperties().map((p) => p.getName()) ?? [];
    const validators = file.getFunctions().some((f) => f.isExported() && /^validate[A-Z]/.test(f.getName() ?? ''));
    return { file: path, group, version, kind, plural, apiName: api.getName() ?? `${kind}Api`, properties, validators };
  } finally {
    project.removeSourceFile(file);
  }
}

const scanName = (path: string): string => path.replace(/[^A-Za-z0-9.]/g, '_');
