import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { hasBanner } from '../banner.js';
import type { EmittedFile, InputFile } from '../model.js';
import { CliFailure, STDIN_ARG, type CliContext } from './context.js';

const CRD_FILE = /\.(ya?ml|json)$/i;

/**
 * Reads the inputs the user named: files, folders (every *.yaml, *.yml, *.json below, sorted) and
 * `-` for standard input. Paths in messages stay as the user wrote them.
 */
export async function readInputs(inputs: readonly string[], ctx: CliContext): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const input of inputs) {
    if (input === '-' || input === STDIN_ARG) {
      files.push({ path: '<stdin>', text: await ctx.readStdin() });
      continue;
    }
    const absolute = resolve(ctx.cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new CliFailure(`${input}: no such file or folder (check the path)`);
    if (info.isDirectory()) {
      const found = await listCrdFiles(absolute);
      for (const file of found) files.push({ path: join(input, relative(absolute, file)), text: await readFile(file, 'utf8') });
    } else {
      files.push({ path: input, text: await readFile(absolute, 'utf8') });
    }
  }
  return files;
}

/** A folder's `.crdgenignore` names what folder reading leaves out: one name per line, `#` comments, `dir/` for folders only, `*` globs. */
export const IGNORE_FILE = '.crdgenignore';

async function ignoreRules(dir: string): Promise<Array<{ pattern: RegExp; dirOnly: boolean }>> {
  const text = await readFile(join(dir, IGNORE_FILE), 'utf8').catch(() => '');
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
 * `.crdgenignore` names (e.g. a chart's `templates/`, or invalid examples) are left out.
 */
async function listCrdFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const rules = await ignoreRules(dir);
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (rules.some((r) => r.pattern.test(entry.name) && (!r.dirOnly || entry.isDirectory()))) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listCrdFiles(path)));
    else if (entry.isFile() && CRD_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

/** How the output folder differs from what the generator made. */
export interface OutputDiff {
  readonly changed: readonly string[];
  readonly missing: readonly string[];
  readonly unchanged: readonly string[];
  /** Files under the output folder that carry our banner but are no longer generated. */
  readonly stale: readonly string[];
}

export async function diffOutput(outDir: string, files: readonly EmittedFile[]): Promise<OutputDiff> {
  const changed: string[] = [];
  const missing: string[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    const current = await readFile(join(outDir, file.path), 'utf8').catch(() => undefined);
    if (current === undefined) missing.push(file.path);
    else if (current !== file.contents) changed.push(file.path);
    else unchanged.push(file.path);
  }
  const wanted = new Set(files.map((f) => f.path));
  const stale = (await listGenerated(outDir)).filter((path) => !wanted.has(path));
  return { changed, missing, unchanged, stale };
}

/** Every .ts file below `outDir` that starts with the crdgen banner, as a `/` path relative to it. */
async function listGenerated(outDir: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') await visit(path);
      else if (entry.isFile() && entry.name.endsWith('.ts')) {
        const head = await readFile(path, 'utf8').then((t) => t.slice(0, 80), () => '');
        if (hasBanner(head)) out.push(relative(outDir, path).split(sep).join('/'));
      }
    }
  };
  await visit(outDir);
  return out.sort();
}

/** Writes new and changed files (each through a temporary file and a rename), then removes `remove`. */
export async function writeOutput(outDir: string, files: readonly EmittedFile[], diff: OutputDiff, remove: readonly string[]): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new CliFailure(`${outDir}: exists and is not a folder (choose another --out)`);
  const toWrite = new Set([...diff.changed, ...diff.missing]);
  for (const file of files) {
    if (!toWrite.has(file.path)) continue;
    const target = join(outDir, file.path);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.crdgen-${process.pid}.tmp`;
    await writeFile(temp, file.contents, 'utf8');
    await rename(temp, target);
  }
  for (const path of remove) {
    const target = join(outDir, path);
    await rm(target, { force: true });
    await removeEmptyParents(dirname(target), outDir);
  }
}

async function removeEmptyParents(dir: string, stop: string): Promise<void> {
  let current = dir;
  while (current.startsWith(stop) && current !== stop) {
    const ok = await rmdir(current).then(() => true, () => false);
    if (!ok) return;
    current = dirname(current);
  }
}
