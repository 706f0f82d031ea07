import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { InputFile } from '../generator/model.js';
import { CliFailure, STDIN_ARG, type CliContext } from './context.js';
import { globToRegExp, isGlob, splitGlob } from './glob.js';
import { followEntry, readCrdFile, readFailure } from './read-file.js';
import { isUrl, readUrl } from './url.js';

const CRD_FILE = /\.(ya?ml|json)$/i;

/**
 * Reads the inputs the user named: files, folders (every *.yaml, *.yml, *.json below, sorted),
 * globs (`crds/**\/*.yaml`), https URLs and `-` for standard input. Paths in messages stay as the
 * user wrote them. An input that names nothing fails in one line.
 */
export async function readInputs(inputs: readonly string[], ctx: CliContext): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const input of inputs) {
    if (input === '-' || input === STDIN_ARG) files.push({ path: '<stdin>', text: await ctx.readStdin() });
    else if (isUrl(input)) files.push({ path: input, text: await readUrl(input, { caFile: ctx.env.CRDGEN_CA_FILE || undefined }) });
    else files.push(...(await readPath(input, ctx)));
  }
  return files;
}

async function readPath(input: string, ctx: CliContext): Promise<InputFile[]> {
  const absolute = resolve(ctx.cwd, input);
  const info = await stat(absolute).catch(() => undefined);
  if (!info && isGlob(input)) return readGlob(input, ctx);
  if (!info) throw new CliFailure(`${input}: no such file or folder (check the path)`);
  if (!info.isDirectory()) return [{ path: input, text: await readCrdFile(absolute, input) }];
  const shown = (file: string) => join(input, relative(absolute, file));
  const found = await listCrdFiles(absolute, shown);
  return Promise.all(found.map(async (file) => ({ path: shown(file), text: await readCrdFile(file, shown(file)) })));
}

/** The CRD files below the glob's folder whose path matches it (folder reading's rules apply). */
async function readGlob(glob: string, ctx: CliContext): Promise<InputFile[]> {
  const { base, pattern } = splitGlob(glob);
  const root = resolve(ctx.cwd, base);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliFailure(`${glob}: no such folder ${base} (check the path)`);
  const matcher = globToRegExp(pattern);
  const shown = (file: string) => (base === '.' ? relative(root, file) : join(base, relative(root, file)));
  const found = (await listCrdFiles(root, shown)).filter((file) => matcher.test(relative(root, file).split(sep).join('/')));
  if (found.length === 0) throw new CliFailure(`${glob}: matches no *.yaml, *.yml or *.json file (check the pattern)`);
  return Promise.all(found.map(async (file) => ({ path: shown(file), text: await readCrdFile(file, shown(file)) })));
}

/** A folder's `.crdgenignore` names what folder reading leaves out: one name per line, `#` comments, `dir/` for folders only, `*` globs. */
const IGNORE_FILE = '.crdgenignore';

/**
 * The rules of `dir`'s `.crdgenignore` (none when it has none). One that is there but cannot be read
 * fails the run: going on without it would read what the user meant to leave out.
 */
async function ignoreRules(dir: string, shown: (path: string) => string): Promise<Array<{ pattern: RegExp; dirOnly: boolean }>> {
  const path = join(dir, IGNORE_FILE);
  const fix = `make it a readable file or remove it (it lists what crdgen leaves out of ${shown(dir) || '.'})`;
  const fail = (error: unknown): never => {
    throw new CliFailure(`${readFailure(shown(path), error).message}; ${fix}`);
  };
  // A missing file is no rules; a symbolic link pointing nowhere is an unreadable one.
  const info = await stat(path).catch(async (error: unknown) => ((error as NodeJS.ErrnoException).code === 'ENOENT' && !(await lstat(path).catch(() => undefined)) ? undefined : fail(error)));
  if (info === undefined) return [];
  if (!info.isFile()) throw new CliFailure(`${shown(path)}: not a regular file; ${fix}`);
  const text = await readFile(path, 'utf8').catch(fail);
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const dirOnly = line.endsWith('/');
      const glob = line.replace(/^\/+|\/+$/g, '');
      const source = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
      return { pattern: new RegExp(`^${source}$`), dirOnly };
    });
}

/**
 * Every *.yaml, *.yml and *.json below `dir`, sorted; dot-folders, node_modules and what a
 * `.crdgenignore` names (e.g. a chart's `templates/`, or invalid examples) are left out. A folder
 * that cannot be read is one error naming it as `shown` gives it (the user's spelling).
 */
async function listCrdFiles(dir: string, shown: (path: string) => string, seen: Set<string> = new Set()): Promise<string[]> {
  // A folder reached again through a symbolic link (a loop) is read once.
  const real = await realpath(dir);
  if (seen.has(real)) return [];
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw readFailure(shown(dir), error);
  });
  const rules = await ignoreRules(dir, shown);
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (rules.some((r) => r.pattern.test(entry.name) && (!r.dirOnly || entry.isDirectory()))) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listCrdFiles(path, shown, seen)));
    else if (entry.isFile()) {
      if (CRD_FILE.test(entry.name)) out.push(path);
    } else if (entry.isSymbolicLink() || CRD_FILE.test(entry.name)) {
      const target = await followEntry(path, shown(path));
      if (target.kind === 'dir') out.push(...(await listCrdFiles(path, shown, seen)));
      else if (CRD_FILE.test(entry.name)) out.push(path);
    }
  }
  return out;
}
