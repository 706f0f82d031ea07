import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { InputFile } from '../model.js';
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
